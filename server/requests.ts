/** The request document, how each party sees it, and the one way it changes state. */
import type {
  Channel, RequestAction, RequestCategory, Source, RequestDetail, RequestEventType, RequestStatus, RequestSummary, Role, Score, TimelineEntry, Urgency,
} from '../typings';
import type { Caller } from './caller';
import { casUpdate, getById, _ } from './db';
import { AppError, conflict, notFound } from './errors';
import { nextCheck, type Clock } from './domain/chase';
import { allowedActions, bindingDeadline, GUARDS, PENDING, refusal, TRANSITIONS, type GuardView, type Party } from './domain/lifecycle';
import { HIDDEN, maskName, maskPhone, maskPhonesIn } from './domain/privacy';
import type { PolicyDoc } from './domain/rules';

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
  /** For 评价: the score (满意率). */
  score?: Score;
  /** For dispatch/transfer: the unit it went to. */
  toUnitId?: string;
}

export type PolicySnapshot = Omit<PolicyDoc, '_id'>;

export interface Extension {
  state: 'asked' | 'approved' | 'denied';
  days: number;
  reason: string;
  askedAt: number;
  decidedAt: number | null;
}

export interface RequestDoc {
  _id: string;
  no: string;
  clientId: string;
  requesterId: string;
  channel: Channel;
  source: Source;
  category: RequestCategory;
  urgency: Urgency;
  title: string;
  content: string;
  photos: string[];
  cardId: string | null;
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
  rating: { score: Score; comment: string | null; at: number } | null;
  reopenCount: number;
  extension: Extension | null;
  pausedAt: number | null;
  review: { level: number; askDueAt: number | null; dueAt: number } | null;
  mergedInto: string | null;
  /** Requesters of duplicates merged into this one: kept informed too. */
  followers: string[];
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
  if (doc.requesterId === caller.openid || doc.followers.includes(caller.openid)) parties.push('requester');
  if (caller.roles.includes('cadre') && caller.unitId !== null && doc.unitId === caller.unitId) {
    parties.push('handler');
    if (caller.head) parties.push('unitHead');
  }
  if (caller.roles.includes('admin')) parties.push('dispatcher');
  return parties;
}

/** Loads a request the caller may see; another person's request is NOT_FOUND, not FORBIDDEN (no probing). */
export async function loadVisible(id: string, caller: Caller): Promise<{ doc: RequestDoc; parties: Party[] }> {
  const doc = await getById<RequestDoc>('requests', id);
  if (!doc) throw notFound('诉求');
  const parties = partiesOf(doc, caller);
  if (parties.length === 0) throw notFound('诉求');
  return { doc, parties };
}

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
    overdue: PENDING.includes(doc.status) && due !== null && now > due,
    version: doc.version,
  };
}

const ROLE_LABEL: Partial<Record<Role | 'system', string>> = { resident: '群众', cadre: '干部', admin: '调度中心', system: '系统' };

function timeline(doc: RequestDoc, text: (t: string) => string): TimelineEntry[] {
  return doc.events
    .filter((e) => e.type !== 'unmask') // an internal audit record, not progress
    .map((e) => ({
      type: e.type,
      at: e.at,
      actor: e.actorUnit ?? ROLE_LABEL[e.actorRole] ?? '系统',
      note: e.note === null ? null : text(e.note),
      fromStatus: e.from,
      toStatus: e.to,
    }));
}

/**
 * What of the petitioner a cadre or dispatcher may see. Residents see their own request and need no
 * echo of themselves. Confidential requests, and complaints seen by the unit complained about, show 保密.
 */
function petitionerFor(doc: RequestDoc, caller: Caller, parties: readonly Party[]): RequestDetail['petitioner'] {
  const staff = parties.includes('handler') || parties.includes('dispatcher');
  if (!staff || doc.requesterId === caller.openid) return null;
  const aboutThisUnit = doc.subjectUnitId !== null && doc.subjectUnitId === caller.unitId;
  if (doc.confidential || aboutThisUnit) return { name: HIDDEN, phone: HIDDEN };
  const name = doc.contactName ? maskName(doc.contactName) : '未留姓名';
  const phone = doc.mayContact && doc.contactPhone ? maskPhone(doc.contactPhone) : '未同意联系';
  return { name, phone };
}

const guardView = (d: RequestDoc): GuardView => d;

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
    source: doc.source ?? '小程序',
    urgency: doc.urgency,
    acceptDueAt: doc.acceptDueAt,
    answerDueAt: doc.dueAt,
    objectDueAt: doc.objectDueAt,
    policyLabel: doc.policy.label,
    reply: doc.reply === null ? null : text(doc.reply),
    repliedAt: doc.repliedAt,
    rating: doc.rating ? { ...doc.rating, comment: doc.rating.comment === null ? null : text(doc.rating.comment) } : null,
    extension: doc.extension ? { state: doc.extension.state, days: doc.extension.days, reason: doc.extension.reason } : null,
    paused: doc.pausedAt !== null,
    review: doc.review ? { level: doc.review.level, askDueAt: doc.review.askDueAt, dueAt: doc.review.dueAt } : null,
    mergedInto: doc.mergedInto,
    chase: doc.clock?.level ?? 0,
    timeline: timeline(doc, text),
    can: allowedActions(guardView(doc), parties, now),
    canUnmask: unmaskRefusal(doc, caller, parties) === null,
    petitioner: petitionerFor(doc, caller, parties),
  };
}

