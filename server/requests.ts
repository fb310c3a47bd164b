/** The request document, how each party sees it, and the one way it changes state. */
import type {
  Channel,
  ContactViewer,
  DeliveryMethod,
  RequestAction,
  RequestCategory,
  Source,
  RequestDetail,
  RequestEventType,
  RequestStatus,
  RequestSummary,
  Role,
  Score,
  TimelineEntry,
  Urgency,
} from '../typings';
import type { Caller } from './caller';
import { casUpdate, db, decodeCursor, findPage, getById, _, type Sort, type TxLike, type Where } from './db';
import type { UnitDoc } from './directory';
import { AppError, conflict, notFound } from './errors';
import type { Calendar } from './domain/calendar';
import { nextCheck, type Clock } from './domain/chase';
import {
  allowedActions,
  bindingDeadline,
  dueKindOf,
  GUARDS,
  PENDING,
  refusal,
  TRANSITIONS,
  type GuardView,
  type Party,
} from './domain/lifecycle';
import { HIDDEN, maskName, maskPhone, maskPhonesIn } from './domain/privacy';
import type { PolicyDoc } from './domain/rules';
import type { Ctx } from './serve';
import type { RATING_SCALE } from './jobs/migrate';

/** One audit event, embedded in the request so a change and its record are one atomic write. */
export interface AuditEvent {
  seq: number;
  type: RequestEventType;
  at: number;
  /** openid, or 'system' for the timer. */
  actorId: string;
  actorRole: Role | 'system';
  /** The acting unit's name as shown on the timeline; null for the resident and the system. */
  actorUnit: string | null;
  from: RequestStatus | null;
  to: RequestStatus;
  note: string | null;
  /** The unit the event counts for in the figures (the handling unit, or the one it went to). */
  unitId: string | null;
  /** 签收 within the limit (响应率). */
  inTime?: boolean;
  /** 签收 after the 催办 that already counted the missed signing limit (响应率's base counts it once). */
  dueCounted?: boolean;
  /** For 评价: the score (满意率). */
  score?: Score;
  /** For 评价: the resident's answer to 问题解决了吗 (解决率). */
  resolved?: boolean;
  /** For dispatch/transfer: the unit it went to. */
  toUnitId?: string;
  /** The note is staff's only (呈批 and a 阅批 批示): the petitioner reads the event without it. */
  staffOnly?: boolean;
  /** For a 联合办理 dispatch: the co-handling units it asked to help. */
  coUnitIds?: string[];
}

type PolicySnapshot = Omit<PolicyDoc, '_id'>;

interface Extension {
  state: 'asked' | 'approved' | 'denied';
  days: number;
  reason: string;
  askedAt: number;
  decidedAt: number | null;
}

/** 阅批 (S4.1): the leader the 信访局 sent a letter to, and their 批示. */
export interface LeaderReview {
  /** The leader's openid (never in an answer: pages name a leader by `key`). */
  id: string;
  key: string;
  name: string;
  /** 县领导, or the leader's unit. */
  title: string;
  /** 重要来信: first on the leader's list. */
  important: boolean;
  note: string | null;
  sentAt: number;
  instruction: string | null;
  instructedAt: number | null;
}

/** 联合办理: a co-handling unit and its part of the answer. */
interface CoPart {
  unitId: string;
  unitName: string;
  answer: string | null;
  answeredAt: number | null;
}

/** Who acted for the resident and how the resident agreed (S6.1 反馈民意, 事务代办). */
export interface OnBehalf {
  memberName: string;
  kind: '反馈民意' | '事务代办';
  consent: string;
}

