import { execFileSync } from 'child_process';
import fc from 'fast-check';
import { countyCalendar, describeLimit, formatDue, packageWorkday, serviceDay } from '../../server/domain/calendar';

/** The package's schedule alone: no days entered by the county. */
const { addWorkingHours, deadline, extendByPause, isWorkingDay, workingDaysBetween, workingMsBetween } = countyCalendar([]);

const at = (iso: string) => Date.parse(iso);
const endOfDay = (day: string) => at(`${day}T23:59:59.999+08:00`);

describe('the package schedule', () => {
  it('answers as chinese-days answers in the county’s zone, for every day it knows, whatever the host’s zone', () => {
    // chinese-days builds its tables and reads dates in the host's zone: ask it in a process on Shanghai time.
    const days: string[] = [];
    for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    const script = `const { isWorkday } = require('chinese-days'); process.stdout.write(JSON.parse(process.argv[1]).map((d) => (isWorkday(d) ? '1' : '0')).join(''));`;
    const theirs = execFileSync(process.execPath, ['-e', script, JSON.stringify(days)], {
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
    });
    const differ = days.filter((d, i) => packageWorkday(d) !== (theirs[i] === '1'));
    expect(theirs).toHaveLength(days.length);
    expect(differ).toEqual([]);
  });
});

