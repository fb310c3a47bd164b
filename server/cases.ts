/**
 * 包案 (S4.5): a key case (a request) given to a county leader, who with their office sees to the
 * five duties (包解决问题、包思想疏导、包稳定控制、包帮扶困难、包依法处置) until 案结事了. The case
 * names the request, never its petitioner: views carry the request as staff lists show it (phones in
 * its title masked, no name, no contact, no text), and a case about a complaint against the caller's
 * own unit is hidden from them as the request is.
 */
import type { CaseView } from '../typings';
import { CASE_DUTIES, CASE_DUTY_LABELS, CASE_STATUS_LABELS, type CaseDuty, type CaseStatus } from '../miniprogram/shared/leaders';
import type { Caller } from './caller';
import { _, findMany, getById } from './db';
import { AppError } from './errors';
import { LIST_FIELDS, toSummary, type RequestDoc } from './requests';

export interface CaseEvent {
  seq: number;
  type: 'assign' | 'tick' | 'reopen' | 'note' | 'close';
  at: number;
  actorId: string;
  note: string | null;
}

/** A key case (`meet_cases`, _id from the request: one 包案 per request). */
export interface CaseDoc {
  _id: string;
  requestId: string;
  requestNo: string;
  /** The unit a complaint is about: its staff never see the case (as they never see the request). */
  subjectUnitId: string | null;
  leaderId: string;
  leaderName: string;
  /** The leader's unit, whose cadres act as the office; null for a county leader (the admin does). */
  leaderUnitId: string | null;
  note: string | null;
  duties: { key: CaseDuty; done: boolean; notes: { at: number; by: string; text: string; done: boolean }[] }[];
  status: CaseStatus;
  closeNote: string | null;
  closedAt: number | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  events: CaseEvent[];
}

export const caseEvent = (
  c: Pick<CaseDoc, 'events'>,
  type: CaseEvent['type'],
  actorId: string,
  at: number,
  note: string | null,
): CaseEvent => ({
  seq: c.events.length + 1,
  type,
  at,
  actorId,
  note,
});

export const freshDuties = (): CaseDoc['duties'] => CASE_DUTIES.map((key) => ({ key, done: false, notes: [] }));

/** The leader, their office (their unit's cadres; the admin for a county leader, who has no unit). */
function actsForCase(caller: Caller, c: Pick<CaseDoc, 'leaderId' | 'leaderUnitId'>): boolean {
  if (caller.openid === c.leaderId || caller.roles.includes('admin')) return true;
  return caller.roles.includes('cadre') && c.leaderUnitId !== null && caller.unitId === c.leaderUnitId;
}

/** Whether the caller may see the case at all: those who act for it, minus the unit complained about. */
const mayRead = (caller: Caller, c: CaseDoc): boolean =>
  actsForCase(caller, c) && !(c.subjectUnitId !== null && c.subjectUnitId === caller.unitId);

/** A case the caller may see; anyone else hears it does not exist. */
export async function visibleCase(caller: Caller, id: string): Promise<CaseDoc> {
  const c = await getById<CaseDoc>('meet_cases', id);
  if (!c || !mayRead(caller, c)) throw new AppError('NOT_FOUND', '没有找到这个包案，或者您无权查看');
  return c;
}

/** The requests of some cases as lists show them, in one read. */
export async function requestsOf(cases: readonly CaseDoc[]): Promise<Map<string, RequestDoc>> {
  const ids = [...new Set(cases.map((c) => c.requestId))];
  if (!ids.length) return new Map();
  const docs = await findMany<RequestDoc>('requests', { _id: _.in(ids) }, { limit: ids.length, fields: LIST_FIELDS });
  return new Map(docs.map((d) => [d._id, d]));
}

/** A case with its request as staff lists show it (requests are never deleted: the request is always there). */
export function caseView(c: CaseDoc, req: RequestDoc, caller: Caller, now: number): CaseView {
  const open = c.status === 'open';
  return {
    id: c._id,
    version: c.version,
    status: c.status,
    statusLabel: CASE_STATUS_LABELS[c.status],
    request: toSummary(req, now),
    leaderName: c.leaderName,
    note: c.note,
    duties: c.duties.map((d) => ({ key: d.key, label: CASE_DUTY_LABELS[d.key], done: d.done, notes: d.notes })),
    open: c.duties.filter((d) => !d.done).map((d) => CASE_DUTY_LABELS[d.key]),
    assignedAt: c.createdAt,
    closedAt: c.closedAt,
    closeNote: c.closeNote,
    canTick: open && actsForCase(caller, c),
    canClose: open && caller.roles.includes('admin') && c.duties.every((d) => d.done),
  };
}
