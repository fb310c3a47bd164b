/** Requests (诉求): residents submit and follow them; cadres of the handling unit answer them. */
import { z } from 'zod';
import type { Caller } from '../caller';
import { findMany, getById, _ } from '../db';
import { requestId } from '../domain/requestNo';
import { AppError } from '../errors';
import { checkText } from '../content';
import { maxExtensionDays } from '../domain/calendar';
import { DONE_FOR_UNIT, OPEN_FOR_UNIT, PENDING } from '../domain/lifecycle';
import { isBadScore } from '../../miniprogram/shared/domain';
import { EXTENSION_DAYS, MAX_PHOTOS, MAX_PHOTOS_MESSAGE, TEXT } from '../../miniprogram/shared/limits';
import { chosenUnit } from '../directory';
import { RATING_SCALE } from '../jobs/migrate';
import { claim } from '../petitioners';
import { intake, submittedTo } from '../intake';
import { checkPhotos, isOwnFile, photoUrls, requireOwnPhotos } from '../photos';
import { transcribe } from '../speech';
import { phoneFromCode } from '../phone';
import { isLeader } from '../meet';
import {
  appendEvent,
  assignment,
  leaderRank,
  LIST_FIELDS,
  loadVisible,
  merge,
  requestPage,
  summaryPage,
  toDetail,
  toSummary,
  transition,
  unmaskRefusal,
  type RequestDoc,
} from '../requests';
import type { Actions } from '../serve';
import {
  categorySchema,
  clientIdSchema,
  cursorSchema,
  idSchema,
  phoneCodeSchema,
  phoneSchema,
  sceneSchema,
  text,
  versioned,
} from '../schemas';

/** Requests within this many days of each other are suggested as possible duplicates. */
const DUPLICATE_WINDOW_MS = 7 * 86_400_000;
/** Candidates read on each side in time: the suggestion list is short by design (10 shown). */
const DUPLICATE_CANDIDATES = 20;

const submitInput = z
  .strictObject({
    clientId: clientIdSchema,
    category: categorySchema,
    content: text(TEXT.content),
    photos: z
      .array(z.string().regex(/^cloud:\/\/[\w.\-/]{1,240}$/, '照片地址不正确'))
      .max(MAX_PHOTOS, MAX_PHOTOS_MESSAGE)
      .optional(),
    scene: sceneSchema.optional(),
    regionId: idSchema.optional(),
    urgency: z.enum(['normal', 'urgent', 'utility']).optional(),
    aboutUnit: z.boolean().optional(),
    confidential: z.boolean(),
    mayContact: z.boolean(),
    contactName: text(TEXT.contactName).optional(),
    contactPhone: phoneSchema.optional(),
    /** WeChat's phone button: the function exchanges the code for the number (instead of contactPhone). */
    phoneCode: phoneCodeSchema.optional(),
  })
  .refine((v) => v.scene !== undefined || v.regionId !== undefined, { message: '请扫描连心卡，或选择您所在的村（社区）' })
  .refine((v) => !v.mayContact || v.contactPhone !== undefined || v.phoneCode !== undefined, { message: '同意联系时请留下手机号码' })
  .refine((v) => v.phoneCode === undefined || (v.mayContact && v.contactPhone === undefined), {
    message: '请只用一种方式留下手机号码，并同意办理人员联系您',
  })
  .refine((v) => v.aboutUnit !== true || (v.category === '投诉' && v.scene !== undefined), {
    message: '只有扫描单位的连心卡时，才能选择“反映这个单位或它的工作人员的问题”',
  });

function requireUnit(caller: Caller): string {
  if (!caller.unitId) throw new AppError('FORBIDDEN', '您还没有绑定单位，请先使用邀请码绑定');
  return caller.unitId;
}