export interface RequestDoc {
  _id: string;
  no: string;
  clientId: string;
  /** The person who follows it as their own; null: a registered 信访 item nobody has claimed yet. */
  requesterId: string | null;
  /** A registered 信访 item's 受理告知 code: whoever holds it may claim the item (only the dispatcher sees it). */
  claimCode?: string | null;
  /** 书面答复: how and when the answer reached a petitioner without the app. */
  delivery?: { method: DeliveryMethod; at: number } | null;
  channel: Channel;
  source: Source;
  category: RequestCategory;
  urgency: Urgency;
  title: string;
  content: string;
  photos: string[];
  cardId: string | null;
  /** The scanned card's scene key, so its petitioner's detail page can offer the card's phones (absent before it was kept). */
  cardScene?: string | null;
  regionId: string | null;
  regionName: string | null;
  /** The unit that must answer now. */
  unitId: string | null;
  unitName: string | null;
  /** For a 投诉 made through a card: the unit complained about, which never sees who complained. */
  subjectUnitId: string | null;
  confidential: boolean;
  mayContact: boolean;
  contactName: string | null;
  contactPhone: string | null;
  status: RequestStatus;
  version: number;
  /** The policy as it was when the request came in: later edits never move an existing clock. */
  policy: PolicySnapshot;
  createdAt: number;
  updatedAt: number;
  routeDueAt: number;
  acceptDueAt: number;
  dueAt: number;
  objectDueAt: number | null;
  reply: string | null;
  repliedAt: number | null;
  /** `scale` marks a score stored as 5 = 非常满意 (see jobs/migrate.ts); older ratings lack it. */
  rating: { score: Score; resolved?: boolean; comment: string | null; at: number; scale?: typeof RATING_SCALE } | null;
  reopenCount: number;
  extension: Extension | null;
  pausedAt: number | null;
  review: { level: number; askDueAt: number | null; dueAt: number } | null;
  mergedInto: string | null;
  /** Requesters of duplicates merged into this one: kept informed too. */
  followers: string[];
  /** A representatives' proposal forwarded to this unit (S9.4): its constituents are told the outcome (no party to it). */
  proposalId?: string;
  /** 阅批 (S4.1); absent on requests never sent to a leader. */
  leader?: LeaderReview | null;
  /** The leader's list (indexed): whose it is, whether the 批示 is still owed, and its order (see leaderRank). */
  leaderId?: string | null;
  leaderWaiting?: boolean;
  leaderRank?: number;
  /** 联合办理 (set at 派单): the co-handling units and their parts; the ids of all, and of those whose part is owed (indexed). */
  coUnits?: CoPart[];
  coUnitIds?: string[];
  coOwed?: string[];
  /** The chase of the binding deadline; `nextCheckAt` is what the timer's index scans. */
  clock: Clock | null;
  nextCheckAt: number | null;
  overdueSince: number | null;
  /** Events after `countedSeq` still have to reach the unit's figures (the timer applies them). */
  needsCount: boolean;
  countedSeq: number;
  events: AuditEvent[];
}

/** The parties the caller is to this request; none means they may not see it. */
export function partiesOf(doc: RequestDoc, caller: Caller): Party[] {
  const parties: Party[] = [];
  // Staff of the unit complained about are no party to it, not even as dispatcher (信访局 itself may be accused).
  const accused = doc.subjectUnitId !== null && doc.subjectUnitId === caller.unitId;
  if ((doc.requesterId !== null && doc.requesterId === caller.openid) || doc.followers.includes(caller.openid)) parties.push('requester');
  if (caller.roles.includes('cadre') && caller.unitId !== null && doc.unitId === caller.unitId) {
    parties.push('handler');
    if (caller.head) parties.push('unitHead');
  }
  if (caller.roles.includes('admin') && !accused) parties.push('dispatcher');
  if (doc.leaderId && doc.leaderId === caller.openid && !accused) parties.push('leader');
  if (caller.roles.includes('cadre') && caller.unitId !== null && !accused && (doc.coUnitIds ?? []).includes(caller.unitId))
    parties.push('coHandler');
  return parties;
}

/** A list filter that leaves out complaints about the caller's own unit (see partiesOf). */
export function notAccusing(caller: Caller): Where {
  return caller.unitId === null ? {} : { subjectUnitId: _.neq(caller.unitId) };
}

/** Loads a request the caller may see; another person's request is NOT_FOUND, not FORBIDDEN (no probing). */
export async function loadVisible(id: string, caller: Caller): Promise<{ doc: RequestDoc; parties: Party[] }> {
  const doc = await getById<RequestDoc>('requests', id);
  if (!doc) throw notFound('诉求');
  const parties = partiesOf(doc, caller);
  if (parties.length === 0) throw notFound('诉求');
  return { doc, parties };
}

/** Request lists show 10 at a time, without the text, photos, contact or history. */
const PAGE_SIZE = 10;
export const LIST_FIELDS = { events: false, content: false, photos: false, contactName: false, contactPhone: false };