describe('deadline on the county calendar', () => {
  it('counts working days from the day after acceptance, skipping 国庆 2026 and working the 调休 Saturday', () => {
    // Accepted Wednesday 30 Sep 2026; 1–7 Oct are holidays, Sat 10 Oct is a make-up working day.
    // Working days after: Oct 8 (1), Oct 9 (2), Oct 10 调休 (3), Oct 12 (4), 13 (5), 14 (6), 15 (7).
    expect(deadline(at('2026-09-30T16:00:00+08:00'), { unit: 'workingDays', n: 7 })).toBe(endOfDay('2026-10-15'));
    expect(deadline(at('2026-09-30T16:00:00+08:00'), { unit: 'workingDays', n: 3 })).toBe(endOfDay('2026-10-10'));
  });

  it('skips 春节 2026 and counts the 调休 Saturday 28 Feb', () => {
    // Accepted Fri 13 Feb: Sat 14 Feb is a make-up working day (1); 15–23 Feb holidays; Feb 24 (2) … Feb 27 (5), Sat 28 调休 (6).
    expect(deadline(at('2026-02-13T10:00:00+08:00'), { unit: 'workingDays', n: 1 })).toBe(endOfDay('2026-02-14'));
    expect(deadline(at('2026-02-13T10:00:00+08:00'), { unit: 'workingDays', n: 6 })).toBe(endOfDay('2026-02-28'));
  });

  it('moves a natural-day period that ends on a statutory rest day to the next working day (民法典 203)', () => {
    // 15 days after 20 Sep 2026 is 5 Oct (国庆): the period ends on 8 Oct.
    expect(deadline(at('2026-09-20T09:00:00+08:00'), { unit: 'days', n: 15 })).toBe(endOfDay('2026-10-08'));
    // 15 days after 2 Nov 2026 is Tue 17 Nov, a working day: unchanged.
    expect(deadline(at('2026-11-02T09:00:00+08:00'), { unit: 'days', n: 15 })).toBe(endOfDay('2026-11-17'));
  });

  it('counts hour limits on the clock', () => {
    expect(deadline(at('2026-11-26T09:00:00+08:00'), { unit: 'hours', n: 2 })).toBe(at('2026-11-26T11:00:00+08:00'));
  });

  it('treats the day in Shanghai, not UTC: 23:30 Beijing time counts from the next day', () => {
    // 2026-11-26 23:30 +08:00 is still 26 Nov in the county: 1 working day → Fri 27 Nov.
    expect(deadline(at('2026-11-26T23:30:00+08:00'), { unit: 'workingDays', n: 1 })).toBe(endOfDay('2026-11-27'));
    // 2026-11-27 00:30 +08:00 is Friday already: 1 working day → Mon 30 Nov.
    expect(deadline(at('2026-11-27T00:30:00+08:00'), { unit: 'workingDays', n: 1 })).toBe(endOfDay('2026-11-30'));
  });

  it('always ends at 24:00 of a working day, after the start, with exactly n working days in between (property)', () => {
    const start = at('2026-01-01T00:00:00+08:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 330 * 24 }), fc.integer({ min: 1, max: 20 }), (hours, n) => {
        const from = start + hours * 3_600_000;
        const due = deadline(from, { unit: 'workingDays', n });
        const dueDay = new Date(due + 8 * 3_600_000).toISOString().slice(0, 10);
        expect(due).toBe(endOfDay(dueDay));
        expect(isWorkingDay(dueDay)).toBe(true);
        let count = 0;
        for (
          let t = Date.parse(`${new Date(from + 8 * 3_600_000).toISOString().slice(0, 10)}T12:00:00+08:00`) + 86_400_000;
          t <= due;
          t += 86_400_000
        ) {
          if (isWorkingDay(new Date(t + 8 * 3_600_000).toISOString().slice(0, 10))) count += 1;
        }
        expect(count).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('says limits and due dates the way the county does', () => {
    expect(describeLimit({ unit: 'workingDays', n: 7 })).toBe('7个工作日');
    expect(formatDue(endOfDay('2026-10-15'))).toBe('2026年10月15日 24:00');
    expect(formatDue(at('2026-11-26T11:00:00+08:00'))).toBe('2026年11月26日 11:00');
  });

  it('counts working hours in office time only, skipping lunch, nights, weekends and holidays', () => {
    // Fri 30 Oct 2026 16:30 + 2 working hours: 1 h on Friday (to 17:30), 1 h on Monday 2 Nov from 08:30.
    expect(addWorkingHours(at('2026-10-30T16:30:00+08:00'), 2)).toBe(at('2026-11-02T09:30:00+08:00'));
    // 11:30 + 1 h: 30 min before lunch, 30 min after 14:00.
    expect(addWorkingHours(at('2026-11-26T11:30:00+08:00'), 1)).toBe(at('2026-11-26T14:30:00+08:00'));
    // Wed 30 Sep 2026 17:00 + 1 h: 30 min that day, then the next working day is Thu 8 Oct.
    expect(addWorkingHours(at('2026-09-30T17:00:00+08:00'), 1)).toBe(at('2026-10-08T09:00:00+08:00'));
    expect(deadline(at('2026-11-26T11:30:00+08:00'), { unit: 'workingHours', n: 1 })).toBe(at('2026-11-26T14:30:00+08:00'));
  });

  it('adds exactly the office time asked for (property)', () => {
    const start = at('2026-01-01T00:00:00+08:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 330 * 24 * 60 }), fc.integer({ min: 1, max: 40 }), (minutes, hours) => {
        const from = start + minutes * 60_000;
        const due = addWorkingHours(from, hours);
        expect(workingMsBetween(from, due)).toBe(hours * 3_600_000);
        expect(due).toBeGreaterThan(from);
      }),
      { numRuns: 300 },
    );
  });

  it('does not count a pause: the deadline moves by the working days the pause used', () => {
    const due = endOfDay('2026-12-04');
    // Paused Mon 30 Nov, resumed Wed 2 Dec: Tue and Wed were used, so the Friday deadline moves to Tue 8 Dec.
    expect(workingDaysBetween(at('2026-11-30T10:00:00+08:00'), at('2026-12-02T15:00:00+08:00'))).toBe(2);
    expect(extendByPause(due, 'workingDays', at('2026-11-30T10:00:00+08:00'), at('2026-12-02T15:00:00+08:00'))).toBe(
      endOfDay('2026-12-08'),
    );
    // Paused and resumed the same day: nothing moves.
    expect(extendByPause(due, 'workingDays', at('2026-11-30T10:00:00+08:00'), at('2026-11-30T16:00:00+08:00'))).toBe(due);
    // An hour limit moves by the wall-clock pause.
    expect(extendByPause(1_000, 'hours', 5_000, 65_000)).toBe(61_000);
  });

  it('takes the county’s own calendar days before the package (a new year’s schedule not yet in chinese-days)', () => {
    const from = at('2026-12-31T10:00:00+08:00');
    const withNewYear = countyCalendar([{ _id: '2027-01-01', work: false, name: '元旦' }]);
    expect(withNewYear.isWorkingDay('2027-01-01')).toBe(false);
    // Thu 31 Dec 2026 + 1 working day: Fri 1 Jan is 元旦, then the weekend: Mon 4 Jan.
    expect(withNewYear.deadline(from, { unit: 'workingDays', n: 1 })).toBe(endOfDay('2027-01-04'));
    expect(deadline(from, { unit: 'workingDays', n: 1 })).toBe(endOfDay('2027-01-01')); // the package alone does not know it
    const local = countyCalendar([{ _id: '2026-10-10', work: false, name: '本县调整' }]);
    expect(local.isWorkingDay('2026-10-10')).toBe(false); // an override wins over the package's 调休 too
  });
});

describe('党员志愿服务日 (S6.3): the 2nd Saturday of each month, proposed as an activity’s date', () => {
  const cal = countyCalendar([]);
  it('is the month’s second Saturday, or next month’s once it has passed', () => {
    expect(serviceDay('2026-12-01', cal)).toBe('2026-12-12');
    expect(serviceDay('2026-12-12', cal)).toBe('2026-12-12');
    expect(serviceDay('2026-12-13', cal)).toBe('2027-01-09');
    expect(serviceDay('2026-11-03', cal)).toBe('2026-11-14');
  });
  it('moves to the first rest day after it when that Saturday is a 调休 working day (2026: February, May, October)', () => {
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(serviceDay('2026-02-01', cal)).toBe('2026-02-15');
    expect(serviceDay('2026-05-01', cal)).toBe('2026-05-10');
    expect(serviceDay('2026-10-01', cal)).toBe('2026-10-11');
  });
  it('follows the county’s own days: a Saturday the county makes a working day is skipped', () => {
    const own = countyCalendar([{ _id: '2026-12-12', work: true, name: '本县调整' }]);
    expect(serviceDay('2026-12-01', own)).toBe('2026-12-13');
  });
  it('is always a rest day, a Saturday or the days just after one, for any day of twenty years', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 11, 31) }), (t) => {
        const today = new Date(t).toISOString().slice(0, 10);
        const d = serviceDay(today, cal);
        expect(d >= today).toBe(true);
        expect(cal.isWorkingDay(d)).toBe(false);
        const dom = Number(d.slice(8, 10));
        expect(dom).toBeGreaterThanOrEqual(8);
      }),
    );
  });
});
