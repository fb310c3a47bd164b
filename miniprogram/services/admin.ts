import type {
  CalendarDayView,
  CadreLevel,
  DeliveryMethod,
  LeaderChoice,
  Page,
  PolicyView,
  RegisterInput,
  RequestDetail,
  RequestSummary,
  SubmitResult,
  Versioned,
} from '../../typings/index';
import { callCloud } from './cloud';

/** Requests waiting for the dispatcher: unrouted and returned ones. */
export const fetchQueue = (cursor?: string): Promise<Page<RequestSummary>> => callCloud('admin', 'queue', cursor ? { cursor } : {});

/** Sends a waiting request to a unit (派单); with co-handling units, the unit leads (联合办理). */
export const dispatchRequest = (v: Versioned, unitId: string, note?: string, coUnitIds: string[] = []): Promise<RequestDetail> =>
  callCloud('admin', 'dispatch', { ...v, unitId, ...(note ? { note } : {}), ...(coUnitIds.length ? { coUnitIds } : {}) });

/** Makes a one-time invite code binding a cadre to a unit. */
export const createInvite = (unitId: string, level: CadreLevel): Promise<{ code: string; expiresAt: number }> =>
  callCloud('admin', 'createInvite', { unitId, level });

/** Registers a 信访 letter or visit (件件有登记); the same clientId never registers twice. */
export const registerPetition = (input: RegisterInput): Promise<SubmitResult & { claimCode: string }> =>
  callCloud('admin', 'register', input);

/** The 受理告知 of a registered item: claim code, its 小程序码 and the notice's words, to print or hand over. */
export const fetchClaimNotice = (id: string): Promise<{ code: string; image: string; scene: string; notice: string }> =>
  callCloud('admin', 'claimCode', { id });

/** 书面答复送达: records how and when the answer reached a petitioner without the app; closes the item. */
export const deliverAnswer = (v: Versioned, method: DeliveryMethod, deliveredAt: number): Promise<RequestDetail> =>
  callCloud('admin', 'deliver', { ...v, method, deliveredAt });

/** 调阅联系方式: a (even confidential) petitioner's contact, with the reason; the petitioner is shown the look. */
export const revealPetitioner = (id: string, reason: string): Promise<{ name: string | null; phone: string | null }> =>
  callCloud('admin', 'reveal', { id, reason });

/** Gives the 复查/复核 opinion on a 信访 answer, closing the review. */
export const answerReview = (v: Versioned, opinion: string): Promise<RequestDetail> =>
  callCloud('admin', 'reviewAnswer', { ...v, opinion });

/** A request on the 督办台: how far the chase has gone and since when it is overdue. */
export type OverdueItem = RequestSummary & { chase: number; overdueSince: number };

/** One page of the 督办台: requests past their deadline, most overdue first. */
export const fetchOverdue = (cursor?: string): Promise<Page<OverdueItem>> => callCloud('admin', 'overdue', cursor ? { cursor } : {});

/** The county's deadline policies (时限规则). */
export const fetchPolicies = (): Promise<PolicyView[]> => callCloud('admin', 'policies', {});

/** Saves an edited policy; requests already made keep the policy they came in with. */
export const updatePolicy = (p: Omit<PolicyView, 'key'>): Promise<PolicyView> => callCloud('admin', 'updatePolicy', p);

/** The county's own calendar entries (放假/调休 the holiday package does not know yet). */
export const fetchCalendarDays = (): Promise<CalendarDayView[]> => callCloud('admin', 'calendarDays', {});

/** Enters a day as a working day or a day off; answers with the whole list. */
export const setCalendarDay = (date: string, work: boolean, name: string): Promise<CalendarDayView[]> =>
  callCloud('admin', 'setCalendarDay', { date, work, name });

/** Removes a day's entry: the holiday package decides it again. */
export const removeCalendarDay = (date: string): Promise<CalendarDayView[]> => callCloud('admin', 'removeCalendarDay', { date });

/** 阅批: the county's leaders (or a unit's) a letter may go to. */
export const fetchLeaders = (scope: string): Promise<LeaderChoice[]> => callCloud('admin', 'leaders', { scope });

/** 呈送领导阅批: a registered letter to one leader, 重要来信 or not, with a note. */
export const sendToLeader = (v: Versioned, scope: string, leaderKey: string, important: boolean, note?: string): Promise<RequestDetail> =>
  callCloud('admin', 'toLeader', note ? { ...v, scope, leaderKey, important, note } : { ...v, scope, leaderKey, important });
