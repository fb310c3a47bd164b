import { maskName, maskPhone } from '../../server/domain/privacy';
import { requestId, requestNo } from '../../server/domain/requestNo';
import { choosePolicy, route, type PolicyDoc, type RoutingRuleDoc } from '../../server/domain/rules';
import { COUNTY, increments, rates, unitsPage } from '../../server/domain/figures';
import { allowedActions, bindingDeadline, refusal, TRANSITIONS, type GuardView } from '../../server/domain/lifecycle';

describe('privacy', () => {
  it('masks mobile numbers as 138****1234 and other numbers down to two digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138-1234-1234')).toBe('138****1234');
    expect(maskPhone('0000-6612345')).toBe('*********45');
  });
  it('keeps only the surname of a name', () => {
    expect(maskName('王秀英')).toBe('王**');
    expect(maskName('李四')).toBe('李*');
  });
});

describe('request numbers', () => {
  it('are the county date plus six unambiguous characters, stable for the same seed', () => {
    const no = requestNo('abc', Date.parse('2026-11-26T23:30:00+08:00'));
    expect(no).toMatch(/^20261126-[2-9A-HJKMNP-Z]{6}$/);
    expect(requestNo('abc', Date.parse('2026-11-26T23:30:00+08:00'))).toBe(no);
    expect(requestNo('abc', Date.parse('2026-11-26T23:30:00+08:00'), 1)).not.toBe(no);
  });
  it('derive the request id from who submitted and the client id, so a retry maps to the same request', () => {
    expect(requestId('o1', 'c1')).toBe(requestId('o1', 'c1'));
    expect(requestId('o1', 'c1')).not.toBe(requestId('o2', 'c1'));
    expect(requestId('o1', 'c1')).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('rules as data', () => {
  const limit = { unit: 'workingDays' as const, n: 1 };
  const policy = (id: string, key: string, n: number): PolicyDoc => ({
    _id: id,
    key,
    label: '',
    route: limit,
    accept: limit,
    finish: { unit: 'workingDays', n },
    finishFrom: 'submit',
    extension: limit,
    followUp: limit,
    remindAt: 0.75,
    noticeAfter: 3,
  });
  const policies: PolicyDoc[] = [policy('a', '诉求/*/normal', 7), policy('b', '诉求/投诉/normal', 15), policy('c', '信访/*/normal', 60)];
  it('chooses the category policy before the channel default', () => {
    expect(choosePolicy(policies, '诉求', '投诉', 'normal')?._id).toBe('b');
    expect(choosePolicy(policies, '诉求', '咨询', 'normal')?._id).toBe('a');
    expect(choosePolicy(policies, '信访', '投诉', 'normal')?._id).toBe('c');
    expect(choosePolicy(policies, '诉求', '咨询', 'urgent')).toBeNull();
  });

  const rules: RoutingRuleDoc[] = [
    { _id: 'town', category: '*', regionId: 'town-1', unitId: 'u-town' },
    { _id: 'town-complaint', category: '投诉', regionId: 'town-1', unitId: 'u-discipline' },
    { _id: 'village', category: '*', regionId: 'vil-1', unitId: 'u-village' },
    { _id: 'county', category: '求助', regionId: '*', unitId: 'u-civil' },
  ];
  it('routes by the nearest place first, then the exact category, then the county', () => {
    expect(route(rules, '咨询', ['vil-1', 'town-1'])?._id).toBe('village');
    expect(route(rules, '投诉', ['vil-2', 'town-1'])?._id).toBe('town-complaint');
    expect(route(rules, '咨询', ['vil-2', 'town-1'])?._id).toBe('town');
    expect(route(rules, '求助', ['vil-9', 'town-9'])?._id).toBe('county');
    expect(route(rules, '建议', ['vil-9', 'town-9'])).toBeNull();
  });
});

describe('lifecycle table', () => {
  const view = (over: Partial<GuardView> = {}): GuardView => ({
    status: 'assigned',
    channel: '诉求',
    objectDueAt: null,
    extension: null,
    pausedAt: null,
    review: null,
    repliedAt: null,
    requesterId: 'r',
    ...over,
  });
  const NOW = Date.parse('2026-11-26T10:00:00+08:00');
  it('lets each party do only its own transitions', () => {
    expect(allowedActions(view(), ['handler'], NOW)).toEqual(['accept', 'return', 'transfer', 'reject', 'merge']);
    expect(allowedActions(view({ status: 'accepted' }), ['handler'], NOW)).toEqual([
      'reply',
      'return',
      'transfer',
      'reject',
      'merge',
      'extendAsk',
      'pause',
    ]);
    expect(allowedActions(view(), ['requester'], NOW)).toEqual(['withdraw']);
    expect(allowedActions(view({ status: 'replied', repliedAt: NOW }), ['requester'], NOW)).toEqual(['rate']);
    expect(allowedActions(view({ status: 'replied' }), ['handler'], NOW)).toEqual(['revisit']);
    expect(allowedActions(view({ status: 'returned' }), ['dispatcher'], NOW)).toEqual(['dispatch', 'reject', 'merge']);
    expect(allowedActions(view({ status: 'closed' }), ['requester'], NOW)).toEqual([]);
  });
  it('applies the guards: objection window, one extension, pause, 复查 window only for 信访', () => {
    expect(allowedActions(view({ objectDueAt: NOW - 1 }), ['handler'], NOW)).not.toContain('return');
    expect(allowedActions(view({ status: 'accepted', extension: { state: 'denied' } }), ['handler'], NOW)).not.toContain('extendAsk');
    expect(allowedActions(view({ status: 'accepted', extension: { state: 'asked' } }), ['handler', 'unitHead'], NOW)).toContain(
      'extendDecide',
    );
    expect(allowedActions(view({ status: 'accepted', extension: { state: 'asked' } }), ['handler'], NOW)).not.toContain('extendDecide');
    expect(allowedActions(view({ status: 'accepted', pausedAt: NOW }), ['handler'], NOW)).toEqual(expect.arrayContaining(['resume']));
    expect(allowedActions(view({ status: 'accepted', pausedAt: NOW }), ['handler'], NOW)).not.toContain('pause');
    const replied = view({ status: 'replied', repliedAt: NOW, review: { level: 0, askDueAt: NOW + 1 } });
    expect(allowedActions(replied, ['requester'], NOW)).not.toContain('reviewAsk');
    expect(allowedActions({ ...replied, channel: '信访' }, ['requester'], NOW)).toContain('reviewAsk');
    expect(allowedActions({ ...replied, channel: '信访', review: { level: 2, askDueAt: NOW + 1 } }, ['requester'], NOW)).not.toContain(
      'reviewAsk',
    );
    expect(refusal('reviewAsk', { ...replied, channel: '信访', review: { level: 0, askDueAt: NOW - 1 } }, ['requester'], NOW)).toBe(
      'reviewWindow',
    );
  });
  it('never leaves a terminal state', () => {
    for (const t of Object.values(TRANSITIONS)) {
      for (const end of ['withdrawn', 'rejected', 'merged'] as const) expect(t.from).not.toContain(end);
    }
  });
  it('gives the clock that binds each state, and none while paused or finished', () => {
    const d = { routeDueAt: 1, acceptDueAt: 2, dueAt: 3, review: { dueAt: 4 }, pausedAt: null };
    expect(bindingDeadline({ ...d, status: 'submitted' })).toBe(1);
    expect(bindingDeadline({ ...d, status: 'assigned' })).toBe(2);
    expect(bindingDeadline({ ...d, status: 'accepted' })).toBe(3);
    expect(bindingDeadline({ ...d, status: 'reviewing' })).toBe(4);
    expect(bindingDeadline({ ...d, status: 'accepted', pausedAt: 5 })).toBeNull();
    expect(bindingDeadline({ ...d, status: 'replied' })).toBeNull();
  });
});

describe('figures', () => {
  const at = Date.parse('2026-11-30T23:30:00+08:00');
  it('counts each event for its unit and for the county, in the county month', () => {
    const inc = increments([
      { type: 'submit', at, to: 'assigned', unitId: 'u1' },
      { type: 'accept', at, to: 'accepted', unitId: 'u1', inTime: true },
      { type: 'transfer', at: at + 3_600_000, to: 'assigned', unitId: 'u1', toUnitId: 'u2' },
      { type: 'withdraw', at, to: 'withdrawn', unitId: 'u1' },
    ]);
    expect([...inc.keys()].sort()).toEqual(['2026-11:*', '2026-11:u1', '2026-12:*', '2026-12:u2']);
    expect(inc.get('2026-11:u1')!.add).toMatchObject({ received: 1, signed: 1, signedInTime: 1 });
    expect(inc.get(`2026-11:${COUNTY}`)).toEqual({ ...inc.get('2026-11:u1')!, unitId: COUNTY });
    expect(inc.get('2026-12:*')!.add.received).toBe(1);
  });
  it('响应率 counts only requests whose signing limit passed or that were signed, each once', () => {
    const base = (events: Parameters<typeof increments>[0]) => increments(events).get('2026-11:u1')!.add;
    // Received minutes ago, or withdrawn before its limit: not yet part of 响应率.
    expect(base([{ type: 'submit', at, to: 'assigned', unitId: 'u1' }])).toMatchObject({ received: 1, responseDue: 0 });
    // The limit passed unsigned (催办 of an unsigned request), then signed late: counted once, not in time.
    const late = base([
      { type: 'urge', at, to: 'assigned', unitId: 'u1' },
      { type: 'accept', at, to: 'accepted', unitId: 'u1', inTime: false, dueCounted: true },
    ]);
    expect(late).toMatchObject({ responseDue: 1, signed: 1, signedInTime: 0 });
    // Signed late before the timer saw the limit pass: the 签收 itself counts it.
    expect(base([{ type: 'accept', at, to: 'accepted', unitId: 'u1', inTime: false }])).toMatchObject({ responseDue: 1 });
    // A 催办 of the answer deadline is overdue, not a missed signing.
    expect(base([{ type: 'urge', at, to: 'accepted', unitId: 'u1' }])).toMatchObject({ responseDue: 0, overdue: 1 });
  });
  it('解决率 and 满意率 come from the resident’s two answers', () => {
    const add = increments([
      { type: 'rate', at, to: 'closed', unitId: 'u1', score: 2, resolved: true },
      { type: 'rate', at, to: 'closed', unitId: 'u1', score: 5, resolved: false },
      { type: 'rate', at, to: 'closed', unitId: 'u1', score: 4 }, // before 问题解决了吗 was asked
    ]).get('2026-11:u1')!.add;
    expect(add).toMatchObject({ rated: 3, resolved: 2, satisfied: 2 });
    const f = rates('2026-11', add);
    expect([f.resolutionRate, f.satisfactionRate, f.responseRate]).toEqual([0.667, 0.667, null]);
  });
  it('pages units by name (pinyin), then id, from the one after the cursor', () => {
    const units = [
      { _id: 'c', name: '县住建局' },
      { _id: 'a', name: '县人社局' },
      { _id: 'b', name: '城关镇' },
      { _id: 'd', name: '县人社局' },
    ];
    expect(unitsPage(units, null, 2)).toEqual({ page: [units[2], units[1]], more: true });
    expect(unitsPage(units, 'a', 2)).toEqual({ page: [units[3], units[0]], more: false });
    expect(unitsPage(units, 'c', 2)).toEqual({ page: [], more: false });
    expect(unitsPage(units, 'gone', 2)).toBeNull();
  });
});
