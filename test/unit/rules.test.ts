import { maskName, maskPhone } from '../../server/domain/privacy';
import { requestId, requestNo } from '../../server/domain/requestNo';
import { choosePolicy, route, type PolicyDoc, type RoutingRuleDoc } from '../../server/domain/rules';
import { allowedActions, TRANSITIONS } from '../../server/domain/lifecycle';

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
  const policies: PolicyDoc[] = [
    { _id: 'a', key: '*/normal', label: '', accept: { unit: 'workingDays', n: 1 }, finish: { unit: 'workingDays', n: 7 } },
    { _id: 'b', key: '投诉/normal', label: '', accept: { unit: 'workingDays', n: 1 }, finish: { unit: 'workingDays', n: 15 } },
  ];
  it('chooses the category policy before the county default', () => {
    expect(choosePolicy(policies, '投诉', 'normal')?._id).toBe('b');
    expect(choosePolicy(policies, '咨询', 'normal')?._id).toBe('a');
    expect(choosePolicy(policies, '咨询', 'urgent')).toBeNull();
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
  it('lets each party do only its own transitions', () => {
    expect(allowedActions('assigned', ['handler'])).toEqual(['accept', 'return', 'transfer']);
    expect(allowedActions('accepted', ['handler'])).toEqual(['reply', 'return', 'transfer']);
    expect(allowedActions('assigned', ['requester'])).toEqual(['withdraw']);
    expect(allowedActions('replied', ['requester'])).toEqual(['rate']);
    expect(allowedActions('replied', ['handler'])).toEqual([]);
    expect(allowedActions('returned', ['dispatcher'])).toEqual(['dispatch']);
    expect(allowedActions('closed', ['requester', 'handler', 'dispatcher'])).toEqual([]);
    expect(allowedActions('withdrawn', ['requester'])).toEqual([]);
  });
  it('never leaves a terminal state', () => {
    for (const t of Object.values(TRANSITIONS)) {
      expect(t.from).not.toContain('closed');
      expect(t.from).not.toContain('withdrawn');
    }
  });
});
