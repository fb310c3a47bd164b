/** The request document, how each party sees it, and the one way it changes state. */
import type {
  RequestAction, RequestCategory, RequestDetail, RequestEventType, RequestStatus, RequestSummary, Role, Score, TimelineEntry, Urgency,
} from '../typings';
import type { Caller } from './caller';
import type { Limit } from './domain/calendar';
import { casUpdate, getById, _ } from './db';
import { AppError, conflict, notFound } from './errors';
import { allowedActions, PENDING, TRANSITIONS, type Party } from './domain/lifecycle';
import { HIDDEN, maskName, maskPhone } from './domain/privacy';

/** One audit event, embedded in the request so a change and its record are one atomic write. */
export interface AuditEvent {
  seq: number;
  type: RequestEventType;
  at: number;
  actorId: string;
  actorRole: Role;
  /** The acting unit's name as shown on the timeline; null for the resident. */
  actorUnit: string | null;
  from: RequestStatus | null;
  to: RequestStatus;
  note: string | null;
  /** For dispatch/transfer: the unit it went to. */
  toUnitId?: string;
}

export interface RequestDoc {
  _id: string;
  no: string;
  clientId: string;
  requesterId: string;
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
  policyKey: string;
  /** The policy's limits, kept so a transfer or re-dispatch restarts the signing clock the same way. */
  limits: { accept: Limit; finish: Limit };
  createdAt: number;
  updatedAt: number;
  acceptDueAt: number;
  dueAt: number;
  reply: string | null;
  repliedAt: number | null;
  rating: { score: Score; comment: string | null; at: number } | null;
  events: AuditEvent[];
}

/** The parties the caller is to this request; none means they may not see it. */
export function partiesOf(doc: RequestDoc, caller: Caller): Party[] {
  const parties: Party[] = [];
  if (doc.requesterId === caller.openid) parties.push('requester');
  if (caller.roles.includes('cadre') && caller.unitId !== null && doc.unitId === caller.unitId) parties.push('handler');
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
  return {
    id: doc._id,
    no: doc.no,
    category: doc.category,
    status: doc.status,
    title: doc.title,
    unitName: doc.unitName,
    createdAt: doc.createdAt,
    dueAt: doc.dueAt,
    overdue: PENDING.includes(doc.status) && now > doc.dueAt,
    version: doc.version,
  };
}

const ROLE_LABEL: Partial<Record<Role, string>> = { resident: '群众', cadre: '干部', admin: '调度中心' };

function timeline(doc: RequestDoc): TimelineEntry[] {
  return doc.events.map((e) => ({
    type: e.type,
    at: e.at,
    actor: e.actorUnit ?? ROLE_LABEL[e.actorRole] ?? '系统',
    note: e.note,
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

export function toDetail(doc: RequestDoc, caller: Caller, parties: readonly Party[], now: number): RequestDetail {
  return {
    ...toSummary(doc, now),
    content: doc.content,
    photos: doc.photos,
    confidential: doc.confidential,
    mayContact: doc.mayContact,
    regionName: doc.regionName,
    cardId: doc.cardId,
    acceptDueAt: doc.acceptDueAt,
    reply: doc.reply,
    repliedAt: doc.repliedAt,
    rating: doc.rating,
    timeline: timeline(doc),
    can: allowedActions(doc.status, parties),
    petitioner: petitionerFor(doc, caller, parties),
  };
}

const ACTING_ROLE: Record<Party, Role> = { requester: 'resident', handler: 'cadre', dispatcher: 'admin' };

/**
 * The one way a request changes state: checks the transition table, compare-and-sets on the
 * version, and appends exactly one audit event in the same write.
 */
export async function transition(
  action: RequestAction,
  input: { id: string; version: number },
  caller: Caller,
  now: number,
  change: (doc: RequestDoc) => { set?: Record<string, unknown>; note?: string | null; toUnitId?: string },
): Promise<RequestDetail> {
  const { doc, parties } = await loadVisible(input.id, caller);
  const t = TRANSITIONS[action];
  if (!parties.includes(t.by)) throw new AppError('FORBIDDEN');
  if (doc.version !== input.version) throw conflict();
  if (!t.from.includes(doc.status)) throw new AppError('CONFLICT', '这条诉求的状态已经变化，请刷新后再试');
  const c = change(doc);
  const event: AuditEvent = {
    seq: doc.events.length + 1,
    type: t.event,
    at: now,
    actorId: caller.openid,
    actorRole: ACTING_ROLE[t.by],
    actorUnit: t.by === 'requester' ? null : t.by === 'dispatcher' ? '调度中心' : caller.unitName,
    from: doc.status,
    to: t.to,
    note: c.note ?? null,
    ...(c.toUnitId ? { toUnitId: c.toUnitId } : {}),
  };
  const set = { ...c.set, status: t.to, updatedAt: now };
  const ok = await casUpdate('requests', doc._id, doc.version, { ...set, events: _.push([event]) });
  if (!ok) throw conflict();
  const next: RequestDoc = { ...doc, ...(set as Partial<RequestDoc>), version: doc.version + 1, events: [...doc.events, event] };
  return toDetail(next, caller, partiesOf(next, caller), now);
}
