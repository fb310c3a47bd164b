/**
 * 下访 rules (S4.3) evaluated on the county's calendar: 逢五必进 over 国庆 2026 (a holiday Friday asks
 * nothing, a sensitive period asks every day), the monthly 下访 of county leaders, a county that reads
 * 逢五 as the 5th, 15th and 25th; the seeded rules bind the levels the rule book names.
 */
import fc from 'fast-check';
import { countyCalendar } from '../../server/domain/calendar';
import { askedDays, dueOf, ruleOfLevel } from '../../server/domain/downVisits';
import { visitRules } from '../../scripts/demo-county';

const { isWorkingDay } = countyCalendar([]);
const village = visitRules.find((r) => r._id === 'S4.3-village')!;
const county = visitRules.find((r) => r._id === 'S4.3-county')!;
const NATIONAL_DAY = [{ from: '2026-10-01', to: '2026-10-07' }];

describe('逢五必进 (每周五进村)', () => {
  test('the working Fridays of October 2026: 2 October (国庆) asks nothing', () => {
    expect(askedDays(village, '2026-10', isWorkingDay, [])).toEqual(['2026-10-09', '2026-10-16', '2026-10-23', '2026-10-30']);
  });

  test('a sensitive period asks every day of it, holidays and weekends too', () => {
    expect(askedDays(village, '2026-10', isWorkingDay, NATIONAL_DAY)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-09',
      '2026-10-16',
      '2026-10-23',
      '2026-10-30',
    ]);
  });

  test('missed: days asked that passed without a visit; today asked and open; the month ahead misses nothing', () => {
    const d = dueOf(village, '2026-10', '2026-10-23', ['2026-10-09', '2026-10-12'], isWorkingDay, []);
    expect(d).toEqual({ rule: village.label, unit: '天', required: 4, done: 1, missed: ['2026-10-16'], short: 0, dueToday: true });
    const after = dueOf(village, '2026-10', '2026-10-23', ['2026-10-09', '2026-10-16', '2026-10-23'], isWorkingDay, []);
    expect(after).toMatchObject({ done: 3, missed: [], dueToday: false });
    expect(dueOf(village, '2026-11', '2026-10-23', [], isWorkingDay, [])).toMatchObject({ missed: [], dueToday: false });
  });

  test('a county that reads 逢五 as the 5th, 15th and 25th (a holiday among them asks nothing)', () => {
    const dates = { ...village, cadence: 'monthDays' as const, days: [5, 15, 25], weekday: undefined };
    expect(askedDays(dates, '2026-10', isWorkingDay, [])).toEqual(['2026-10-15']);
    expect(askedDays(dates, '2026-12', isWorkingDay, [])).toEqual(['2026-12-15', '2026-12-25']);
  });

  test('for any month and visits: missed, done and today never overlap, and all are days asked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.subarray([...Array(31).keys()].map((i) => i + 1)),
        (m, t, visited) => {
          const month = `2026-${String(m).padStart(2, '0')}`;
          const today = `${month}-${String(Math.min(t, 28)).padStart(2, '0')}`;
          const dates = visited.map((d) => `${month}-${String(d).padStart(2, '0')}`);
          const asked = askedDays(village, month, isWorkingDay, NATIONAL_DAY);
          const due = dueOf(village, month, today, dates, isWorkingDay, NATIONAL_DAY);
          expect(due.required).toBe(asked.length);
          expect(due.missed.every((d) => asked.includes(d) && d < today && !dates.includes(d))).toBe(true);
          expect(due.done + due.missed.length + (due.dueToday ? 1 : 0)).toBe(asked.filter((d) => d <= today || dates.includes(d)).length);
        },
      ),
    );
  });
});

describe('county leaders: one 下访 a month', () => {
  test('short until the month has one; nothing asked of a month not begun', () => {
    expect(dueOf(county, '2026-10', '2026-10-20', [], isWorkingDay, [])).toEqual({
      rule: county.label,
      unit: '次',
      required: 1,
      done: 0,
      missed: [],
      short: 1,
      dueToday: false,
    });
    expect(dueOf(county, '2026-10', '2026-10-20', ['2026-10-15'], isWorkingDay, [])).toMatchObject({ done: 1, short: 0 });
    expect(dueOf(county, '2026-11', '2026-10-20', [], isWorkingDay, [])).toMatchObject({ short: 0 });
  });

  test('the seeded rules bind the levels the rule book names, and no other', () => {
    expect(ruleOfLevel(visitRules, '县四大班子领导')?._id).toBe('S4.3-county');
    expect(ruleOfLevel(visitRules, '包村(居)干部')?._id).toBe('S4.3-village');
    for (const level of ['镇领导', '街道领导', '县直单位领导', '窗口工作人员'] as const) expect(ruleOfLevel(visitRules, level)).toBeNull();
    expect(dueOf(null, '2026-10', '2026-10-20', ['2026-10-03'], isWorkingDay, [])).toMatchObject({ rule: null, done: 1, missed: [] });
  });
});
