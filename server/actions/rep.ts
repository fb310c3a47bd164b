/**
 * The `rep` function (S9 党代表联系群众): a representative's public card and the opinions residents
 * send through it; visits and opinions the representative records; the working group's activities
 * and the convener's 议案/建议/意见; the 党代表联络办 (an admin) forwarding one to units, where each
 * is a request on the one lifecycle (server/requests.ts) and chase; the yearly figures.
 */
import { z } from 'zod';
import type { ActivityView, OpinionView, ProposalDetail, RepHome } from '../../typings';
import { ACTIVITY_KINDS, MAX_COMPILED, MAX_UNITS, PROPOSAL_KINDS, REP_TEXT, VISIT_PEOPLE } from '../../miniprogram/shared/reps';
import { _, casUpdate, db, decodeCursor, findAll, findMany, findPage, getById, insert, type TxLike } from '../db';
import { checkText } from '../content';
import { chosenUnit } from '../directory';
import { AppError, conflict } from '../errors';
import { intake } from '../intake';
import { readableCode } from '../invites';
import { requestId, requestNo } from '../domain/requestNo';
import {
  addCounted,
  cardOf,
  convenedGroup,
  furthestBehind,
  opinionView,
  outcomesOf,
  ownRep,
  proposalDetail,
  proposalSummary,
  progressOf,
  quarterOf,
  repEvent,
  repTargets,
  todayOf,
  visibleProposal,
  yearKey,
  yearOf,
  type ActivityDoc,
  type OpinionDoc,
  type ProposalDoc,
  type ProposalItem,
  type RepDoc,
  type RepGroupDoc,
  type VisitDoc,
} from '../reps';
import type { Caller } from '../caller';
import type { Actions } from '../serve';
import { clientIdSchema, cursorSchema, empty, idSchema, phoneSchema, sceneSchema, text } from '../schemas';
import { miniProgramCode } from '../wxacode';

/** The page a representative's card code opens, with its scene key. */
const REP_CARD_PAGE = 'packages/rep/card/index';
const PAGE = 10;

const dateSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2026-11-26');
const versionSchema = z.number().int().min(0).max(1_000_000);
const codeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[2-9A-Z]{8}$/, '认领码是8位字母或数字，请核对');
const contact = { contactName: text(REP_TEXT.contactName).optional(), contactPhone: phoneSchema.optional() };

/** Opinions as a list shows them, with the proposal and units' answers behind each. */
async function opinionPage(caller: Caller, where: Record<string, unknown>, cursor: string | undefined) {
  const page = await findPage<OpinionDoc>('rep_opinions', where, decodeCursor(cursor), PAGE, { events: false });
  const out = await outcomesOf(page.items.map((o) => o.proposalId));
  return { items: page.items.map((o) => opinionView(o, caller, out)), cursor: page.cursor };
}

async function oneOpinion(caller: Caller, o: OpinionDoc): Promise<OpinionView> {
  return opinionView(o, caller, await outcomesOf([o.proposalId]));
}

function newOpinion(
  caller: Caller,
  rep: RepDoc,
  input: { clientId: string; content: string; showIdentity: boolean; contactName?: string; contactPhone?: string },
  via: 'card' | 'visit',
  now: number,
  visitId: string | null,
): OpinionDoc {
  const base = { events: [] as OpinionDoc['events'] };
  return {
    _id: requestId(caller.openid, `opinion:${input.clientId}`),
    clientId: input.clientId,
    repId: rep._id,
    repName: rep.name,
    groupId: rep.groupId,
    via,
    content: input.content,
    constituentId: via === 'card' ? caller.openid : null,
    claimCode: via === 'visit' ? readableCode() : null,
    showIdentity: input.showIdentity,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    visitId,
    year: yearOf(now),
    status: 'open',
    proposalId: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
    events: [
      repEvent(
        base,
        via === 'card' ? 'send' : 'record',
        caller,
        via === 'card' ? 'resident' : 'rep',
        now,
        via === 'card' ? '群众扫码留言' : '党代表走访代录',
      ),
    ],
  };
}

