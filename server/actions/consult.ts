/** 三问决策 (S1.4): residents comment and vote in a consultation's open phase; the office opens each phase and closes it with its answer. */
import { z } from 'zod';
import { CONSULT_LIMITS, CONSULT_PHASES, CONSULT_TEXT } from '../../miniprogram/shared/survey';
import { checkText } from '../content';
import { decodeCursor, findMany, findPage, getById, insert, _ } from '../db';
import { AppError } from '../errors';
import { maskPhonesIn } from '../domain/privacy';
import { requestId } from '../domain/requestNo';
import type { Actions } from '../serve';
import { clientIdSchema, cursorSchema, idSchema, text } from '../schemas';
import { newBallot } from '../ballot';
import {
  consultBrief,
  consultView,
  loadConsult,
  movePhase,
  openPhaseOf,
  voteId,
  type CommentDoc,
  type ConsultDoc,
  type VoteDoc,
} from '../consultations';

const versionSchema = z.number().int().min(0).max(1_000_000);
const PAGE = 20;

/** The caller's vote in each phase (one read by the keyed hashes). */
async function myVotes(d: ConsultDoc, openid: string): Promise<(number | null)[]> {
  // Once every phase closed the key is gone: nobody's votes, the caller's included, can be found.
  if (!d.ballotKey) return [];
  const ids = d.phases.map((p, i) => (p.state === 'pending' ? null : voteId(d, i, openid)));
  const wanted = ids.filter((x): x is string => x !== null);
  if (!wanted.length) return [];
  const found = await findMany<VoteDoc>(
    'consult_votes',
    { _id: _.in(wanted) },
    { limit: wanted.length, fields: { phase: true, option: true } },
  );
  return d.phases.map((_p, i) => found.find((v) => v.phase === i)?.option ?? null);
}

const commentView = (c: CommentDoc) => ({ id: c._id, phase: CONSULT_PHASES[c.phase]!.label, text: c.text, at: c.createdAt });

