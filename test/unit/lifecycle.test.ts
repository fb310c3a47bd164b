/**
 * The lifecycle table for leaders in the petition flow (S4.1): 阅批, pure — which party may send a
 * letter to a leader or write the 批示, from which states, under which guard.
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