const activityView = (a: ActivityDoc, names: Map<string, string>) => ({
  id: a._id,
  version: a.version,
  kind: a.kind,
  date: a.date,
  topic: a.topic,
  status: a.status,
  attendees: a.attendees.map((id) => names.get(id) ?? '代表'),
});

/** The 党代表联络办's own activities count in a group of their own (made with its first held activity). */
const OFFICE_GROUP = 'rgroup-office';
const OFFICE_NAME = '党代表联络办';

const planInput = z.strictObject({
  clientId: clientIdSchema,
  kind: z.enum(ACTIVITY_KINDS, { message: '请选择活动类型' }),
  date: dateSchema,
  topic: text(REP_TEXT.topic),
});
const attendanceInput = z.strictObject({
  activityId: idSchema,
  version: versionSchema,
  /** The representatives present, by their cards' scene keys (public; never an openid). */
  present: z.array(sceneSchema).min(1, '请选择到场的代表').max(100),
});

/** A planned activity of a group (or the office), idempotent by the planner's clientId. */
async function planIn(
  groupId: string,
  caller: Caller,
  role: 'rep' | 'admin',
  input: z.infer<typeof planInput>,
  now: number,
): Promise<ActivityView> {
  await checkText(caller.openid, input.topic);
  const doc: ActivityDoc = {
    _id: requestId(caller.openid, `activity:${input.clientId}`),
    clientId: input.clientId,
    groupId,
    kind: input.kind,
    date: input.date,
    topic: input.topic,
    status: 'planned',
    attendees: [],
    version: 0,
    createdAt: now,
    updatedAt: now,
    events: [repEvent({ events: [] }, 'plan', caller, role, now)],
  };
  const saved = await insert('rep_activities', doc).then(
    () => doc,
    async (e: unknown) => {
      // A retry of the same plan: answer with what was stored.
      const again = await getById<ActivityDoc>('rep_activities', doc._id);
      if (!again) throw e;
      return again;
    },
  );
  return activityView(saved, new Map());
}

/**
 * Records who attended a held activity of `groupId`, once: the activity is held and its group's
 * quarter counts it in one transaction, never one without the other. `people` are whom the
 * present scene keys may name.
 */
async function hold(
  caller: Caller,
  role: 'rep' | 'admin',
  now: number,
  groupId: string,
  activityId: string,
  version: number,
  present: string[],
  people: Pick<RepDoc, '_id' | 'name' | 'scene'>[],
  stranger: string,
): Promise<ActivityView> {
  const a = await getById<ActivityDoc>('rep_activities', activityId);
  if (!a || a.groupId !== groupId) throw new AppError('NOT_FOUND', '没有找到这项活动');
  if (a.version !== version) throw conflict();
  if (a.status !== 'planned') throw new AppError('CONFLICT', '这项活动已经记录过到场情况');
  if (a.date > todayOf(now)) throw new AppError('CONFLICT', '活动还没有开展，开展后再记录到场情况');
  const names = new Map(people.map((m) => [m._id, m.name]));
  const byScene = new Map(people.map((m) => [m.scene, m._id]));
  const chosen = [...new Set(present)];
  if (chosen.some((s) => !byScene.has(s))) throw new AppError('INVALID_INPUT', stranger);
  const attendees = chosen.map((s) => byScene.get(s)!);
  const event = repEvent(a, 'attend', caller, role, now, `到场${attendees.length}人`);
  const key = yearKey(Number(a.date.slice(0, 4)));
  const q = quarterOf(a.date);
  const ok = await db.runTransaction(async (tx: TxLike) => {
    const cur = (await tx.collection('rep_activities').doc(a._id).get()).data as ActivityDoc;
    if (cur.version !== version) return false;
    const g = (
      await tx
        .collection('rep_groups')
        .doc(groupId)
        .get()
        .catch(() => ({ data: null }))
    ).data as RepGroupDoc | null;
    const year = { ...(g?.years?.[key] ?? {}) };
    year[q] = (year[q] ?? 0) + 1;
    await tx
      .collection('rep_activities')
      .doc(a._id)
      .update({ data: { status: 'held', attendees, version: version + 1, updatedAt: now, events: [...cur.events, event] } });
    const years = { ...(g?.years ?? {}), [key]: year };
    if (g) await tx.collection('rep_groups').doc(groupId).update({ data: { years } });
    else
      await tx
        .collection('rep_groups')
        .doc(groupId)
        .set({ data: { name: OFFICE_NAME, convenerId: '', years } });
    return true;
  });
  if (!ok) throw conflict();
  return activityView({ ...a, status: 'held', attendees, version: version + 1 }, names);
}

