/**
 * The duty rules as seeded (scripts/demo-county.ts) evaluated on tallies folded from constructed
 * records: every quota of S1–S3, S5 and S8, and the edge cases of their periods.
 */
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import {
  addCount,
  addFestival,
  addVisit,
  daysBetween,
  dueReminders,
  emptyTally,
  evaluate,
  fixedDaysOf,
  furthestBehind,
  limitOf,
  longestRun,
  occasionDate,
  occasionYear,
  postingFigure,
  postingMinimum,
  postingRefusal,
  rulesFor,
  standing,
  type DutyContext,
  type DutyRule,
  type DutyTally,
  type VisitFact,
} from '../../server/domain/duties';
import { dutyCalendar, dutyRules } from '../../scripts/demo-county';
import { LEADER_LEVELS, MEASURE_LABELS } from '../../miniprogram/shared/duties';

const ruleOf = (id: string): DutyRule => {
  const r = dutyRules.find((x) => x._id === id);
  if (!r) throw new Error(`no seeded rule ${id}`);
  return r;
};
const CTX: DutyContext = {
  villages: { county: ['v1', 'v2', 'v3', 'v4'], town: ['v1', 'v2'] },
  households: 300,
};
const visit = (start: string, end = start, o: Partial<VisitFact> = {}): VisitFact => ({
  kind: 'visit',
  start,
  end,
  regionId: null,
  slot: null,
  households: 0,
  ...o,
});
const fold = (facts: VisitFact[], from = '2020-01-01'): DutyTally => facts.reduce(addVisit, emptyTally(from));
const at = (id: string, t: DutyTally, today: string) => evaluate(ruleOf(id), t, today, CTX);

describe('the seeded rules', () => {
  it('hold a quota for every level of leader under S1.1, S1.2, S2.1, S2.3, S5 and S8.1, and the limits of S2.4 and S3', () => {
    for (const level of LEADER_LEVELS) {
      const clauses = new Set(rulesFor(dutyRules, level, 2026).map((r) => r.clause));
      expect([...clauses].sort()).toEqual(
        ['S1.1', 'S1.2', 'S2.1', 'S2.3', 'S5.2', 'S8.1', ...(level === '县直单位领导' ? ['S8.2'] : [])].sort(),
      );
    }
    expect(rulesFor(dutyRules, '窗口工作人员', 2026)).toEqual([]);
    expect(limitOf(dutyRules, 'retinue', 2026)).toBe(3);
    expect(limitOf(dutyRules, 'postingDays', 2026)).toBe(90);
    expect(limitOf(dutyRules, 'postingAge', 2026)).toBe(45);
    for (const r of dutyRules) expect(Object.keys(MEASURE_LABELS)).toContain(r.measure);
  });

  it('apply from their first year to their last: a rule changed for next year leaves this year as it was', () => {
    const old = { ...ruleOf('S5.2-talks'), toYear: 2026 };
    const next = { ...old, _id: 'S5.2-talks-2027', threshold: 4, fromYear: 2027, toYear: null };
    const t = addCount(addCount(emptyTally('2020-01-01'), 2026, { talks: 2 }), 2027, { talks: 2 });
    const of = (year: number, today: string) => rulesFor([old, next], '镇领导', year).map((r) => evaluate(r, t, today, CTX));
    expect(of(2026, '2026-12-01').map((f) => [f.target, f.state])).toEqual([[2, 'met']]);
    expect(of(2027, '2027-12-01').map((f) => [f.target, f.state])).toEqual([[4, 'behind']]);
  });
});