/** One page of a request list (newest first unless `sort` says otherwise), from the caller's cursor. */
export function requestPage(
  where: Where,
  cursor: string | undefined,
  sort?: Sort,
): Promise<{ items: RequestDoc[]; cursor: string | null }> {
  return findPage<RequestDoc>('requests', where, decodeCursor(cursor), PAGE_SIZE, LIST_FIELDS, sort);
}

/** A page of requests as the list shows them. */
export const summaryPage = (
  page: { items: RequestDoc[]; cursor: string | null },
  now: number,
): { items: RequestSummary[]; cursor: string | null } => ({
  items: page.items.map((d) => toSummary(d, now)),
  cursor: page.cursor,
});

export function toSummary(doc: RequestDoc, now: number): RequestSummary {
  const due = bindingDeadline(doc);
  return {
    id: doc._id,
    no: doc.no,
    channel: doc.channel,
    category: doc.category,
    status: doc.status,
    // Lists reach staff: a phone typed into the text is masked there.
    title: maskPhonesIn(doc.title),
    unitName: doc.unitName,
    createdAt: doc.createdAt,
    dueAt: due ?? doc.dueAt,
    dueKind: dueKindOf(doc),
    paused: doc.pausedAt !== null,
    overdue: PENDING.includes(doc.status) && due !== null && now > due,
    version: doc.version,
  };
}

const ROLE_LABEL: Partial<Record<Role | 'system', string>> = {
  resident: '群众',
  cadre: '干部',
  admin: '调度中心',
  rep: '党代表',
  volunteer: '党员',
  system: '系统',
};

/** Looks at a petitioner's contact details: audit records shown to the petitioner as 谁查看过我的联系方式, not as progress. */
const LOOKS: ReadonlySet<RequestEventType> = new Set(['unmask', 'reveal']);

/** 谁查看过我的联系方式: each look, as role, unit and time. */
function viewersOf(doc: RequestDoc): ContactViewer[] {
  return doc.events
    .filter((e) => LOOKS.has(e.type))
    .map((e) => ({ role: ROLE_LABEL[e.actorRole] ?? '干部', unit: e.actorUnit === '调度中心' ? null : e.actorUnit, at: e.at }));
}

/** The notes the server writes when a request comes in: where it went, in the staff's words. */
export const ROUTED_NOTE = '已派至';
export const UNROUTED_NOTE = '等待调度中心派单';

/** The server's own intake note in the petitioner's words: 已转给县人社局, not 已派至 (派单 is staff's word). */
function plainNote(note: string): string {
  // The note is parts joined by ；(who acted for the resident, then where it went): only the routing part changes.
  return note
    .split('；')
    .map((part) => {
      if (part.startsWith(ROUTED_NOTE)) return `已转给${part.slice(ROUTED_NOTE.length)}`;
      if (part === UNROUTED_NOTE) return '正在为您找负责办理的单位';
      return part;
    })
    .join('；');
}

function timeline(doc: RequestDoc, text: (t: string) => string, plain: boolean): TimelineEntry[] {
  return doc.events
    .filter((e) => !LOOKS.has(e.type)) // an internal audit record, not progress
    .map((e) => ({
      type: e.type,
      at: e.at,
      actor: e.actorUnit ?? ROLE_LABEL[e.actorRole] ?? '系统',
      // A 批示 is an instruction to the unit (交办), not an answer: the petitioner learns that it was given.
      note:
        e.note === null || (plain && e.staffOnly)
          ? null
          : text(plain && (e.type === 'submit' || e.type === 'register') ? plainNote(e.note) : e.note),
      fromStatus: e.from,
      toStatus: e.to,
    }));
}

/**
 * What of the petitioner a cadre or dispatcher may see. Residents see their own request and need no
 * echo of themselves. Confidential requests, and complaints seen by the unit complained about, show 保密.
 */
function petitionerFor(doc: RequestDoc, caller: Caller, parties: readonly Party[]): RequestDetail['petitioner'] {
  const staff = parties.some((p) => p !== 'requester');
  if (!staff || doc.requesterId === caller.openid) return null;
  const aboutThisUnit = doc.subjectUnitId !== null && doc.subjectUnitId === caller.unitId;
  if (doc.confidential || aboutThisUnit) return { name: HIDDEN, phone: HIDDEN };
  const name = doc.contactName ? maskName(doc.contactName) : '未留姓名';
  const phone = doc.mayContact && doc.contactPhone ? maskPhone(doc.contactPhone) : '未同意联系';
  return { name, phone };
}

