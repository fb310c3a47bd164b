/**
 * The lifecycle table for leaders in the petition flow (S4.1), pure: 阅批 — which party may send a
 * letter to a leader or write the 批示 — and 联合办理 — co-handling units answer their parts, the lead
 * unit answers the whole only once they are in; from which states, under which guard.
 */
import { allowedActions, refusal, type GuardView } from '../../server/domain/lifecycle';

const NOW = Date.parse('2026-11-26T10:00:00+08:00');
const view = (over: Partial<GuardView> = {}): GuardView => ({
  status: 'assigned',
  channel: '信访',
  objectDueAt: null,
  extension: null,
  pausedAt: null,
  review: null,
  repliedAt: null,
  requesterId: null,
  ...over,
});

describe('阅批 in the lifecycle table', () => {
  it('lets the dispatcher send a 信访 letter still being handled to a leader, once', () => {
    for (const status of ['submitted', 'assigned', 'accepted', 'returned', 'reopened'] as const)
      expect(refusal('toLeader', view({ status }), ['dispatcher'], NOW)).toBeNull();
    for (const status of ['replied', 'closed', 'reviewing', 'withdrawn', 'rejected', 'merged'] as const)
      expect(refusal('toLeader', view({ status }), ['dispatcher'], NOW)).toBe('state');
    expect(refusal('toLeader', view({ channel: '诉求' }), ['dispatcher'], NOW)).toBe('state');
    expect(refusal('toLeader', view(), ['handler', 'unitHead'], NOW)).toBe('party');
    expect(refusal('toLeader', view({ leader: { instructedAt: null } }), ['dispatcher'], NOW)).toBe('notWithLeader');
    expect(refusal('toLeader', view({ leader: { instructedAt: NOW } }), ['dispatcher'], NOW)).toBe('notWithLeader');
  });

  it('lets only the leader it was sent to write the 批示, once, while it is open', () => {
    const sent = view({ leader: { instructedAt: null } });
    expect(allowedActions(sent, ['leader'], NOW)).toEqual(['instruct']);
    expect(refusal('instruct', sent, ['handler', 'unitHead'], NOW)).toBe('party');
    expect(refusal('instruct', sent, ['dispatcher'], NOW)).toBe('party');
    expect(refusal('instruct', view(), ['leader'], NOW)).toBe('awaitingInstruction');
    expect(refusal('instruct', view({ leader: { instructedAt: NOW } }), ['leader'], NOW)).toBe('awaitingInstruction');
    expect(refusal('instruct', { ...sent, status: 'replied' }, ['leader'], NOW)).toBe('state');
    // Neither move changes the state: the unit keeps handling it.
    expect(allowedActions(sent, ['handler'], NOW)).toEqual(['accept', 'return', 'transfer', 'reject', 'merge']);
  });
});

describe('联合办理 in the lifecycle table', () => {
  const joint = (over: Partial<GuardView> = {}): GuardView =>
    view({ channel: '诉求', requesterId: 'r', coOwed: ['unit-b', 'unit-c'], ...over });

  it('lets a co-handling unit that owes its part answer it, once, while the lead unit has the item', () => {
    for (const status of ['assigned', 'accepted', 'reopened'] as const)
      expect(refusal('coReply', joint({ status, partOwed: true }), ['coHandler'], NOW)).toBeNull();
    for (const status of ['submitted', 'returned', 'replied', 'closed', 'withdrawn', 'rejected', 'merged', 'reviewing'] as const)
      expect(refusal('coReply', joint({ status, partOwed: true }), ['coHandler'], NOW)).toBe('state');
    expect(refusal('coReply', joint({ partOwed: false }), ['coHandler'], NOW)).toBe('partOwed');
    expect(refusal('coReply', joint({ partOwed: true }), ['handler'], NOW)).toBe('party');
    expect(allowedActions(joint({ partOwed: true }), ['coHandler'], NOW)).toEqual(['coReply']);
  });

  it('lets the lead unit answer the whole only when every part is in', () => {
    expect(refusal('reply', joint({ status: 'accepted' }), ['handler'], NOW)).toBe('partsIn');
    expect(refusal('reply', joint({ status: 'accepted', coOwed: ['unit-c'] }), ['handler'], NOW)).toBe('partsIn');
    expect(refusal('reply', joint({ status: 'accepted', coOwed: [] }), ['handler'], NOW)).toBeNull();
    // one unit alone (no co-handling) answers as before
    expect(refusal('reply', view({ channel: '诉求', status: 'accepted' }), ['handler'], NOW)).toBeNull();
    // while parts are owed the lead still signs, extends, pauses, transfers
    expect(allowedActions(joint({ status: 'accepted' }), ['handler'], NOW)).toEqual([
      'return',
      'transfer',
      'reject',
      'merge',
      'extendAsk',
      'pause',
    ]);
  });
});

describe('领导交办 (a leader’s 接访事项纪要) in the lifecycle table', () => {
  it('hands a request still open, or answered but not yet rated, to a unit again; never a finished one', () => {
    for (const status of ['submitted', 'assigned', 'accepted', 'returned', 'reopened', 'replied'] as const)
      expect(refusal('reroute', view({ channel: '诉求', status }), ['meetLeader'], NOW)).toBeNull();
    for (const status of ['closed', 'withdrawn', 'rejected', 'merged', 'reviewing'] as const)
      expect(refusal('reroute', view({ channel: '诉求', status }), ['meetLeader'], NOW)).toBe('state');
    // only the leader who received the resident; the unit and the dispatcher hand it on by 转办 and 派单, a 阅批 leader by 批示
    expect(refusal('reroute', view({ channel: '诉求' }), ['handler', 'unitHead', 'dispatcher', 'leader'], NOW)).toBe('party');
  });
});