export const requestActions: Actions<'request'> = {
  submit: {
    input: submitInput,
    roles: ['resident'],
    limit: 'submit',
    // A retry (the reply was lost) is not a new submission: it still gets its request, over the limit or not.
    retried: async ({ caller }, input) => {
      const doc = await getById<RequestDoc>('requests', requestId(caller.openid, input.clientId));
      return doc ? { id: doc._id, no: doc.no, status: doc.status, dueAt: doc.dueAt, duplicate: true } : null;
    },
    run: async ({ caller, dir, now }, input) => {
      requireOwnPhotos(caller.openid, input.photos ?? []);
      await checkText(caller.openid, input.content, input.contactName);
      await checkPhotos(input.photos ?? []);
      const contactPhone =
        input.phoneCode !== undefined ? await phoneFromCode(input.phoneCode, caller.openid) : (input.contactPhone ?? null);
      const { claimCode: _none, ...result } = await intake(
        {
          submitterId: caller.openid,
          submitterRole: 'resident',
          submitterUnit: null,
          clientId: input.clientId,
          channel: '诉求',
          source: '小程序',
          category: input.category,
          urgency: input.urgency ?? 'normal',
          content: input.content,
          photos: input.photos ?? [],
          receivedAt: now,
          dest: await submittedTo(dir, input),
          confidential: input.confidential,
          mayContact: input.mayContact,
          contactName: input.contactName ?? null,
          contactPhone,
        },
        dir,
        now,
      );
      return result;
    },
  },
  mine: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['resident'],
    run: async ({ caller, now }, { cursor }) => summaryPage(await requestPage({ requesterId: caller.openid }, cursor), now),
  },
  detail: {
    input: z.strictObject({ id: idSchema }),
    roles: ['resident'],
    run: async ({ caller, now }, { id }) => {
      const { doc, parties } = await loadVisible(id, caller);
      return toDetail(doc, caller, parties, now);
    },
  },
  transcribe: {
    input: z.strictObject({ fileID: z.string().regex(/^cloud:\/\/[\w.\-/]{1,240}$/, '录音地址不正确') }),
    roles: ['resident'],
    // Each call is a paid speech recognition: limited like typed text.
    limit: 'text',
    run: async ({ caller, now }, { fileID }) => {
      if (!isOwnFile(caller.openid, fileID)) throw new AppError('INVALID_INPUT', '这段录音不是您本人录的，请重新说一遍');
      return { text: await transcribe(fileID, now) };
    },
  },
  photos: {
    input: z.strictObject({ id: idSchema }),
    roles: ['resident'],
    run: async ({ caller }, { id }) => {
      const { doc } = await loadVisible(id, caller);
      return { urls: await photoUrls(doc.photos) };
    },
  },
  withdraw: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.withdrawReason).optional() }),
    roles: ['resident'],
    limit: 'text',
    run: async (ctx, input) => {
      await checkText(ctx.caller.openid, input.reason);
      return transition(ctx, 'withdraw', input, () => ({ note: input.reason ?? null }));
    },
  },
  rate: {
    input: z.strictObject({
      ...versioned,
      resolved: z.boolean({ message: '请选择问题解决了没有' }),
      score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], { message: '请选择评价等级' }),
      comment: text(TEXT.rateComment).optional(),
    }),
    roles: ['resident'],
    limit: 'text',
    run: async (ctx, input) => {
      const {
        caller,
        now,
        dir: { calendar: cal },
      } = ctx;
      await checkText(caller.openid, input.comment);
      const rating = { score: input.score, resolved: input.resolved, comment: input.comment ?? null, at: now, scale: RATING_SCALE };
      const mark = { score: input.score, resolved: input.resolved };
      return transition(ctx, 'rate', input, (doc) => {
        if (!isBadScore(input.score)) return { set: { rating }, note: input.comment ?? null, mark };
        // 差评: reopened at once for 重办, with the follow-up limit (15 working days).
        return {
          set: { rating, dueAt: cal.deadline(now, doc.policy.followUp), reopenCount: doc.reopenCount + 1, extension: null },
          note: input.comment ?? null,
          mark,
          then: { type: 'reopen', to: 'reopened', note: '差评，转入重办' },
        };
      });
    },
  },
  inbox: {
    input: z.strictObject({ box: z.enum(['todo', 'done', 'co']), cursor: cursorSchema }),
    roles: ['cadre'],
    run: async ({ caller, now }, { box, cursor }) => {
      const unitId = requireUnit(caller);
      // 联合办理: what the unit owes as a co-handling unit, while the lead unit has it.
      if (box === 'co') return summaryPage(await requestPage({ coOwed: unitId, status: _.in([...OPEN_FOR_UNIT]) }, cursor), now);
      const status = _.in([...(box === 'todo' ? OPEN_FOR_UNIT : DONE_FOR_UNIT)]);
      return summaryPage(await requestPage({ unitId, status }, cursor), now);
    },
  },
  accept: {
    input: z.strictObject(versioned),
    roles: ['cadre'],
    run: (ctx, input) =>
      transition(ctx, 'accept', input, (doc) => ({
        // 信访: the 60 days run from acceptance.
        set: doc.policy.finishFrom === 'accept' ? { dueAt: ctx.dir.calendar.deadline(ctx.now, doc.policy.finish) } : {},
        note: null,
        // The chase's 催办 (clock level 2) already counted a missed signing limit for 响应率.
        mark: { inTime: ctx.now <= doc.acceptDueAt, dueCounted: (doc.clock?.level ?? 0) >= 2 },
      })),
  },
  reply: {
    input: z.strictObject({ ...versioned, reply: text(TEXT.reply) }),
    roles: ['cadre'],
    limit: 'text',
    run: async (ctx, input) => {
      const {
        caller,
        now,
        dir: { calendar: cal },
      } = ctx;
      await checkText(caller.openid, input.reply);
      return transition(ctx, 'reply', input, (doc) => ({
        set: {
          reply: input.reply,
          repliedAt: now,
          pausedAt: null,
          // 信访: the petitioner may ask for 复查 (then 复核) within the policy's time.
          review: doc.policy.review
            ? { level: doc.review?.level ?? 0, askDueAt: cal.deadline(now, doc.policy.review.ask), dueAt: doc.review?.dueAt ?? 0 }
            : null,
        },
        note: input.reply,
      }));
    },
  },
  return: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.returnReason) }),
    roles: ['cadre'],
    limit: 'text',
    run: async (ctx, input) => {
      await checkText(ctx.caller.openid, input.reason);
      // The dispatcher decides again, co-handling units (联合办理) included.
      return transition(ctx, 'return', input, (doc) => ({
        set: {
          unitId: null,
          unitName: null,
          objectDueAt: null,
          ...(doc.coUnits?.length ? { coUnits: [], coUnitIds: [], coOwed: [] } : {}),
        },
        note: input.reason,
      }));
    },
  },
  transfer: {
    input: z.strictObject({ ...versioned, unitId: idSchema, reason: text(TEXT.transferReason) }),
    roles: ['cadre'],
    limit: 'text',
    run: async (ctx, input) => {
      await checkText(ctx.caller.openid, input.reason);
      const unit = chosenUnit(ctx.dir, input.unitId);
      return transition(ctx, 'transfer', input, (doc) => {
        if (input.unitId === doc.unitId) throw new AppError('INVALID_INPUT', '不能转办给本单位');
        return assignment(doc, unit, ctx.dir.calendar, ctx.now, `转至${unit.name}：${input.reason}`);
      });
    },
  },
  reject: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.rejectReason) }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async (ctx, input) => {
      const { caller, now } = ctx;
      await checkText(caller.openid, input.reason);
      return transition(ctx, 'reject', input, () => ({ set: { reply: input.reason, repliedAt: now }, note: input.reason }));
    },
  },
  merge: {
    input: z.strictObject({ ...versioned, intoId: idSchema, note: text(TEXT.mergeNote).optional() }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async (ctx, input) => {
      await checkText(ctx.caller.openid, input.note);
      return merge(ctx, input);
    },
  },
  duplicates: {
    input: z.strictObject({ id: idSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, { id }) => {
      const { doc, parties } = await loadVisible(id, caller);
      if (!parties.some((p) => p === 'handler' || p === 'dispatcher')) throw new AppError('FORBIDDEN');
      // The nearest requests on either side in time, within the window, by the same card or place —
      // never by the same person (that would tie a confidential complaint to its author), never a
      // confidential one, and for a cadre only their own unit's (no other unit's work, no complaint about it).
      const scope: Record<string, unknown> = { confidential: false, ...(parties.includes('dispatcher') ? {} : { unitId: caller.unitId }) };
      const same: Record<string, unknown>[] = [];
      if (doc.cardId) same.push({ cardId: doc.cardId });
      if (doc.regionId) same.push({ regionId: doc.regionId });
      if (same.length === 0) same.push({});
      const sides = [
        { createdAt: _.gte(doc.createdAt - DUPLICATE_WINDOW_MS).and(_.lte(doc.createdAt)), dir: 'desc' as const },
        { createdAt: _.gt(doc.createdAt).and(_.lte(doc.createdAt + DUPLICATE_WINDOW_MS)), dir: 'asc' as const },
      ];
      const near = (
        await Promise.all(
          sides.map((s) =>
            findMany<RequestDoc>('requests', _.or(same.map((k) => ({ ...k, ...scope, createdAt: s.createdAt }))), {
              orderBy: [['createdAt', s.dir]],
              limit: DUPLICATE_CANDIDATES,
              fields: LIST_FIELDS,
            }),
          ),
        )
      ).flat();
      const seen = new Set<string>([doc._id]);
      return near
        .filter((d) => !seen.has(d._id) && (seen.add(d._id), PENDING.includes(d.status)) && d.status !== 'reviewing' && !d.confidential)
        .filter((d) => d.subjectUnitId === null || d.subjectUnitId !== caller.unitId)
        .sort((a, b) => Math.abs(a.createdAt - doc.createdAt) - Math.abs(b.createdAt - doc.createdAt))
        .slice(0, 10)
        .map((d) => toSummary(d, now));
    },
  },
  revisit: {
    input: z.strictObject({ ...versioned, note: text(TEXT.revisitNote), satisfied: z.boolean() }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async (ctx, input) => {
      await checkText(ctx.caller.openid, input.note);
      return transition(ctx, 'revisit', input, () => ({ note: `${input.satisfied ? '群众表示满意' : '群众仍不满意'}：${input.note}` }));
    },
  },
  extendAsk: {
    input: z.strictObject({
      ...versioned,
      days: z.number().int().min(EXTENSION_DAYS.min).max(EXTENSION_DAYS.max),
      reason: text(TEXT.extendReason),
    }),
    roles: ['cadre'],
    limit: 'text',
    run: async (ctx, input) => {
      const { caller, now } = ctx;
      await checkText(caller.openid, input.reason);
      return transition(ctx, 'extendAsk', input, (doc) => {
        const max = maxExtensionDays(doc.policy.extension);
        if (max < 1) throw new AppError('CONFLICT', '这类诉求不能延期，请在时限内办结');
        if (input.days > max)
          throw new AppError('INVALID_INPUT', `延期不能超过${max}${doc.policy.extension.unit === 'workingDays' ? '个工作日' : '日'}`);
        return {
          set: { extension: { state: 'asked', days: input.days, reason: input.reason, askedAt: now, decidedAt: null } },
          note: `申请延期${input.days}日：${input.reason}`,
        };
      });
    },
  },
  extendDecide: {
    input: z.strictObject({ ...versioned, approve: z.boolean(), note: text(TEXT.extendNote).optional() }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async (ctx, input) => {
      const {
        caller,
        now,
        dir: { calendar: cal },
      } = ctx;
      await checkText(caller.openid, input.note);
      return transition(ctx, 'extendDecide', input, (doc) => {
        const ext = doc.extension!;
        const decided = { ...ext, state: input.approve ? ('approved' as const) : ('denied' as const), decidedAt: now };
        // The reason is shown to the petitioner on the timeline.
        const note = input.approve ? `同意延期${ext.days}日：${ext.reason}` : `不同意延期${input.note ? `：${input.note}` : ''}`;
        const dueAt = input.approve ? cal.extendBy(doc.dueAt, doc.policy.extension.unit, ext.days) : doc.dueAt;
        return { set: { extension: decided, dueAt }, note };
      });
    },
  },
  pause: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.pauseReason) }),
    roles: ['cadre'],
    limit: 'text',
    run: async (ctx, input) => {
      const { caller, now } = ctx;
      await checkText(caller.openid, input.reason);
      return transition(ctx, 'pause', input, () => ({ set: { pausedAt: now }, note: input.reason }));
    },
  },
  resume: {
    input: z.strictObject(versioned),
    roles: ['cadre'],
    run: (ctx, input) =>
      transition(ctx, 'resume', input, (doc) => ({
        set: { pausedAt: null, dueAt: ctx.dir.calendar.extendByPause(doc.dueAt, doc.policy.finish.unit, doc.pausedAt!, ctx.now) },
        note: null,
      })),
  },
  reviewAsk: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.reviewReason) }),
    roles: ['resident'],
    limit: 'text',
    run: async (ctx, input) => {
      const {
        caller,
        now,
        dir: { calendar: cal },
      } = ctx;
      await checkText(caller.openid, input.reason);
      return transition(ctx, 'reviewAsk', input, (doc) => {
        const level = (doc.review?.level ?? 0) + 1;
        return {
          set: { review: { level, askDueAt: null, dueAt: cal.deadline(now, doc.policy.review!.answer) } },
          note: `申请${level === 1 ? '复查' : '复核'}：${input.reason}`,
        };
      });
    },
  },
  // 查看联系方式: the one way to the full name and phone; only the handling unit, never the unit
  // complained about, never for a confidential request or one whose petitioner declined contact.
  unmask: {
    input: z.strictObject({ id: idSchema }),
    roles: ['cadre'],
    run: async ({ caller, now }, { id }) => {
      const doc = await appendEvent(id, caller, now, (d, parties) => {
        const why = unmaskRefusal(d, caller, parties);
        if (why) throw new AppError('FORBIDDEN', why);
        return { type: 'unmask', as: 'handler' };
      });
      return { name: doc.contactName, phone: doc.contactPhone! };
    },
  },
  // 阅批 (S4.1): the letters the 信访局 sent the calling leader.
  letters: {
    input: z.strictObject({ box: z.enum(['todo', 'done']), cursor: cursorSchema }),
    roles: ['cadre'],
    run: async ({ caller, now }, { box, cursor }) => {
      if (!isLeader(caller)) throw new AppError('FORBIDDEN', '阅批来信是领导干部的工作');
      const page = await requestPage({ leaderId: caller.openid, leaderWaiting: box === 'todo' }, cursor, {
        field: 'leaderRank',
        dir: 'desc',
      });
      return {
        items: page.items.map((d) => ({
          ...toSummary(d, now),
          important: d.leader?.important ?? false,
          sentAt: d.leader?.sentAt ?? d.createdAt,
          instructedAt: d.leader?.instructedAt ?? null,
        })),
        cursor: page.cursor,
      };
    },
  },
  // The leader's 批示: once; the unit handling it reads it on the request (and is told).
  instruct: {
    input: z.strictObject({ ...versioned, instruction: text(TEXT.instruction) }),
    roles: ['cadre'],
    limit: 'text',
    run: async (ctx, input) => {
      await checkText(ctx.caller.openid, input.instruction);
      return transition(ctx, 'instruct', input, (doc) => {
        const review = { ...doc.leader!, instruction: input.instruction, instructedAt: ctx.now };
        return {
          set: { leader: review, leaderWaiting: false, leaderRank: leaderRank(review) },
          note: input.instruction,
          mark: { staffOnly: true },
        };
      });
    },
  },
  // 联合办理: a co-handling unit's part, once; the lead unit answers the whole when every part is in.
  coReply: {
    input: z.strictObject({ ...versioned, answer: text(TEXT.coReply) }),
    roles: ['cadre'],
    limit: 'text',
    run: async (ctx, input) => {
      const { caller, now } = ctx;
      await checkText(caller.openid, input.answer);
      return transition(ctx, 'coReply', input, (doc) => ({
        set: {
          coUnits: (doc.coUnits ?? []).map((c) => (c.unitId === caller.unitId ? { ...c, answer: input.answer, answeredAt: now } : c)),
          coOwed: (doc.coOwed ?? []).filter((u) => u !== caller.unitId),
        },
        note: input.answer,
        mark: { staffOnly: true },
      }));
    },
  },
  // 认领: the petitioner of a registered 信访 item, with the code of its 受理告知 (scanned or typed).
  claim: {
    input: z.strictObject({ code: z.string().regex(/^[2-9A-HJ-KM-NP-Z]{8}$/, '认领码为受理告知上的8位字母和数字') }),
    roles: ['resident'],
    limit: 'text',
    run: (ctx, { code }) => claim(ctx, code),
  },
};