/** The request as the guards read it, for this caller (联合办理: whether the caller's unit owes its part). */
const guardView = (d: RequestDoc, caller: Caller): GuardView => ({
  ...d,
  partOwed: caller.unitId !== null && (d.coOwed ?? []).includes(caller.unitId),
});

/**
 * Why the caller may not see the petitioner's full name and phone, or null when they may: only the
 * handling unit, never the unit complained about, never a confidential request or one whose
 * petitioner declined contact.
 */
export function unmaskRefusal(d: RequestDoc, caller: Caller, parties: readonly Party[]): string | null {
  if (!parties.includes('handler')) return '只有承办单位可以查看联系方式';
  if (d.subjectUnitId !== null && d.subjectUnitId === caller.unitId) return '被投诉单位不能查看投诉人的联系方式';
  if (d.confidential) return '群众要求保密，不能查看联系方式';
  if (!d.mayContact || !d.contactPhone) return '群众没有同意联系';
  return null;
}

export function toDetail(doc: RequestDoc, caller: Caller, parties: readonly Party[], now: number): RequestDetail {
  // The petitioner reads their own words as written; anyone else gets phone numbers in them masked.
  const text = parties.includes('requester') ? (t: string) => t : maskPhonesIn;
  return {
    ...toSummary(doc, now),
    ...(parties.includes('requester') ? { title: doc.title } : {}),
    content: text(doc.content),
    photos: doc.photos,
    confidential: doc.confidential,
    mayContact: doc.mayContact,
    regionName: doc.regionName,
    cardId: doc.cardId,
    // The petitioner's own card: its phones are one tap away on the detail page.
    card: parties.includes('requester') && doc.cardScene ? { scene: doc.cardScene, aboutUnit: doc.subjectUnitId !== null } : null,
    source: doc.source ?? '小程序',
    urgency: doc.urgency,
    acceptDueAt: doc.acceptDueAt,
    answerDueAt: doc.dueAt,
    objectDueAt: doc.objectDueAt,
    policyLabel: doc.policy.label,
    reply: doc.reply === null ? null : text(doc.reply),
    repliedAt: doc.repliedAt,
    rating: doc.rating
      ? {
          score: doc.rating.score,
          resolved: doc.rating.resolved ?? null,
          at: doc.rating.at,
          comment: doc.rating.comment === null ? null : text(doc.rating.comment),
        }
      : null,
    extension: doc.extension ? { state: doc.extension.state, days: doc.extension.days, reason: doc.extension.reason } : null,
    review: doc.review ? { level: doc.review.level, askDueAt: doc.review.askDueAt, dueAt: doc.review.dueAt } : null,
    mergedInto: doc.mergedInto,
    chase: doc.clock?.level ?? 0,
    // The petitioner alone reads it in plain words; staff (a cadre who is also the petitioner too) in theirs.
    timeline: timeline(doc, text, parties.length === 1 && parties[0] === 'requester'),
    can: allowedActions(guardView(doc, caller), parties, now),
    canUnmask: unmaskRefusal(doc, caller, parties) === null,
    petitioner: petitionerFor(doc, caller, parties),
    viewers: parties.includes('requester') ? viewersOf(doc) : null,
    delivery: doc.delivery ?? null,
    unclaimed: doc.channel === '信访' && doc.requesterId === null,
    leader: leaderFor(doc, parties, text),
    coUnits: (doc.coUnits ?? []).map((c) => ({
      unitId: c.unitId,
      unitName: c.unitName,
      // The lead unit's answer is the answer: the petitioner reads who helped, not the parts.
      answer: c.answer === null || !parties.some((p) => p !== 'requester') ? null : text(c.answer),
      answeredAt: c.answeredAt,
    })),
  };
}

/**
 * 阅批 as each party reads it: staff and the leader the whole (the 信访局's note, 重要来信, the 批示);
 * the petitioner only who read it and when (the 批示 is the unit's instruction, the answer is theirs).
 */
function leaderFor(doc: RequestDoc, parties: readonly Party[], text: (t: string) => string): RequestDetail['leader'] {
  const l = doc.leader;
  if (!l) return null;
  const seen = { key: l.key, name: l.name, title: l.title, sentAt: l.sentAt, instructedAt: l.instructedAt };
  if (!parties.some((p) => p !== 'requester')) return { ...seen, important: null, note: null, instruction: null };
  return {
    ...seen,
    important: l.important,
    note: l.note === null ? null : text(l.note),
    instruction: l.instruction === null ? null : text(l.instruction),
  };
}

