/**
 * The request state machine as one table: which transition, from which states, by whom, to what.
 * Both permission checks and the “what may I do next” list are read from it.
 */
import type { RequestAction, RequestEventType, RequestStatus } from '../../typings';

/** How the caller stands to a request. */
export type Party = 'requester' | 'handler' | 'dispatcher';

export interface Transition {
  event: RequestEventType;
  from: readonly RequestStatus[];
  to: RequestStatus;
  by: Party;
}

export const TRANSITIONS: Record<RequestAction, Transition> = {
  accept: { event: 'accept', from: ['assigned'], to: 'accepted', by: 'handler' },
  reply: { event: 'reply', from: ['accepted'], to: 'replied', by: 'handler' },
  // 退单: a unit that is not responsible objects; the dispatcher decides again.
  return: { event: 'return', from: ['assigned', 'accepted'], to: 'returned', by: 'handler' },
  // 转办: the unit hands it on to the responsible unit, which must sign for it again.
  transfer: { event: 'transfer', from: ['assigned', 'accepted'], to: 'assigned', by: 'handler' },
  dispatch: { event: 'dispatch', from: ['submitted', 'returned'], to: 'assigned', by: 'dispatcher' },
  withdraw: { event: 'withdraw', from: ['submitted', 'assigned', 'accepted', 'returned'], to: 'withdrawn', by: 'requester' },
  rate: { event: 'rate', from: ['replied'], to: 'closed', by: 'requester' },
};

export const REQUEST_ACTIONS = Object.keys(TRANSITIONS) as RequestAction[];

/** The transitions this caller may make now, given the parties they are to the request. */
export function allowedActions(status: RequestStatus, parties: readonly Party[]): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => {
    const t = TRANSITIONS[a];
    return parties.includes(t.by) && t.from.includes(status);
  });
}

/** Requests that still wait for someone in the unit. */
export const OPEN_FOR_UNIT: readonly RequestStatus[] = ['assigned', 'accepted'];
export const DONE_FOR_UNIT: readonly RequestStatus[] = ['replied', 'closed'];
export const DISPATCH_QUEUE: readonly RequestStatus[] = ['submitted', 'returned'];
/** States with a running clock: the answer is still owed. */
export const PENDING: readonly RequestStatus[] = ['submitted', 'assigned', 'accepted', 'returned'];