export const consultActions: Actions<'consult'> = {
  list: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['resident'],
    run: async ({ caller }, { cursor }) => {
      const where = caller.roles.includes('admin') ? {} : { published: true };
      const page = await findPage<ConsultDoc>(
        'consultations',
        where,
        decodeCursor(cursor),
        PAGE,
        { ballotKey: false, events: false },
        {
          field: 'updatedAt',
          dir: 'desc',
        },
      );
      return { items: page.items.map(consultBrief), cursor: page.cursor };
    },
  },
  get: {
    input: z.strictObject({ consultId: idSchema }),
    roles: ['resident'],
    run: async ({ caller }, { consultId }) => {
      const d = await loadConsult(consultId, caller.roles.includes('admin'));
      return consultView(d, await myVotes(d, caller.openid));
    },
  },
  comments: {
    input: z.strictObject({ consultId: idSchema, phase: z.number().int().min(0).max(2), cursor: cursorSchema }),
    roles: ['resident'],
    run: async ({ caller }, { consultId, phase, cursor }) => {
      await loadConsult(consultId, caller.roles.includes('admin'));
      const page = await findPage<CommentDoc>('consult_comments', { consultId, phase }, decodeCursor(cursor), PAGE);
      return { items: page.items.map(commentView), cursor: page.cursor };
    },
  },
  comment: {
    input: z.strictObject({ consultId: idSchema, clientId: clientIdSchema, text: text(CONSULT_TEXT.comment) }),
    roles: ['resident'],
    limit: 'text',
    retried: async ({ caller }, { clientId }) => {
      const prev = await getById<CommentDoc>('consult_comments', `cm-${requestId(caller.openid, clientId)}`);
      return prev ? { ...commentView(prev), duplicate: true } : null;
    },
    run: async ({ caller, now }, input) => {
      const d = await loadConsult(input.consultId, caller.roles.includes('admin'));
      const phase = openPhaseOf(d);
      if (phase === null) throw new AppError('CONFLICT', '现在不在征询阶段，暂不能发表意见');
      await checkText(caller.openid, input.text);
      // The id says who only to someone who knows both the openid and the app's id of the comment.
      const doc: CommentDoc = {
        _id: `cm-${requestId(caller.openid, input.clientId)}`,
        consultId: d._id,
        phase,
        text: maskPhonesIn(input.text),
        createdAt: now,
      };
      try {
        await insert('consult_comments', doc);
        return { ...commentView(doc), duplicate: false };
      } catch (e) {
        const prev = await getById<CommentDoc>('consult_comments', doc._id);
        if (!prev) throw e;
        return { ...commentView(prev), duplicate: true };
      }
    },
  },
  vote: {
    input: z.strictObject({
      consultId: idSchema,
      option: z
        .number()
        .int()
        .min(0)
        .max(CONSULT_LIMITS.options.max - 1),
    }),
    roles: ['resident'],
    run: async ({ caller }, { consultId, option }) => {
      const d = await loadConsult(consultId, caller.roles.includes('admin'));
      const phase = openPhaseOf(d);
      if (phase === null) throw new AppError('CONFLICT', '现在不在征询阶段，暂不能投票');
      if (option >= d.phases[phase]!.options.length) throw new AppError('INVALID_INPUT', '没有这个选项，请刷新后重试');
      const vote: VoteDoc = { _id: voteId(d, phase, caller.openid), consultId, phase, option, counted: false };
      try {
        await insert('consult_votes', vote);
      } catch (e) {
        const prev = await getById<VoteDoc>('consult_votes', vote._id);
        if (!prev) throw e;
        if (prev.option !== option) throw new AppError('CONFLICT', '您在这个阶段已经投过票了');
      }
      return consultView(d, await myVotes(d, caller.openid));
    },
  },
  create: {
    input: z.strictObject({
      clientId: clientIdSchema,
      title: text(CONSULT_TEXT.title),
      background: text(CONSULT_TEXT.background),
      phases: z
        .array(
          z.strictObject({
            question: text(CONSULT_TEXT.question),
            options: z
              .array(text(CONSULT_TEXT.option))
              .min(CONSULT_LIMITS.options.min, `每个阶段至少${CONSULT_LIMITS.options.min}个选项`)
              .max(CONSULT_LIMITS.options.max, `每个阶段最多${CONSULT_LIMITS.options.max}个选项`),
          }),
        )
        .length(3, '请填写问需、问计、问效三个阶段'),
    }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.title, input.background, ...input.phases.flatMap((p) => [p.question, ...p.options]));
      const doc: ConsultDoc = {
        _id: `cs-${requestId(caller.openid, input.clientId)}`,
        title: input.title,
        background: input.background,
        phases: input.phases.map((p) => ({ ...p, state: 'pending', openedAt: null, closedAt: null, summary: null })),
        votes: input.phases.map((p) => p.options.map(() => 0)),
        ...newBallot(),
        published: false,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [{ type: 'create', phase: null, at: now, actorId: caller.openid, note: null }],
      };
      try {
        await insert('consultations', doc);
        return consultView(doc);
      } catch (e) {
        const prev = await getById<ConsultDoc>('consultations', doc._id); // a retry of the same one
        if (!prev) throw e;
        return consultView(prev);
      }
    },
  },
  openPhase: {
    input: z.strictObject({ consultId: idSchema, version: versionSchema }),
    roles: ['admin'],
    run: async ({ caller, now }, { consultId, version }) =>
      consultView(await movePhase(await loadConsult(consultId, true), version, { type: 'openPhase' }, caller.openid, now)),
  },
  closePhase: {
    input: z.strictObject({ consultId: idSchema, version: versionSchema, summary: text(CONSULT_TEXT.summary) }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, now }, { consultId, version, summary }) => {
      await checkText(caller.openid, summary);
      return consultView(await movePhase(await loadConsult(consultId, true), version, { type: 'closePhase', summary }, caller.openid, now));
    },
  },
};