/** The leader's list order (descending): 重要来信 first, each group longest waiting first; once instructed, the latest first. */
export function leaderRank(l: Pick<LeaderReview, 'important' | 'sentAt' | 'instructedAt'>): number {
  if (l.instructedAt !== null) return l.instructedAt;
  return (l.important ? 3e13 : 2e13) - l.sentAt;
}

/** The chase fields for a document whose binding deadline may have changed. */
export function rewindClock(doc: RequestDoc, now: number, cal: Calendar): Pick<RequestDoc, 'clock' | 'nextCheckAt' | 'overdueSince'> {
  const due = bindingDeadline(doc);
  if (due === null) return { clock: null, nextCheckAt: null, overdueSince: null };
  if (doc.clock && doc.clock.due === due) return { clock: doc.clock, nextCheckAt: doc.nextCheckAt, overdueSince: doc.overdueSince };
  const clock: Clock = { start: now, due, level: 0 };
  return { clock, nextCheckAt: nextCheck(clock, doc.policy, cal), overdueSince: null };
}

/** Who an event is recorded as. */
export type Actor = Pick<AuditEvent, 'actorId' | 'actorRole' | 'actorUnit'>;
/** The timer. */
export const SYSTEM: Actor = { actorId: 'system', actorRole: 'system', actorUnit: null };

const ACTING_ROLE: Record<Party, Role> = {
  requester: 'resident',
  handler: 'cadre',
  unitHead: 'cadre',
  dispatcher: 'admin',
  leader: 'cadre',
  coHandler: 'cadre',
  meetLeader: 'cadre',
};

/** A leader as the timeline names them (their names are public: 接访 rosters show them). */
const leaderLabel = (c: Pick<Caller, 'name' | 'unitName'>): string => `${c.name ?? '领导'}（${c.unitName ?? '县领导'}）`;

/** The caller acting as `party`: the timeline names the unit for its staff, 调度中心 for the dispatcher, a leader by name. */
function actorAs(caller: Caller, party: Party): Actor {
  const unit = {
    requester: null,
    dispatcher: '调度中心',
    leader: leaderLabel(caller),
    handler: caller.unitName,
    unitHead: caller.unitName,
    coHandler: caller.unitName,
    meetLeader: leaderLabel(caller),
  };
  return { actorId: caller.openid, actorRole: ACTING_ROLE[party], actorUnit: unit[party] };
}

/**
 * The one way an audit event is made: the next on the request (`events`), from its status, to
 * `to` (or the same status), counted for its unit unless `unitId` says otherwise.
 */
export function auditEvent(
  on: { events: readonly AuditEvent[]; status: RequestStatus | null; unitId: string | null },
  type: RequestEventType,
  actor: Actor,
  at: number,
  more: { to?: RequestStatus; note?: string | null; unitId?: string | null } & Pick<
    AuditEvent,
    'inTime' | 'dueCounted' | 'score' | 'resolved' | 'toUnitId' | 'staffOnly' | 'coUnitIds'
  > = {},
): AuditEvent {
  const to = more.to ?? on.status;
  if (to === null) throw new Error(`audit event ${type} without a status`);
  const event: AuditEvent = {
    seq: on.events.length + 1,
    type,
    at,
    actorId: actor.actorId,
    actorRole: actor.actorRole,
    actorUnit: actor.actorUnit,
    from: on.status,
    to,
    note: more.note ?? null,
    unitId: more.unitId !== undefined ? more.unitId : on.unitId,
  };
  if (more.inTime !== undefined) event.inTime = more.inTime;
  if (more.dueCounted !== undefined) event.dueCounted = more.dueCounted;
  if (more.score !== undefined) event.score = more.score;
  if (more.resolved !== undefined) event.resolved = more.resolved;
  if (more.toUnitId !== undefined) event.toUnitId = more.toUnitId;
  if (more.staffOnly) event.staffOnly = true;
  if (more.coUnitIds?.length) event.coUnitIds = more.coUnitIds;
  return event;
}

export interface Change {
  set?: Partial<RequestDoc>;
  note?: string | null;
  toUnitId?: string;
  /** Extra fields on the event (inTime, score…). */
  mark?: Pick<AuditEvent, 'inTime' | 'dueCounted' | 'score' | 'resolved' | 'staffOnly' | 'coUnitIds'>;
  /** A follow-on event in the same write (a 差评's 重办). */
  then?: { type: RequestEventType; to: RequestStatus; note: string | null };
}