describe('S1: grassroots days, villages, reports', () => {
  it('counts distinct days: two visits on one day are one day, a three-day stay three', () => {
    const t = fold([visit('2026-03-02'), visit('2026-03-02'), visit('2026-03-05', '2026-03-07', { kind: 'stay' })]);
    expect(at('S1.2-county-days', t, '2026-03-31')).toMatchObject({ value: 4, target: 90, state: 'behind', period: '2026' });
  });

  it('meets 3 months (90 days) for a county leader and 6 months (180) for a town leader', () => {
    const t = fold([visit('2026-01-01', '2026-03-31')]);
    expect(at('S1.2-county-days', t, '2026-04-01')).toMatchObject({ value: 90, state: 'met' });
    expect(at('S1.2-town-days', t, '2026-04-01')).toMatchObject({ value: 90, target: 180, state: 'behind' });
    expect(at('S1.2-dept-days', t, '2026-04-01')).toMatchObject({ target: 120 });
  });

  it('counts a tenure that spans years toward every village of the county, and nothing before the tenure', () => {
    const t = fold(
      [
        visit('2024-12-20', '2024-12-20', { regionId: 'v4' }), // before the tenure began
        visit('2025-06-01', '2025-06-01', { regionId: 'v1' }),
        visit('2025-12-31', '2026-01-01', { regionId: 'v2' }),
        visit('2026-05-01', '2026-05-01', { regionId: 'v3' }),
      ],
      '2025-03-01',
    );
    expect(at('S1.2-county-villages', t, '2026-05-02')).toMatchObject({ value: 3, target: 4, period: '任期', state: 'behind' });
    const all = addVisit(t, visit('2027-02-01', '2027-02-01', { regionId: 'v4' }));
    expect(at('S1.2-county-villages', all, '2027-02-02')).toMatchObject({ value: 4, state: 'met' });
  });

  it('asks a town leader for every village of their own town each year (other towns do not count)', () => {
    const t = fold([visit('2026-02-01', '2026-02-01', { regionId: 'v1' }), visit('2026-02-02', '2026-02-02', { regionId: 'v3' })]);
    expect(at('S1.2-town-villages', t, '2026-06-01')).toMatchObject({ value: 1, target: 2, state: 'behind' });
    // last year's visit does not count this year
    const lastYear = fold([visit('2025-02-01', '2025-02-01', { regionId: 'v2' })]);
    expect(at('S1.2-town-villages', lastYear, '2026-06-01')).toMatchObject({ value: 0 });
  });

  it('asks for one research report a year and two talk activities (S1.1, S5.2)', () => {
    const t = addCount(addCount(emptyTally('2020-01-01'), 2026, { reports: 1 }), 2026, { talks: 1 });
    expect(at('S1.1-reports', t, '2026-12-31')).toMatchObject({ value: 1, target: 1, state: 'met', unit: '篇' });
    expect(at('S5.2-talks', t, '2026-12-31')).toMatchObject({ value: 1, target: 2, state: 'behind' });
  });
});