/** The chase fields for a document whose binding deadline may have changed. */
export function rewindClock(doc: RequestDoc, now: number): Pick<RequestDoc, 'clock' | 'nextCheckAt' | 'overdueSince'> {
  const due = bindingDeadline(doc);
  if (due === null) return { clock: null, nextCheckAt: null, overdueSince: null };
  if (doc.clock && doc.clock.due === due) return { clock: doc.clock, nextCheckAt: doc.nextCheckAt, overdueSince: doc.overdueSince };
  const clock: Clock = { start: now, due, level: 0 };
  return { clock, nextCheckAt: nextCheck(clock, doc.policy), overdueSince: null };
}

const ACTING_ROLE: Record<Party, Role> = { requester: 'resident', handler: 'cadre', unitHead: 'cadre', dispatcher: 'admin' };

export interface Change {
  set?: Partial<RequestDoc>;
  note?: string | null;
  toUnitId?: string;
  /** Extra fields on the event (inTime, score). */
  mark?: Pick<AuditEvent, 'inTime' | 'score'>;
  /** A follow-on event in the same write (a 差评's 重办). */
  then?: { type: RequestEventType; to: RequestStatus; note: string | null };
}

export interface Applied {
  next: RequestDoc;
  /** The fields to write (without version and events). */
  set: Partial<RequestDoc>;
  events: AuditEvent[];
}

/**
 * Checks and computes a transition without writing it: the transition table, the version, the
 * guard; then the new fields, the chase and the audit event(s).
 */
export function applyTransition(
  action: RequestAction,
  doc: RequestDoc,
  parties: readonly Party[],
  version: number,
  caller: Caller,
  now: number,
  change: (doc: RequestDoc) => Change,
): Applied {
  const t = TRANSITIONS[action];
  const why = refusal(action, guardView(doc), parties, now);
  if (why === 'party') throw new AppError('FORBIDDEN');
  if (doc.version !== version) throw conflict();
  if (why === 'state') throw new AppError('CONFLICT', '这条诉求的状态已经变化，请刷新后再试');
  if (why) throw new AppError('CONFLICT', GUARDS[why].message);
  const c = change(doc);
  const party = t.by.find((p) => parties.includes(p))!;
  const to = t.to ?? doc.status;
  const actor = {
    actorId: caller.openid,
    actorRole: ACTING_ROLE[party],
    actorUnit: party === 'requester' ? null : party === 'dispatcher' ? '调度中心' : caller.unitName,
  };
  const events: AuditEvent[] = [{
    seq: doc.events.length + 1, type: t.event, at: now, ...actor, from: doc.status, to, note: c.note ?? null,
    unitId: c.toUnitId ?? doc.unitId, ...(c.mark ?? {}), ...(c.toUnitId ? { toUnitId: c.toUnitId } : {}),
  }];
  let status = to;
  if (c.then) {
    events.push({ seq: doc.events.length + 2, type: c.then.type, at: now, actorId: 'system', actorRole: 'system', actorUnit: null, from: to, to: c.then.to, note: c.then.note, unitId: doc.unitId });
    status = c.then.to;
  }
  const draft: RequestDoc = { ...doc, ...c.set, status, updatedAt: now };
  const chase = rewindClock(draft, now);
  const set: Partial<RequestDoc> = { ...c.set, status, updatedAt: now, ...chase, needsCount: true };
  return { next: { ...draft, ...chase, needsCount: true, version: doc.version + 1, events: [...doc.events, ...events] }, set, events };
}

/**
 * The one way a request changes state: a compare-and-set on the version that appends the
 * transition's audit event(s) in the same write.
 */
export async function transition(
  action: RequestAction,
  input: { id: string; version: number },
  caller: Caller,
  now: number,
  change: (doc: RequestDoc) => Change,
): Promise<RequestDetail> {
  const { doc, parties } = await loadVisible(input.id, caller);
  const a = applyTransition(action, doc, parties, input.version, caller, now, change);
  const ok = await casUpdate('requests', doc._id, doc.version, { ...a.set, events: _.push(a.events) });
  if (!ok) throw conflict();
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
  decide: (doc: RequestDoc, parties: readonly Party[]) => { type: RequestEventType; as: Party; note?: string | null },
): Promise<RequestDoc> {
  const { doc, parties } = await loadVisible(id, caller);
  const d = decide(doc, parties);
  const event: AuditEvent = {
    seq: doc.events.length + 1, type: d.type, at: now, actorId: caller.openid, actorRole: ACTING_ROLE[d.as],
    actorUnit: d.as === 'requester' ? null : d.as === 'dispatcher' ? '调度中心' : caller.unitName,
    from: doc.status, to: doc.status, note: d.note ?? null, unitId: doc.unitId,
  };
  const ok = await casUpdate('requests', doc._id, doc.version, { updatedAt: now, events: _.push([event]) });
  if (!ok) throw conflict();
  return { ...doc, version: doc.version + 1, events: [...doc.events, event] };
}