interface Applied {
  next: RequestDoc;
  /** The fields to write (without version and events). */
  set: Partial<RequestDoc>;
  events: AuditEvent[];
}

/**
 * Checks and computes a transition without writing it: the transition table, the version, the
 * guard; then the new fields, the chase and the audit event(s).
 */
function applyTransition(
  action: RequestAction,
  doc: RequestDoc,
  parties: readonly Party[],
  version: number,
  { caller, dir: { calendar: cal }, now }: Ctx,
  change: (doc: RequestDoc) => Change,
): Applied {
  const t = TRANSITIONS[action];
  const why = refusal(action, guardView(doc, caller), parties, now);
  if (why === 'party') throw new AppError('FORBIDDEN');
  if (doc.version !== version) throw conflict();
  if (why === 'state') throw new AppError('CONFLICT', '这条诉求的状态已经变化，请刷新后再试');
  if (why) throw new AppError('CONFLICT', GUARDS[why].message);
  const c = change(doc);
  const party = t.by.find((p) => parties.includes(p))!;
  const to = t.to ?? doc.status;
  const first = auditEvent(doc, t.event, actorAs(caller, party), now, {
    to,
    note: c.note ?? null,
    unitId: c.toUnitId ?? doc.unitId,
    ...(c.mark ?? {}),
    ...(c.toUnitId ? { toUnitId: c.toUnitId } : {}),
  });
  const events = [first];
  if (c.then)
    events.push(
      auditEvent({ events: [...doc.events, first], status: to, unitId: doc.unitId }, c.then.type, SYSTEM, now, {
        to: c.then.to,
        note: c.then.note,
      }),
    );
  const status = events[events.length - 1]!.to;
  const draft: RequestDoc = { ...doc, ...c.set, status, updatedAt: now };
  const chase = rewindClock(draft, now, cal);
  const set: Partial<RequestDoc> = { ...c.set, status, updatedAt: now, ...chase, needsCount: true };
  return { next: { ...draft, ...chase, needsCount: true, version: doc.version + 1, events: [...doc.events, ...events] }, set, events };
}

/** 派单 or 转办: the request goes to `unit`, which must sign for it (and may object) within the policy's time again. */
export function assignment(doc: RequestDoc, unit: UnitDoc, cal: Calendar, now: number, note: string): Change {
  // A complaint about a unit never reaches it (S7.2): not by 派单, not by 转办.
  if (unit._id === doc.subjectUnitId) throw new AppError('INVALID_INPUT', '不能交给被投诉的单位办理');
  // 联合办理: a co-handling unit answers its part; it does not take the lead by 转办.
  if ((doc.coUnitIds ?? []).includes(unit._id)) throw new AppError('INVALID_INPUT', `${unit.name}是协办单位，不能转给它主办`);
  return {
    set: {
      unitId: unit._id,
      unitName: unit.name,
      acceptDueAt: cal.deadline(now, doc.policy.accept),
      objectDueAt: doc.policy.object ? cal.deadline(now, doc.policy.object) : null,
    },
    note,
    toUnitId: unit._id,
  };
}

/**
 * The one way a request changes state: a compare-and-set on the version that appends the
 * transition's audit event(s) in the same write.
 */
export async function transition(
  ctx: Ctx,
  action: RequestAction,
  input: { id: string; version: number },
  change: (doc: RequestDoc) => Change,
): Promise<RequestDetail> {
  const { caller, now } = ctx;
  const { doc, parties } = await loadVisible(input.id, caller);
  const a = applyTransition(action, doc, parties, input.version, ctx, change);
  const ok = await casUpdate('requests', doc._id, doc.version, { ...a.set, events: _.push(a.events) });
  if (!ok) throw conflict();
  return toDetail(a.next, caller, partiesOf(a.next, caller), now);
}

/**
 * A transition whose right comes from another document rather than from the request (a 约访's
 * booking makes its leader the `leader` of the request the resident brought), written in one
 * transaction with that document's compare-and-set (the booking's 纪要): both or neither.
 */