describe('S2.3: stays, 逢十, enterprises and projects, department visits', () => {
  it('counts a county leader’s July stay only in July, and shows it not yet due before July', () => {
    const t = fold([visit('2026-06-28', '2026-07-04', { kind: 'stay' })]);
    expect(at('S2.3-county-stay', fold([]), '2026-05-10')).toMatchObject({ value: 0, state: 'upcoming', period: '2026-07' });
    expect(at('S2.3-county-stay', t, '2026-07-20')).toMatchObject({ value: 4, target: 7, state: 'behind' });
    const more = addVisit(t, visit('2026-07-20', '2026-07-22', { kind: 'stay' }));
    expect(at('S2.3-county-stay', more, '2026-08-01')).toMatchObject({ value: 7, state: 'met' });
  });

  it('a stay across a month end counts its days in each month: 29 Apr–2 May is two days in April and two in May', () => {
    const t = fold([visit('2026-04-29', '2026-05-02', { kind: 'stay', slot: 'village' })]);
    expect(at('S2.3-town-stay', t, '2026-04-30')).toMatchObject({ value: 2, target: 3, state: 'behind', period: '2026-04' });
    expect(at('S2.3-town-stay', t, '2026-05-31')).toMatchObject({ value: 2, period: '2026-05', state: 'behind' });
    const march = fold([visit('2026-03-29', '2026-04-02', { kind: 'stay', slot: 'village' })]);
    expect(at('S2.3-town-stay', march, '2026-03-31')).toMatchObject({ value: 3, state: 'met' });
    expect(at('S2.3-town-stay', march, '2026-04-30')).toMatchObject({ value: 2, state: 'behind' });
  });

  it('consecutive days broken by a gap do not make three in a row; a stay elsewhere than the contact village does not count', () => {
    const gap = fold([
      visit('2026-06-01', '2026-06-02', { kind: 'stay', slot: 'village' }),
      visit('2026-06-04', '2026-06-05', { kind: 'stay', slot: 'village' }),
    ]);
    expect(at('S2.3-town-stay', gap, '2026-06-30')).toMatchObject({ value: 2, state: 'behind' });
    const filled = addVisit(gap, visit('2026-06-03', '2026-06-03', { kind: 'stay', slot: 'village' }));
    expect(at('S2.3-town-stay', filled, '2026-06-30')).toMatchObject({ value: 5, state: 'met' });
    const elsewhere = fold([visit('2026-06-01', '2026-06-05', { kind: 'stay' })]);
    expect(at('S2.3-town-stay', elsewhere, '2026-06-30')).toMatchObject({ value: 0 });
    // a visit (not a stay) to the contact village does not count as living there
    const visits = fold([visit('2026-06-01', '2026-06-05', { slot: 'village' })]);
    expect(at('S2.3-town-stay', visits, '2026-06-30')).toMatchObject({ value: 0 });
  });

  it('逢十必进: three days in a 30-day month, two in February (no 30th), all three in a 31-day month', () => {
    expect(fixedDaysOf('2026-02', [10, 20, 30])).toEqual(['2026-02-10', '2026-02-20']);
    expect(fixedDaysOf('2028-02', [10, 20, 30])).toEqual(['2028-02-10', '2028-02-20']);
    expect(fixedDaysOf('2026-03', [10, 20, 30])).toHaveLength(3);
    const feb = fold([visit('2026-02-10', '2026-02-10', { slot: 'village' }), visit('2026-02-20', '2026-02-20', { slot: 'village' })]);
    expect(at('S2.3-street-tenth', feb, '2026-02-28')).toMatchObject({ value: 2, target: 2, state: 'met' });
    const apr = fold([visit('2026-04-10', '2026-04-10', { slot: 'village' }), visit('2026-04-21', '2026-04-21', { slot: 'village' })]);
    expect(at('S2.3-street-tenth', apr, '2026-04-30')).toMatchObject({ value: 1, target: 3, state: 'behind' });
  });

  it('asks a street leader to visit a third of the community’s households a year', () => {
    const t = fold([visit('2026-03-01', '2026-03-01', { households: 60 }), visit('2026-09-01', '2026-09-01', { households: 40 })]);
    expect(at('S2.3-street-households', t, '2026-10-01')).toMatchObject({ value: 100, target: 100, state: 'met' });
  });

  it('asks a county leader for the contact enterprise and project each month', () => {
    const t = fold([visit('2026-05-03', '2026-05-03', { slot: 'enterprise' }), visit('2026-06-09', '2026-06-09', { slot: 'project' })]);
    expect(at('S2.3-county-enterprise', t, '2026-05-31')).toMatchObject({ value: 1, state: 'met' });
    expect(at('S2.3-county-project', t, '2026-05-31')).toMatchObject({ value: 0, state: 'behind' });
    expect(at('S2.3-county-enterprise', t, '2026-06-30')).toMatchObject({ value: 0, state: 'behind' });
  });

  it('counts a department leader’s visits to contact points (a two-day visit is one visit, two days)', () => {
    const t = fold([
      visit('2026-01-05', '2026-01-06', { slot: 'grassrootsUnit' }),
      visit('2026-03-05', '2026-03-05', { slot: 'serviceRecipient' }),
      visit('2026-03-05', '2026-03-05', { slot: 'grassrootsUnit' }),
      visit('2026-04-05'),
    ]);
    expect(at('S2.3-dept-visits', t, '2026-12-01')).toMatchObject({ value: 3, target: 4 });
    expect(at('S2.3-dept-days', t, '2026-12-01')).toMatchObject({ value: 3, target: 4 });
  });

  it('a stay across a year end counts its days in each year and its visit in the year it began', () => {
    const t = fold([visit('2026-12-30', '2027-01-02', { slot: 'grassrootsUnit' })]);
    expect(at('S2.3-dept-days', t, '2026-12-31')).toMatchObject({ value: 2 });
    expect(at('S2.3-dept-days', t, '2027-01-05')).toMatchObject({ value: 2 });
    expect(at('S2.3-dept-visits', t, '2026-12-31')).toMatchObject({ value: 1 });
    expect(at('S2.3-dept-visits', t, '2027-01-05')).toMatchObject({ value: 0 });
  });
});

