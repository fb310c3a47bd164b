/**
 * Deadline arithmetic on the county's calendar. Working days follow the State Council schedule
 * with 调休 from chinese-days, overridden by the days the county entered itself. Periods count
 * from the day after the start, and the last day ends at 24:00 (民法典 arts. 201, 203).
 *
 * Every date is the county's (Asia/Shanghai, UTC+08:00, no daylight saving), computed with that
 * fixed offset and never with the host's zone: 云开发 runs functions in UTC, a laptop anywhere.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
// The package's schedule as data: its functions read dates with the host's local getters and
// name the wrong day west of UTC, so only its table is used, with the weekday computed in UTC.
import schedule from 'chinese-days/dist/chinese-days.json';

dayjs.extend(utc);

const DAY_MS = 86_400_000;
/** China keeps UTC+08:00 all year. */
const COUNTY_OFFSET_MS = 8 * 3_600_000;

const PACKAGE_HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(schedule.holidays));
const PACKAGE_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(schedule.workdays));

/** The State Council schedule as chinese-days has it (YYYY-MM-DD): 调休 days work, holidays rest, else Monday to Friday. */
export function packageWorkday(day: string): boolean {
  if (PACKAGE_WORKDAYS.has(day)) return true;
  if (PACKAGE_HOLIDAYS.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** A moment as the county's wall clock reads it (a dayjs in UTC shifted by +08:00): for formatting only. */
export const countyTime = (ms: number): dayjs.Dayjs => dayjs.utc(ms + COUNTY_OFFSET_MS);

/** The moment the county day holding `ms` starts (00:00 +08:00). */
const dayStart = (ms: number): number => Math.floor((ms + COUNTY_OFFSET_MS) / DAY_MS) * DAY_MS - COUNTY_OFFSET_MS;
/** YYYY-MM-DD of the county day that starts at `start`. */
const dateOf = (start: number): string => new Date(start + COUNTY_OFFSET_MS).toISOString().slice(0, 10);
/** The last moment (24:00) of the county day that starts at `start`. */
const endOf = (start: number): number => start + DAY_MS - 1;

type LimitUnit = 'hours' | 'workingHours' | 'days' | 'workingDays';
export interface Limit {
  unit: LimitUnit;
  n: number;
}

/**
 * A day the county has entered itself (collection `calendar_days`): a year's State Council
 * schedule published before the package knows it, or a local day off.
 */
export interface CalendarDay {
  /** YYYY-MM-DD */
  _id: string;
  work: boolean;
  name: string;
}

/** Office hours on a working day, as minutes after midnight: 08:30–12:00 and 14:00–17:30 (lunch break). */
const OFFICE_HOURS: readonly (readonly [number, number])[] = [
  [8 * 60 + 30, 12 * 60],
  [14 * 60, 17 * 60 + 30],
];

/** The county's calendar: deadline arithmetic over its working days. */
export interface Calendar {
  /** A working day (YYYY-MM-DD). */
  isWorkingDay(day: string): boolean;
  /** The moment a period of `limit` that starts at `fromMs` runs out. */
  deadline(fromMs: number, limit: Limit): number;
  /** Adds `hours` of office time: the clock runs only in office hours on working days. */
  addWorkingHours(fromMs: number, hours: number): number;
  /** Office time, in ms, between two moments. */
  workingMsBetween(fromMs: number, toMs: number): number;
  /** Working days d with from's day < d ≤ to's day: the working days a pause used up. */
  workingDaysBetween(fromMs: number, toMs: number): number;
  /** A deadline moved by a pause: the paused time does not count, measured in the limit's own unit. */
  extendByPause(dueAt: number, unit: LimitUnit, pausedAt: number, resumedAt: number): number;
  /** The deadline after an approved extension of `days`, in the policy's kind of day. */
  extendBy(dueAt: number, unit: LimitUnit, days: number): number;
}

/** The calendar with the county's own days, which take precedence over the package's schedule. */
export function countyCalendar(days: readonly CalendarDay[]): Calendar {
  const own = new Map(days.map((d) => [d._id, d.work]));
  const isWorkingDay = (day: string): boolean => own.get(day) ?? packageWorkday(day);
  const isWorking = (start: number): boolean => isWorkingDay(dateOf(start));

  /** Office-time intervals [start, end) in ms of the county day that starts at `start`. */
  const officeIntervals = (start: number): [number, number][] =>
    isWorking(start) ? OFFICE_HOURS.map(([a, b]) => [start + a * 60_000, start + b * 60_000]) : [];

  function addWorkingHours(fromMs: number, hours: number): number {
    let left = Math.round(hours * 3_600_000);
    let day = dayStart(fromMs);
    for (let guard = 0; guard < 3660; guard += 1) {
      for (const [a, b] of officeIntervals(day)) {
        const start = Math.max(a, fromMs);
        if (start >= b) continue;
        if (start + left <= b) return start + left;
        left -= b - start;
      }
      day += DAY_MS;
    }
    throw new Error('working-hour deadline beyond ten years');
  }

  function workingMsBetween(fromMs: number, toMs: number): number {
    let total = 0;
    for (let day = dayStart(fromMs); day < toMs; day += DAY_MS) {
      for (const [a, b] of officeIntervals(day)) total += Math.max(0, Math.min(b, toMs) - Math.max(a, fromMs));
    }
    return total;
  }

  function workingDaysBetween(fromMs: number, toMs: number): number {
    let n = 0;
    const end = dayStart(toMs);
    for (let d = dayStart(fromMs) + DAY_MS; d <= end; d += DAY_MS) if (isWorking(d)) n += 1;
    return n;
  }

  function deadline(fromMs: number, limit: Limit): number {
    if (limit.unit === 'hours') return fromMs + limit.n * 3_600_000;
    if (limit.unit === 'workingHours') return addWorkingHours(fromMs, limit.n);
    let d = dayStart(fromMs);
    if (limit.unit === 'workingDays') {
      let left = limit.n;
      while (left > 0) {
        d += DAY_MS;
        if (isWorking(d)) left -= 1;
      }
      return endOf(d);
    }
    d += limit.n * DAY_MS;
    while (!isWorking(d)) d += DAY_MS;
    return endOf(d);
  }

  function extendByPause(dueAt: number, unit: LimitUnit, pausedAt: number, resumedAt: number): number {
    if (resumedAt <= pausedAt) return dueAt;
    if (unit === 'hours') return dueAt + (resumedAt - pausedAt);
    if (unit === 'workingHours') return addWorkingHours(dueAt, workingMsBetween(pausedAt, resumedAt) / 3_600_000);
    const n = workingDaysBetween(pausedAt, resumedAt);
    return n === 0 ? dueAt : deadline(dueAt, { unit: 'workingDays', n });
  }

  function extendBy(dueAt: number, unit: LimitUnit, days: number): number {
    if (unit === 'workingDays') return deadline(dueAt, { unit: 'workingDays', n: days });
    if (unit === 'days') return deadline(dueAt, { unit: 'days', n: days });
    return dueAt + days * DAY_MS;
  }

  return { isWorkingDay, deadline, addWorkingHours, workingMsBetween, workingDaysBetween, extendByPause, extendBy };
}

/** A limit as the county says it: “7个工作日”, “24小时”, “15日”. */
export function describeLimit(limit: Limit): string {
  return `${limit.n}${{ hours: '小时', workingHours: '个工作小时', days: '日', workingDays: '个工作日' }[limit.unit]}`;
}

/** “2026年12月7日 24:00” style: the last day ends at 24:00. */
export function formatDue(ms: number): string {
  const d = countyTime(ms);
  if (d.hour() === 23 && d.minute() === 59) return `${d.format('YYYY年M月D日')} 24:00`;
  return d.format('YYYY年M月D日 HH:mm');
}

/**
 * Extensions are asked in days, as people say them (“延期3天”). A policy's extension limit in
 * hours allows whole days of it (48 小时 → 2 days); working-day limits count working days.
 */
export function maxExtensionDays(limit: Limit): number {
  return limit.unit === 'hours' || limit.unit === 'workingHours' ? Math.floor(limit.n / 24) : limit.n;
}

/**
 * 党员志愿服务日 (S6.3): the 2nd Saturday of each month, the date a volunteer activity is proposed
 * for — the next one on or after `today` (YYYY-MM-DD, the county's). When that Saturday is a working
 * day on the county's calendar (a 调休 make-up day), the first rest day after it. Dates only: no zone.
 */
export function serviceDay(today: string, calendar: Pick<Calendar, 'isWorkingDay'>): string {
  let month = dayjs.utc(`${today.slice(0, 7)}-01`);
  for (;;) {
    // day() is the weekday in UTC, which is the date's own here: 6 = Saturday.
    const saturday = month.add(((6 - month.day() + 7) % 7) + 7, 'day');
    let day = saturday;
    while (calendar.isWorkingDay(day.format('YYYY-MM-DD'))) day = day.add(1, 'day');
    if (day.format('YYYY-MM-DD') >= today) return day.format('YYYY-MM-DD');
    month = month.add(1, 'month');
  }
}