export async function transitionWith(
  ctx: Ctx,
  action: RequestAction,
  doc: RequestDoc,
  parties: readonly Party[],
  change: (doc: RequestDoc) => Change,
  other: { coll: 'meet_bookings'; id: string; version: number; data: Record<string, unknown> },
): Promise<RequestDoc> {
  const a = applyTransition(action, doc, parties, doc.version, ctx, change);
  const outcome = await db.runTransaction(async (tx: TxLike) => {
    const [cur, curOther] = await Promise.all([
      tx.collection('requests').doc(doc._id).get(),
      tx.collection(other.coll).doc(other.id).get(),
    ]);
    if ((cur.data as RequestDoc).version !== doc.version || (curOther.data as { version: number }).version !== other.version)
      return 'stale';
    await tx
      .collection('requests')
      .doc(doc._id)
      .update({ data: { ...a.set, version: doc.version + 1, events: [...doc.events, ...a.events] } });
    await tx
      .collection(other.coll)
      .doc(other.id)
      .update({ data: { ...other.data, version: other.version + 1 } });
    return 'ok';
  });
  if (outcome !== 'ok') throw conflict();
  return a.next;
}

/**
 * 并单, the one change of two requests, in one transaction: the duplicate is closed as merged
 * (its transition), the survivor gains its requesters as followers and records the absorption.
 */
export async function merge(ctx: Ctx, input: { id: string; version: number; intoId: string; note?: string }): Promise<RequestDetail> {
  const { caller, now } = ctx;
  if (input.intoId === input.id) throw new AppError('INVALID_INPUT', '不能把诉求合并到它自己');
  const { doc, parties } = await loadVisible(input.id, caller);
  const { doc: into, parties: intoParties } = await loadVisible(input.intoId, caller).catch(() => {
    throw new AppError('INVALID_INPUT', '要合并到的诉求不存在，或不在您的办理范围内');
  });
  if (!PENDING.includes(into.status) || into.status === 'reviewing') throw new AppError('INVALID_INPUT', '只能合并到仍在办理中的诉求');
  if (!intoParties.some((p) => p === 'handler' || p === 'dispatcher')) throw new AppError('FORBIDDEN');
  const note = `并入 ${into.no}${input.note ? `：${input.note}` : ''}`;
  const a = applyTransition('merge', doc, parties, input.version, ctx, () => ({ set: { mergedInto: into._id }, note }));
  const followers = [...new Set([...into.followers, doc.requesterId, ...doc.followers])].filter(
    (f): f is string => f !== null && f !== into.requesterId,
  );
  const absorb = auditEvent(into, 'absorb', a.events[0]!, now, { note: `合并重复诉求 ${doc.no}` });
  const outcome = await db.runTransaction(async (tx: TxLike) => {
    const [cur, curInto] = await Promise.all([tx.collection('requests').doc(doc._id).get(), tx.collection('requests').doc(into._id).get()]);
    if ((cur.data as RequestDoc).version !== doc.version || (curInto.data as RequestDoc).version !== into.version) return 'stale';
    await tx
      .collection('requests')
      .doc(doc._id)
      .update({ data: { ...a.set, version: doc.version + 1, events: [...doc.events, ...a.events] } });
    await tx
      .collection('requests')
      .doc(into._id)
      .update({
        data: { followers, updatedAt: now, needsCount: true, version: into.version + 1, events: [...into.events, absorb] },
      });
    return 'ok';
  });
  if (outcome !== 'ok') throw conflict();
  return toDetail(a.next, caller, partiesOf(a.next, caller), now);
}

/**
 * An audit event that changes no state (查看联系方式): still a compare-and-set on the version, so
 * the record is never lost to, or duplicated by, a concurrent change.
 */
export async function appendEvent(
  id: string,
  caller: Caller,
  now: number,
  decide: (doc: RequestDoc, parties: readonly Party[]) => { type: RequestEventType; as: Party; note?: string | null; unit?: string | null },
): Promise<RequestDoc> {
  const { doc, parties } = await loadVisible(id, caller);
  const d = decide(doc, parties);
  // `unit`: the actor's own unit rather than their desk (the petitioner is told which unit looked).
  const actor = { ...actorAs(caller, d.as), ...(d.unit !== undefined ? { actorUnit: d.unit } : {}) };
  const event = auditEvent(doc, d.type, actor, now, { note: d.note ?? null });
  const ok = await casUpdate('requests', doc._id, doc.version, { updatedAt: now, events: _.push([event]) });
  if (!ok) throw conflict();
  return { ...doc, version: doc.version + 1, events: [...doc.events, event] };
}
