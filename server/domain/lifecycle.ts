/**
 * The request state machine as one table: which transition, from which states, by whom, to what,
 * under which condition. Permission checks, the “what may I do next” list and the tests all read it.
 */
import type { Channel, RequestAction, RequestEventType, RequestStatus } from '../../typings';

/**
 * How the caller stands to a request. A unit head is also a handler. `leader`: the leader the
 * 信访局 sent the letter to for 阅批 (S4.1). `coHandler`: a cadre of a co-handling unit (联合办理), which
 * answers its part while the lead unit (the handler) answers the whole. `meetLeader`: the leader who
 * received the resident at a 约访 about it (the booking, not the request, says so: S4.4 接访事项纪要).
 */
export type Party = 'requester' | 'handler' | 'unitHead' | 'dispatcher' | 'leader' | 'coHandler' | 'meetLeader';

/** What the guards need to know of a request. */
export interface GuardView {
  status: RequestStatus;
  channel: Channel;
  /** 退单 is only possible until then (信访: 5 working days after assignment). */
  objectDueAt: number | null;
  extension: { state: 'asked' | 'approved' | 'denied' } | null;
  pausedAt: number | null;
  review: { level: number; askDueAt: number | null } | null;
  repliedAt: number | null;
  /** null: a registered 信访 item its petitioner has not claimed on the app. */
  requesterId: string | null;
  /** 阅批 (S4.1): the leader it was sent to and when they wrote their 批示 (absent: never sent). */
  leader?: { instructedAt: number | null } | null;
  /** 联合办理: the co-handling units whose part is still owed (absent: no co-handling). */
  coOwed?: readonly string[];
  /** The caller's own unit owes its part (联合办理): filled in for the caller. */
  partOwed?: boolean;
}

export type GuardName =
  | 'objectionWindow'
  | 'noExtensionYet'
  | 'extensionAsked'
  | 'running'
  | 'paused'
  | 'reviewWindow'
  | 'unclaimed'
  | 'notWithLeader'
  | 'awaitingInstruction'
  | 'partOwed'
  | 'partsIn';

export const GUARDS: Record<GuardName, { holds(v: GuardView, now: number): boolean; message: string }> = {
  objectionWindow: { holds: (v, now) => v.objectDueAt === null || now <= v.objectDueAt, message: '已超过退单时限，请按程序办理或申请转办' },
  noExtensionYet: { holds: (v) => v.extension === null, message: '每件诉求只能申请一次延期' },
  extensionAsked: { holds: (v) => v.extension?.state === 'asked', message: '没有待审批的延期申请' },
  running: { holds: (v) => v.pausedAt === null, message: '计时已经暂停' },
  paused: { holds: (v) => v.pausedAt !== null, message: '计时没有暂停' },
  reviewWindow: {
    holds: (v, now) =>
      v.repliedAt !== null && v.review !== null && v.review.level < 2 && v.review.askDueAt !== null && now <= v.review.askDueAt,
    message: '已超过申请复查复核的期限，或已经复核过',
  },
  unclaimed: { holds: (v) => v.requesterId === null, message: '信访人已在小程序中认领，答复已在小程序中送达' },
  // One leader reads a letter (阅批); a second sending would take it from the first leader's desk.
  notWithLeader: { holds: (v) => !v.leader, message: '这件来信已经呈送领导阅批' },
  awaitingInstruction: { holds: (v) => !!v.leader && v.leader.instructedAt === null, message: '这件来信已经批示过了' },
  partOwed: { holds: (v) => v.partOwed === true, message: '本单位的协办意见已经提交过了' },
  // 联合办理: the lead unit answers the whole once every co-handling unit has answered its part.
  partsIn: { holds: (v) => !v.coOwed || v.coOwed.length === 0, message: '还有协办单位没有提交意见，请等协办意见齐了再答复' },
};

export interface Transition {
  event: RequestEventType;
  from: readonly RequestStatus[];
  /** null: the status stays; the event is still recorded (回访, 延期, 暂停). */
  to: RequestStatus | null;
  by: readonly Party[];
  /** Only for requests of this channel. */
  channel?: Channel;
  guard?: GuardName;
}

const OPEN: readonly RequestStatus[] = ['submitted', 'assigned', 'accepted', 'returned'];
const HANDLING: readonly RequestStatus[] = ['accepted', 'reopened'];