describe('S2.1 contact-point sets and S8 relief pairs', () => {
  it('shows an incomplete 一联五 (five ordinary households count as five)', () => {
    let t = emptyTally('2020-01-01');
    for (const slot of ['village', 'oldMember', 'wealthLeader', 'poorHousehold'] as const) t = addCount(t, 2026, { slot });
    t = addCount(t, 2026, { slot: 'household' }, 3);
    expect(at('S2.1-town-set', t, '2026-06-01')).toMatchObject({ value: 7, target: 9, state: 'behind' });
    t = addCount(t, 2026, { slot: 'household' }, 4); // more than five do not make up another slot
    expect(at('S2.1-town-set', t, '2026-06-01')).toMatchObject({ value: 9, target: 9, state: 'met' });
    // only the poor household is a slot of 一联六 too
    expect(at('S2.1-county-set', t, '2026-06-01')).toMatchObject({ value: 1, target: 6 });
    expect(at('S2.1-dept-set', t, '2026-06-01')).toMatchObject({ target: 4 });
  });

  it('asks for a 一助一 pair and its 元旦 and 春节 visits; each occasion counts once', () => {
    let t = addCount(emptyTally('2020-01-01'), 2026, { pair: 'oneToOne' });
    t = addFestival(addFestival(t, 2026, 'oneToOne', '元旦'), 2026, 'oneToOne', '元旦');
    expect(at('S8.1-pair', t, '2026-03-01')).toMatchObject({ value: 1, state: 'met' });
    expect(at('S8.1-festivals', t, '2026-03-01')).toMatchObject({ value: 1, target: 2, state: 'behind' });
    t = addFestival(t, 2026, 'oneToOne', '春节');
    expect(at('S8.1-festivals', t, '2026-03-01')).toMatchObject({ value: 2, state: 'met' });
    expect(at('S8.2-youfu', t, '2026-03-01')).toMatchObject({ value: 0, target: 4 });
  });
});

describe('standing and order', () => {
  it('puts the cadre with more rules behind first, then the lower share', () => {
    const rows = [
      { name: '甲', behind: 1, share: 0.9 },
      { name: '乙', behind: 3, share: 0.5 },
      { name: '丙', behind: 1, share: 0.2 },
    ].sort(furthestBehind);
    expect(rows.map((r) => r.name)).toEqual(['乙', '丙', '甲']);
    const t = fold([visit('2026-02-10', '2026-02-10', { slot: 'village' })]);
    const figs = rulesFor(dutyRules, '街道领导', 2026).map((r) => evaluate(r, t, '2026-02-15', CTX));
    expect(standing(figs).behind).toBe(figs.filter((f) => f.state === 'behind').length);
  });
});

describe('properties of the tally', () => {
  const plus = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const fact = fc
    .record({ start: day, len: fc.integer({ min: 0, max: 6 }), stay: fc.boolean(), slot: fc.constantFrom(null, 'village', 'enterprise') })
    .map(({ start, len, stay, slot }): VisitFact =>
      visit(start, plus(start, len), { kind: stay ? 'stay' : 'visit', slot: slot as VisitFact['slot'], regionId: 'v1', households: 1 }),
    );

  it('does not depend on the order records arrive in', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 12 }), (facts) => {
        expect(fold([...facts].reverse())).toEqual(fold(facts));
      }),
    );
  });

  it('counts a day once however many records cover it, and every day of every record', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 12 }), (facts) => {
        const t = fold(facts);
        const all = new Set(facts.flatMap((f) => daysBetween(f.start, f.end)));
        const counted = Object.values(t.years).reduce((n, y) => n + y.days.length, 0);
        expect(counted).toBe(all.size);
      }),
    );
  });

  it('longestRun is at most the number of days and exactly it for a plain range', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const range = daysBetween(start, plus(start, n - 1));
        expect(longestRun(range)).toBe(n);
        expect(longestRun(range.filter((_d, i) => i !== 1))).toBeLessThanOrEqual(Math.max(1, n - 1));
      }),
    );
  });
});

