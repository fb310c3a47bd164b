/** Leaders in the petition work: 包案 (S4.5). */
import type { ActionReq, ActionRes, CasesPage, CaseView, DownVisitView, MyVisits, SlotDayView } from '../../typings/index';
import type { CaseDuty } from '../shared/leaders';
import { callCloud } from './cloud';

/** Key cases: the county's (admin), my own (a leader), my unit's leaders' (their office). */
export const fetchCases = (box: 'open' | 'closed', cursor?: string): Promise<CasesPage> =>
  callCloud('meet', 'cases', cursor ? { box, cursor } : { box });

export const fetchCase = (caseId: string): Promise<CaseView> => callCloud('meet', 'caseDetail', { caseId });

export const assignCase = (requestNo: string, leaderKey: string, note: string): Promise<CaseView> =>
  callCloud('meet', 'assignCase', note ? { requestNo, leaderKey, note } : { requestNo, leaderKey });

export const tickDuty = (c: Pick<CaseView, 'id' | 'version'>, duty: CaseDuty, done: boolean, note: string): Promise<CaseView> =>
  callCloud('meet', 'tickDuty', { caseId: c.id, version: c.version, duty, done, note });

export const closeCase = (c: Pick<CaseView, 'id' | 'version'>, note: string): Promise<CaseView> =>
  callCloud('meet', 'closeCase', { caseId: c.id, version: c.version, note });

// ---------------------------------------------------------------- 下访 (S4.3)

export const logVisit = (input: ActionReq<'meet', 'logVisit'>): Promise<DownVisitView & { duplicate: boolean }> =>
  callCloud('meet', 'logVisit', input);

/** My month against my level's 下访 rule, my visits, my open key cases to take along. */
export const fetchMyVisits = (month: string): Promise<MyVisits> => callCloud('meet', 'myVisits', { month });

/** Who missed what in a month (admin). */
export const fetchMissedVisits = (month: string): Promise<ActionRes<'meet', 'missedVisits'>> =>
  callCloud('meet', 'missedVisits', { month });

// ---------------------------------------------------------------- 约访 from a reception day (S4.4, S4.2)

/** The published reception days ahead I may open 约访 slots from (mine; my office's leaders'). */
export const fetchSlotDays = (): Promise<SlotDayView[]> => callCloud('meet', 'slotDays', {});