export const TRANSITIONS: Record<RequestAction, Transition> = {
  accept: { event: 'accept', from: ['assigned'], to: 'accepted', by: ['handler'] },
  reply: { event: 'reply', from: HANDLING, to: 'replied', by: ['handler'], guard: 'partsIn' },
  // 退单: a unit that is not responsible objects; the dispatcher decides again.
  return: { event: 'return', from: ['assigned', 'accepted'], to: 'returned', by: ['handler'], guard: 'objectionWindow' },
  // 转办: the unit hands it on to the responsible unit, which must sign for it again.
  transfer: { event: 'transfer', from: ['assigned', 'accepted'], to: 'assigned', by: ['handler'] },
  dispatch: { event: 'dispatch', from: ['submitted', 'returned'], to: 'assigned', by: ['dispatcher'] },
  reject: { event: 'reject', from: OPEN, to: 'rejected', by: ['handler', 'dispatcher'] },
  merge: { event: 'merge', from: OPEN, to: 'merged', by: ['handler', 'dispatcher'] },
  withdraw: { event: 'withdraw', from: [...OPEN, 'reopened'], to: 'withdrawn', by: ['requester'] },
  // A 差评 reopens it at once (重办): see REOPEN.
  rate: { event: 'rate', from: ['replied'], to: 'closed', by: ['requester'] },
  revisit: { event: 'revisit', from: ['replied', 'closed', 'reopened'], to: null, by: ['handler', 'dispatcher'] },
  extendAsk: { event: 'extendAsk', from: HANDLING, to: null, by: ['handler'], guard: 'noExtensionYet' },
  extendDecide: { event: 'extendDecide', from: HANDLING, to: null, by: ['unitHead', 'dispatcher'], guard: 'extensionAsked' },
  pause: { event: 'pause', from: HANDLING, to: null, by: ['handler'], guard: 'running' },
  resume: { event: 'resume', from: HANDLING, to: null, by: ['handler'], guard: 'paused' },
  reviewAsk: {
    event: 'reviewAsk',
    from: ['replied', 'closed'],
    to: 'reviewing',
    by: ['requester'],
    channel: '信访',
    guard: 'reviewWindow',
  },
  reviewAnswer: { event: 'reviewAnswer', from: ['reviewing'], to: 'closed', by: ['dispatcher'] },
  // 书面答复送达: the answer reached a petitioner without the app (letter, SMS, in person); only then is it closed (件件有答复).
  deliver: { event: 'deliver', from: ['replied'], to: 'closed', by: ['dispatcher'], channel: '信访', guard: 'unclaimed' },
  // 阅批 (S4.1): the 信访局 sends a registered letter to a leader while it is still being handled…
  toLeader: { event: 'toLeader', from: [...OPEN, 'reopened'], to: null, by: ['dispatcher'], channel: '信访', guard: 'notWithLeader' },
  // …who writes a 批示 once; the handling unit (and whoever it goes to next) reads it on the request.
  instruct: { event: 'instruct', from: [...OPEN, 'reopened'], to: null, by: ['leader'], guard: 'awaitingInstruction' },
  // 联合办理: each co-handling unit answers its part once, while the lead unit has it.
  coReply: { event: 'coReply', from: ['assigned', 'accepted', 'reopened'], to: null, by: ['coHandler'], guard: 'partOwed' },
  // 接访事项纪要 (S4.4): the leader who received the resident hands the request they brought to the unit
  // the 纪要 names, due in its working days — also one already answered that the resident is still not
  // satisfied with; the unit signs for it again.
  reroute: { event: 'reroute', from: [...OPEN, 'reopened', 'replied'], to: 'assigned', by: ['meetLeader'] },
};

const REQUEST_ACTIONS = Object.keys(TRANSITIONS) as RequestAction[];

/** Why a transition is not possible now, or null when it is. */
export function refusal(action: RequestAction, v: GuardView, parties: readonly Party[], now: number): 'party' | 'state' | GuardName | null {
  const t = TRANSITIONS[action];
  if (!t.by.some((p) => parties.includes(p))) return 'party';
  if (!t.from.includes(v.status) || (t.channel && t.channel !== v.channel)) return 'state';
  if (t.guard && !GUARDS[t.guard].holds(v, now)) return t.guard;
  return null;
}

/** The transitions this caller may make now. */
export function allowedActions(v: GuardView, parties: readonly Party[], now: number): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => refusal(a, v, parties, now) === null);
}

/** Requests that still wait for someone in the unit. */
export const OPEN_FOR_UNIT: readonly RequestStatus[] = ['assigned', 'accepted', 'reopened'];
export const DONE_FOR_UNIT: readonly RequestStatus[] = ['replied', 'closed', 'rejected', 'reviewing'];
export const DISPATCH_QUEUE: readonly RequestStatus[] = ['submitted', 'returned'];
/** States with a running clock: an answer is still owed by someone. */
export const PENDING: readonly RequestStatus[] = ['submitted', 'assigned', 'accepted', 'returned', 'reopened', 'reviewing'];

/** What the binding deadline is for: 派单, 签收, 答复 or 复查复核 (lists say which). */
export type DueKind = 'route' | 'accept' | 'answer' | 'review';

export function dueKindOf(d: { status: RequestStatus; pausedAt: number | null }): DueKind | null {
  if (d.pausedAt !== null) return null;
  switch (d.status) {
    case 'submitted':
    case 'returned':
      return 'route';
    case 'assigned':
      return 'accept';
    case 'accepted':
    case 'reopened':
      return 'answer';
    case 'reviewing':
      return 'review';
    default:
      return null;
  }
}

/** The deadline that binds the request now, or null when its clock is stopped. */
export function bindingDeadline(d: {
  status: RequestStatus;
  pausedAt: number | null;
  routeDueAt: number;
  acceptDueAt: number;
  dueAt: number;
  review: { dueAt: number } | null;
}): number | null {
  if (d.pausedAt !== null) return null;
  switch (d.status) {
    case 'submitted':
    case 'returned':
      return d.routeDueAt;
    case 'assigned':
      return d.acceptDueAt;
    case 'accepted':
    case 'reopened':
      return d.dueAt;
    case 'reviewing':
      return d.review?.dueAt ?? null;
    default:
      return null;
  }
}