describe('S8 festival occasions and reminders', () => {
  const lunar = { '2026': '02-17', '2027': '02-06' };
  const festivals = ruleOf('S8.1-festivals');
  const youfu = ruleOf('S8.2-youfu');
  const occ = (r: DutyRule, key: string) => r.occasions!.find((o) => o.key === key)!;

  it('puts 春节 on the county’s lunar new year and fixed days on their date; a year not entered has none', () => {
    expect(occasionDate(occ(festivals, '春节'), 2027, lunar)).toBe('2027-02-06');
    expect(occasionDate(occ(festivals, '元旦'), 2027, lunar)).toBe('2027-01-01');
    expect(occasionDate(occ(youfu, '八一'), 2026, lunar)).toBe('2026-08-01');
    expect(occasionDate(occ(festivals, '春节'), 2031, lunar)).toBeNull();
  });

  it('counts a visit on 30 December toward the next 元旦, and one on 2 February toward that year’s 春节', () => {
    expect(occasionYear(occ(festivals, '元旦'), '2026-12-30', lunar)).toBe(2027);
    expect(occasionYear(occ(festivals, '春节'), '2027-02-02', lunar)).toBe(2027);
    expect(occasionYear(occ(festivals, '春节'), '2026-12-30', lunar)).toBe(2027);
  });

  it('reminds seven days before each occasion, until the day: 元旦 in late December, both kinds at 春节', () => {
    expect(dueReminders(dutyRules, '2026-12-24', lunar)).toEqual([]);
    expect(dueReminders(dutyRules, '2026-12-25', lunar)).toEqual([
      { key: '2027:S8.1-festivals:元旦', pairKind: 'oneToOne', occasion: '元旦', date: '2027-01-01' },
    ]);
    expect(dueReminders(dutyRules, '2027-01-01', lunar)).toEqual([]);
    expect(
      dueReminders(dutyRules, '2027-02-01', lunar)
        .map((d) => d.key)
        .sort(),
    ).toEqual(['2027:S8.1-festivals:春节', '2027:S8.2-youfu:春节']);
    expect(dueReminders(dutyRules, '2026-07-26', lunar).map((d) => d.key)).toEqual(['2026:S8.2-youfu:八一']);
  });

  it('holds the county’s 春节 dates as chinese-days computes them in the county’s zone', () => {
    // chinese-days reads dates in the host's zone: ask it in a process on Shanghai time.
    const script = `const { getSolarDateFromLunar } = require('chinese-days'); const o = {}; for (const y of JSON.parse(process.argv[1])) o[y] = getSolarDateFromLunar(y + '-01-01').date.slice(5); process.stdout.write(JSON.stringify(o));`;
    const years = Object.keys(dutyCalendar.lunarNewYear);
    const theirs = execFileSync(process.execPath, ['-e', script, JSON.stringify(years)], {
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
    });
    expect(JSON.parse(theirs)).toEqual(dutyCalendar.lunarNewYear);
  });
});

describe('S3 下基层锻炼: who may be posted, and a posting against its 3 months', () => {
  const rule = ruleOf('S3.1-posting-days');

  it('posts a cadre of 45 or under in the posting’s year, without grassroots experience, with a file', () => {
    expect(postingRefusal(dutyRules, { birthYear: 1981, grassroots: false }, 2026)).toBeNull();
    // 以下 includes the number: 45 in 2026 may go, 46 may not
    expect(postingRefusal(dutyRules, { birthYear: 1980, grassroots: false }, 2026)).toBe('选派45周岁以下的干部，这名干部2026年46周岁');
    expect(postingRefusal(dutyRules, { birthYear: 1990, grassroots: true }, 2026)).toBe('这名干部已有基层工作经历，不需要再下基层锻炼');
    expect(postingRefusal(dutyRules, { birthYear: null, grassroots: false }, 2026)).toContain('请先录入');
    expect(postingRefusal(dutyRules, { birthYear: 1990, grassroots: null }, 2026)).toContain('请先录入');
    // the age limit is the rule's: changed for 2027, it binds from 2027
    const later: DutyRule[] = [
      ...dutyRules.map((r) => (r._id === 'S3.1-posting-age' ? { ...r, toYear: 2026 } : r)),
      { ...ruleOf('S3.1-posting-age'), _id: 'S3.1-posting-age@2027', threshold: 40, fromYear: 2027 },
    ];
    expect(postingRefusal(later, { birthYear: 1985, grassroots: false }, 2026)).toBeNull();
    expect(postingRefusal(later, { birthYear: 1985, grassroots: false }, 2027)).toContain('选派40周岁以下');
  });

  it('owes the rule’s days (90), counted in calendar days across month and year ends', () => {
    expect(postingMinimum(dutyRules, '2026-11-01')).toBe(90);
    // 2026-11-01 … 2027-01-29 is 90 days across a year end
    expect(postingFigure(rule, { start: '2026-11-01', end: '2027-01-29', ended: true }, '2027-02-10')).toMatchObject({
      value: 90,
      target: 90,
      state: 'met',
    });
    // running: the days so far, still to come
    expect(postingFigure(rule, { start: '2026-11-01', end: '2027-01-29', ended: false }, '2026-11-30')).toMatchObject({
      value: 30,
      state: 'upcoming',
    });
    // not begun yet
    expect(postingFigure(rule, { start: '2026-12-01', end: '2027-03-01', ended: false }, '2026-11-30').value).toBe(0);
    // over and short (a posting ended early): behind
    expect(postingFigure(rule, { start: '2026-11-01', end: '2027-01-28', ended: true }, '2027-02-10')).toMatchObject({
      value: 89,
      state: 'behind',
    });
  });
});