export const repActions: Actions<'rep'> = {
  card: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['resident'],
    run: async (_ctx, { scene }) => {
      const [rep] = await findMany<RepDoc>('reps', { scene, active: true }, { limit: 1 });
      if (!rep) throw new AppError('NOT_FOUND', '这张党代表联系卡已失效或不存在');
      return cardOf(rep);
    },
  },
  send: {
    input: z.strictObject({
      clientId: clientIdSchema,
      scene: sceneSchema,
      content: text(REP_TEXT.opinion),
      showIdentity: z.boolean({ message: '请选择是否向他人公开您的身份' }),
      ...contact,
    }),
    roles: ['resident'],
    limit: 'submit',
    run: async ({ caller, now }, input) => {
      const [rep] = await findMany<RepDoc>('reps', { scene: input.scene, active: true }, { limit: 1 });
      if (!rep) throw new AppError('NOT_FOUND', '这张党代表联系卡已失效或不存在');
      await checkText(caller.openid, input.content, input.contactName);
      const doc = newOpinion(caller, rep, input, 'card', now, null);
      return oneOpinion(caller, await addCounted('rep_opinions', doc, rep._id, doc.year, { opinions: 1 }));
    },
  },
  myOpinions: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['resident'],
    run: async ({ caller }, { cursor }) => opinionPage(caller, { constituentId: caller.openid }, cursor),
  },
  claimOpinion: {
    input: z.strictObject({ code: codeSchema }),
    roles: ['resident'],
    run: async ({ caller, now }, { code }) => {
      const [o] = await findMany<OpinionDoc>('rep_opinions', { claimCode: code }, { limit: 1 });
      if (!o) throw new AppError('NOT_FOUND', '认领码不正确，请核对党代表给您的认领码');
      if (o.constituentId === caller.openid) return oneOpinion(caller, o);
      if (o.constituentId !== null || o.repId === caller.openid) throw new AppError('CONFLICT', '这条意见已被认领');
      const event = repEvent(o, 'claim', caller, 'resident', now, '群众在小程序中认领');
      if (!(await casUpdate('rep_opinions', o._id, o.version, { constituentId: caller.openid, updatedAt: now, events: _.push([event]) })))
        throw conflict();
      return oneOpinion(caller, { ...o, constituentId: caller.openid, version: o.version + 1 });
    },
  },
  withdrawOpinion: {
    input: z.strictObject({ opinionId: idSchema, version: versionSchema }),
    roles: ['resident'],
    run: async ({ caller, now }, { opinionId, version }) => {
      const o = await getById<OpinionDoc>('rep_opinions', opinionId);
      if (!o || (o.constituentId !== caller.openid && o.repId !== caller.openid))
        throw new AppError('NOT_FOUND', '没有找到这条意见，或者您无权查看');
      // The constituent withdraws their own words; the representative only a record they made and nobody has claimed.
      const byRep = o.constituentId !== caller.openid;
      if (byRep && (o.via !== 'visit' || o.constituentId !== null))
        throw new AppError('FORBIDDEN', '这是群众本人提交的意见，只有本人可以撤回');
      if (o.version !== version) throw conflict();
      if (o.status !== 'open') throw new AppError('CONFLICT', '这条意见已汇入建议或已撤回，不能再撤回');
      const event = repEvent(o, 'withdraw', caller, byRep ? 'rep' : 'resident', now);
      // Withdrawn, not deleted: the text and its events stay (S9 rule).
      if (!(await casUpdate('rep_opinions', o._id, version, { status: 'withdrawn', updatedAt: now, events: _.push([event]) })))
        throw conflict();
      return oneOpinion(caller, { ...o, status: 'withdrawn', version: version + 1 });
    },
  },
  home: {
    input: empty,
    roles: ['rep'],
    run: async ({ caller, now }): Promise<RepHome> => {
      const rep = await ownRep(caller);
      const [targets, group, visits] = await Promise.all([
        repTargets(),
        rep.groupId ? getById<RepGroupDoc>('rep_groups', rep.groupId) : Promise.resolve(null),
        findMany<VisitDoc>('rep_visits', { repId: rep._id }, { orderBy: [['createdAt', 'desc']], limit: 5 }),
      ]);
      return {
        card: cardOf(rep),
        progress: progressOf(rep, yearOf(now), targets),
        group: group ? { id: group._id, name: group.name, isConvener: group.convenerId === rep._id } : null,
        visits: visits.map((v) => ({ id: v._id, date: v.date, place: v.place, people: v.people, note: v.note })),
      };
    },
  },
  cardCode: {
    input: empty,
    roles: ['rep'],
    run: async ({ caller }) => {
      const rep = await ownRep(caller);
      return { image: await miniProgramCode(rep.scene, REP_CARD_PAGE), scene: rep.scene };
    },
  },
  opinions: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['rep'],
    // Only what this representative recorded or was sent (S9 rule), never another's.
    run: async ({ caller }, { cursor }) => opinionPage(caller, { repId: caller.openid }, cursor),
  },
  recordVisit: {
    input: z.strictObject({
      clientId: clientIdSchema,
      date: dateSchema,
      place: text(REP_TEXT.place),
      people: z.number().int().min(VISIT_PEOPLE.min, '走访人数至少1人').max(VISIT_PEOPLE.max, `一次走访最多记录${VISIT_PEOPLE.max}人`),
      note: text(REP_TEXT.visitNote).optional(),
    }),
    roles: ['rep'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      const rep = await ownRep(caller);
      if (input.date > todayOf(now)) throw new AppError('INVALID_INPUT', '不能记录今天以后的走访');
      await checkText(caller.openid, input.place, input.note);
      const doc: VisitDoc = {
        _id: requestId(caller.openid, `visit:${input.clientId}`),
        clientId: input.clientId,
        repId: rep._id,
        date: input.date,
        year: Number(input.date.slice(0, 4)),
        place: input.place,
        people: input.people,
        note: input.note ?? null,
        createdAt: now,
      };
      const v = await addCounted('rep_visits', doc, rep._id, doc.year, { people: doc.people, visits: 1 });
      return { id: v._id, date: v.date, place: v.place, people: v.people, note: v.note };
    },
  },
  recordOpinion: {
    input: z.strictObject({
      clientId: clientIdSchema,
      content: text(REP_TEXT.opinion),
      visitId: idSchema.optional(),
      showIdentity: z.boolean({ message: '请选择群众是否同意公开身份' }),
      ...contact,
    }),
    roles: ['rep'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      const rep = await ownRep(caller);
      if (input.visitId !== undefined) {
        const visit = await getById<VisitDoc>('rep_visits', input.visitId);
        if (!visit || visit.repId !== rep._id) throw new AppError('INVALID_INPUT', '所选走访记录不存在');
      }
      await checkText(caller.openid, input.content, input.contactName);
      const doc = newOpinion(caller, rep, input, 'visit', now, input.visitId ?? null);
      return oneOpinion(caller, await addCounted('rep_opinions', doc, rep._id, doc.year, { opinions: 1 }));
    },
  },
  group: {
    input: empty,
    roles: ['rep'],
    run: async ({ caller, now }) => {
      const rep = await ownRep(caller);
      const group = rep.groupId ? await getById<RepGroupDoc>('rep_groups', rep.groupId) : null;
      if (!group) throw new AppError('NOT_FOUND', '您还没有加入联络组，请联系党代表联络办');
      const convener = group.convenerId === rep._id;
      const [members, activities, open, targets] = await Promise.all([
        findAll<RepDoc>('reps', { groupId: group._id }, { _id: true, name: true, scene: true }),
        findMany<ActivityDoc>(
          'rep_activities',
          { groupId: group._id },
          { orderBy: [['date', 'desc']], limit: 10, fields: { events: false } },
        ),
        convener
          ? findMany<OpinionDoc>(
              'rep_opinions',
              { groupId: group._id, status: 'open' },
              { orderBy: [['createdAt', 'desc']], limit: MAX_COMPILED, fields: { events: false } },
            )
          : Promise.resolve([]),
        repTargets(),
      ]);
      const names = new Map(members.map((m) => [m._id, m.name]));
      const today = todayOf(now);
      const none = { proposals: new Map(), requests: new Map() };
      return {
        id: group._id,
        name: group.name,
        convenerName: names.get(group.convenerId) ?? '',
        isConvener: convener,
        // A member is named by their card's public key: no openid leaves the server.
        members: members.map((m) => ({ id: m.scene, name: m.name })),
        activities: activities.map((a) => activityView(a, names)),
        quarter: { held: group.years?.[yearKey(yearOf(now))]?.[quarterOf(today)] ?? 0, target: targets.groupActivitiesPerQuarter },
        open: open.map((o) => opinionView(o, caller, none)),
      };
    },
  },
  planActivity: {
    input: planInput,
    roles: ['rep'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      const group = await convenedGroup(await ownRep(caller));
      return planIn(group._id, caller, 'rep', input, now);
    },
  },
  recordAttendance: {
    input: attendanceInput,
    roles: ['rep'],
    run: async ({ caller, now }, { activityId, version, present }) => {
      const group = await convenedGroup(await ownRep(caller));
      const members = await findAll<RepDoc>('reps', { groupId: group._id }, { _id: true, name: true, scene: true });
      return hold(caller, 'rep', now, group._id, activityId, version, present, members, '到场人员须是本组代表');
    },
  },
  // The county's (or town's) 党代表联络办 organises activities of its own (S9.2: ≥ 2 a year), any representative attending.
  officePlan: {
    input: planInput,
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, now }, input) => planIn(OFFICE_GROUP, caller, 'admin', input, now),
  },
  officeAttendance: {
    input: attendanceInput,
    roles: ['admin'],
    run: async ({ caller, now }, { activityId, version, present }) => {
      const chosen = [...new Set(present)];
      const reps = await findMany<RepDoc>(
        'reps',
        { scene: _.in(chosen), active: true },
        { limit: chosen.length, fields: { _id: true, name: true, scene: true } },
      );
      return hold(caller, 'admin', now, OFFICE_GROUP, activityId, version, present, reps, '到场人员须是本县党代表');
    },
  },
  compile: {
    input: z.strictObject({
      clientId: clientIdSchema,
      kind: z.enum(PROPOSAL_KINDS, { message: '请选择议案、建议或意见' }),
      title: text(REP_TEXT.title),
      content: text(REP_TEXT.proposal),
      handler: text(REP_TEXT.person),
      lead: text(REP_TEXT.person),
      opinionIds: z.array(idSchema).min(1, '请至少选择一条群众意见').max(MAX_COMPILED, `一件建议最多汇总${MAX_COMPILED}条意见`),
    }),
    roles: ['rep'],
    limit: 'text',
    run: async ({ caller, now }, input): Promise<ProposalDetail> => {
      const rep = await ownRep(caller);
      const group = await convenedGroup(rep);
      const id = requestId(caller.openid, `proposal:${input.clientId}`);
      const prior = await getById<ProposalDoc>('rep_proposals', id);
      if (prior) return proposalDetail(prior, caller); // a retry of the same compilation
      await checkText(caller.openid, input.title, input.content, input.handler, input.lead);
      const opinionIds = [...new Set(input.opinionIds)];
      const base = { events: [] };
      const doc: ProposalDoc = {
        _id: id,
        clientId: input.clientId,
        no: requestNo(id, now),
        groupId: group._id,
        groupName: group.name,
        convenerId: rep._id,
        convenerName: rep.name,
        kind: input.kind,
        title: input.title,
        content: input.content,
        handler: input.handler,
        lead: input.lead,
        opinionIds,
        status: 'submitted',
        items: [],
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [repEvent(base, 'submit', caller, 'rep', now, '提交党代表联络办')],
      };
      // Every opinion is the group's and still open, and each is marked as compiled with the proposal made: all or nothing.
      const outcome = await db.runTransaction(async (tx: TxLike) => {
        const read: OpinionDoc[] = [];
        for (const oid of opinionIds) {
          const o = (
            await tx
              .collection('rep_opinions')
              .doc(oid)
              .get()
              .catch(() => ({ data: null }))
          ).data as OpinionDoc | null;
          if (!o || o.groupId !== group._id) return 'missing';
          if (o.status !== 'open') return 'taken';
          read.push({ ...o, _id: oid });
        }
        for (const o of read) {
          const event = repEvent(o, 'compile', caller, 'rep', now, `汇入${input.kind}：${input.title}`);
          await tx
            .collection('rep_opinions')
            .doc(o._id)
            .update({ data: { status: 'compiled', proposalId: id, version: o.version + 1, updatedAt: now, events: [...o.events, event] } });
        }
        const { _id, ...data } = doc;
        await tx.collection('rep_proposals').doc(_id).set({ data });
        return doc;
      });
      if (outcome === 'missing') throw new AppError('INVALID_INPUT', '所选意见不存在，或不是本组代表收集的');
      if (outcome === 'taken') throw new AppError('CONFLICT', '所选意见已汇入其他建议或已撤回，请刷新后重选');
      return proposalDetail(outcome, caller);
    },
  },
  proposals: {
    input: z.strictObject({ box: z.enum(['waiting', 'all'], { message: '请选择列表' }), cursor: cursorSchema }),
    roles: ['rep', 'admin'],
    run: async ({ caller }, { box, cursor }) => {
      let where: Record<string, unknown>;
      if (caller.roles.includes('admin')) where = box === 'waiting' ? { status: 'submitted' } : {};
      else {
        const rep = await ownRep(caller);
        if (!rep.groupId) return { items: [], cursor: null };
        where = box === 'waiting' ? { groupId: rep.groupId, status: 'submitted' } : { groupId: rep.groupId };
      }
      const page = await findPage<ProposalDoc>('rep_proposals', where, decodeCursor(cursor), PAGE, {
        events: false,
        content: false,
      });
      return { items: page.items.map(proposalSummary), cursor: page.cursor };
    },
  },
  proposal: {
    input: z.strictObject({ proposalId: idSchema }),
    roles: ['rep', 'admin'],
    run: async ({ caller }, { proposalId }) => proposalDetail(await visibleProposal(caller, proposalId), caller),
  },
  withdrawProposal: {
    input: z.strictObject({ proposalId: idSchema, version: versionSchema, reason: text(REP_TEXT.reason) }),
    roles: ['rep'],
    limit: 'text',
    run: async ({ caller, now }, { proposalId, version, reason }) => {
      const p = await visibleProposal(caller, proposalId);
      if (p.convenerId !== caller.openid) throw new AppError('FORBIDDEN', '只有提交这件建议的召集人可以撤回');
      if (p.version !== version) throw conflict();
      if (p.status !== 'submitted') throw new AppError('CONFLICT', '联络办已经受理，不能撤回');
      await checkText(caller.openid, reason);
      const event = repEvent(p, 'withdraw', caller, 'rep', now, reason);
      // Withdrawn, not deleted: it stays with its opinions and events.
      if (!(await casUpdate('rep_proposals', p._id, version, { status: 'withdrawn', updatedAt: now, events: _.push([event]) })))
        throw conflict();
      return proposalDetail({ ...p, status: 'withdrawn', version: version + 1, events: [...p.events, event] }, caller);
    },
  },
  forward: {
    input: z.strictObject({
      proposalId: idSchema,
      version: versionSchema,
      unitIds: z.array(idSchema).min(1, '请选择承办单位').max(MAX_UNITS, `一次最多交办${MAX_UNITS}个单位`),
      note: text(REP_TEXT.forwardNote).optional(),
    }),
    roles: ['admin'],
    limit: 'text',
    run: async (ctx, { proposalId, version, unitIds, note }) => {
      const { caller, dir, now } = ctx;
      const p = await visibleProposal(caller, proposalId);
      const units = [...new Set(unitIds)].map((u) => chosenUnit(dir, u));
      const items: ProposalItem[] = units.map((u) => ({
        unitId: u._id,
        unitName: u.name,
        requestId: requestId(p.convenerId, `proposal-${p._id}-${u._id}`),
      }));
      const sameUnits = p.items.length === items.length && items.every((i) => p.items.some((x) => x.requestId === i.requestId));
      // A retry after the proposal was marked forwarded (a lost reply, a crash before every item was made) completes it.
      const retry = p.status === 'forwarded' && p.version === version + 1 && sameUnits;
      if (!retry) {
        if (p.version !== version) throw conflict();
        if (p.status !== 'submitted') throw new AppError('CONFLICT', '这件建议已经交办或已撤回');
        await checkText(caller.openid, note);
        const event = repEvent(
          p,
          'forward',
          caller,
          'admin',
          now,
          `交办：${units.map((u) => u.name).join('、')}${note ? `；${note}` : ''}`,
        );
        if (!(await casUpdate('rep_proposals', p._id, version, { status: 'forwarded', items, updatedAt: now, events: _.push([event]) })))
          throw conflict();
      }
      // Each unit's item is a request on the one lifecycle: signed for, answered, chased and counted like any other.
      const category = p.kind === '意见' ? '意见' : '建议';
      for (const u of units) {
        await intake(
          {
            submitterId: p.convenerId,
            submitterRole: 'rep',
            submitterUnit: null,
            clientId: `proposal-${p._id}-${u._id}`,
            channel: '代表建议',
            source: '小程序',
            category,
            urgency: 'normal',
            content: `【${p.kind}】${p.title}\n${p.content}\n承办人：${p.handler}；牵头责任人：${p.lead}${note ? `\n交办说明：${note}` : ''}`,
            photos: [],
            receivedAt: now,
            dest: { cardId: null, unitId: u._id, unitName: u.name, subjectUnitId: null, regionId: null, regionName: null },
            confidential: false,
            mayContact: false,
            // The representatives' names are public (their cards); the item carries no petitioner to protect or reveal.
            contactName: null,
            contactPhone: null,
            proposalId: p._id,
          },
          dir,
          now,
        );
      }
      return proposalDetail(retry ? p : { ...p, status: 'forwarded', items, version: version + 1 }, caller);
    },
  },
  figures: {
    input: z.strictObject({ year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确') }),
    roles: ['admin'],
    run: async (_ctx, { year }) => {
      const [reps, targets, office, activities] = await Promise.all([
        findAll<RepDoc>('reps', { active: true }, { _id: true, name: true, scene: true, groupName: true, years: true }),
        repTargets(),
        getById<RepGroupDoc>('rep_groups', OFFICE_GROUP),
        findMany<ActivityDoc>(
          'rep_activities',
          { groupId: OFFICE_GROUP },
          { orderBy: [['date', 'desc']], limit: 10, fields: { events: false } },
        ),
      ]);
      const names = new Map(reps.map((r) => [r._id, r.name]));
      const quarters = office?.years?.[yearKey(year)] ?? {};
      return {
        reps: reps.map((r) => progressOf(r, year, targets)).sort(furthestBehind),
        office: {
          held: Object.values(quarters).reduce((n, q) => n + (q ?? 0), 0),
          target: targets.officeActivitiesPerYear,
          activities: activities.map((x) => activityView(x, names)),
        },
      };
    },
  },
};
