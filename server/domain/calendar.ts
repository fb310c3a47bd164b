/**
 * Deadline arithmetic on the county's calendar (Asia/Shanghai). Working days follow the State
 * Council schedule with 调休 from chinese-days. Periods count from the day after the start, and
 * the last day ends at 24:00 (民法典 arts. 201, 203).
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { isWorkday } from 'chinese-days';

dayjs.extend(utc);
dayjs.extend(timezone);

export const COUNTY_TZ = 'Asia/Shanghai';

export type LimitUnit = 'hours' | 'workingHours' | 'days' | 'workingDays';
export interface Limit {
  unit: LimitUnit;
  n: number;
}

const dayOf = (ms: number) => dayjs(ms).tz(COUNTY_TZ).startOf('day');
/**
 * Days the county has entered itself (collection `calendar_days`): a year's State Council schedule
 * published before the package knows it, or a local day off. They take precedence over the package.
 */
let overrides: ReadonlyMap<string, boolean> = new Map();

export interface CalendarDay {
  /** YYYY-MM-DD */
  _id: string;
  work: boolean;
  name: string;
}

export function useCalendarDays(days: readonly CalendarDay[]): void {
  overrides = new Map(days.map((d) => [d._id, d.work]));
}

/** A working day on the county's calendar (YYYY-MM-DD). */
export function isWorkingDay(day: string): boolean {
  return overrides.get(day) ?? isWorkday(day);
}

const isWorking = (d: dayjs.Dayjs): boolean => isWorkingDay(d.format('YYYY-MM-DD'));
const endOf = (d: dayjs.Dayjs): number => d.add(1, 'day').valueOf() - 1;

/** Office hours on a working day, as minutes after midnight: 08:30–12:00 and 14:00–17:30 (lunch break). */
export const OFFICE_HOURS: readonly (readonly [number, number])[] = [
  [8 * 60 + 30, 12 * 60],
  [14 * 60, 17 * 60 + 30],
];

/** Office-time intervals [start, end) in ms of the county day that starts at `day`. */
function officeIntervals(day: dayjs.Dayjs): [number, number][] {
  if (!isWorking(day)) return [];
  const base = day.valueOf();
  return OFFICE_HOURS.map(([a, b]) => [base + a * 60_000, base + b * 60_000]);
}

/** Adds `hours` of office time: the clock runs only in office hours on working days. */
export function addWorkingHours(fromMs: number, hours: number): number {
  let left = Math.round(hours * 3_600_000);
  let day = dayOf(fromMs);
  for (let guard = 0; guard < 3660; guard += 1) {
    for (const [a, b] of officeIntervals(day)) {
      const start = Math.max(a, fromMs);
      if (start >= b) continue;
      if (start + left <= b) return start + left;
      left -= b - start;
    }
    day = day.add(1, 'day');
  }
  throw new Error('working-hour deadline beyond ten years');
}

/** Office time, in ms, between two moments. */
export function workingMsBetween(fromMs: number, toMs: number): number {
  let total = 0;
  for (let day = dayOf(fromMs); day.valueOf() < toMs; day = day.add(1, 'day')) {
    for (const [a, b] of officeIntervals(day)) total += Math.max(0, Math.min(b, toMs) - Math.max(a, fromMs));
  }
  return total;
}

/** Working days d with from's day < d ≤ to's day: the working days a pause used up. */
export function workingDaysBetween(fromMs: number, toMs: number): number {
  let n = 0;
  const end = dayOf(toMs);
  for (let d = dayOf(fromMs).add(1, 'day'); !d.isAfter(end); d = d.add(1, 'day')) if (isWorking(d)) n += 1;
  return n;
}

/**
 * A deadline moved by a pause (waiting for the petitioner, a hearing): the paused time does not
 * count, measured in the limit's own unit.
 */
export function extendByPause(dueAt: number, unit: LimitUnit, pausedAt: number, resumedAt: number): number {
  if (resumedAt <= pausedAt) return dueAt;
  if (unit === 'hours') return dueAt + (resumedAt - pausedAt);
  if (unit === 'workingHours') return addWorkingHours(dueAt, workingMsBetween(pausedAt, resumedAt) / 3_600_000);
  const n = workingDaysBetween(pausedAt, resumedAt);
  return n === 0 ? dueAt : deadline(dueAt, { unit: 'workingDays', n });
}

/** The moment a period of `limit` that starts at `fromMs` runs out. */
export function deadline(fromMs: number, limit: Limit): number {
  if (limit.unit === 'hours') return fromMs + limit.n * 3_600_000;
  if (limit.unit === 'workingHours') return addWorkingHours(fromMs, limit.n);
  let d = dayOf(fromMs);
  if (limit.unit === 'workingDays') {
    let left = limit.n;
    while (left > 0) {
      d = d.add(1, 'day');
      if (isWorking(d)) left -= 1;
    }
    return endOf(d);
  }
  d = d.add(limit.n, 'day');
  while (!isWorking(d)) d = d.add(1, 'day');
  return endOf(d);
}

/** A limit as the county says it: “7个工作日”, “24小时”, “15日”. */
export function describeLimit(limit: Limit): string {
  return `${limit.n}${{ hours: '小时', workingHours: '个工作小时', days: '日', workingDays: '个工作日' }[limit.unit]}`;
}

/** “2026年12月7日 24:00” style: the last day ends at 24:00. */
export function formatDue(ms: number): string {
  const d = dayjs(ms).tz(COUNTY_TZ);
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

/** The deadline after an approved extension of `days`, in the policy's kind of day. */
export function extendBy(dueAt: number, unit: LimitUnit, days: number): number {
  if (unit === 'workingDays') return deadline(dueAt, { unit: 'workingDays', n: days });
  if (unit === 'days') return deadline(dueAt, { unit: 'days', n: days });
  return dueAt + days * 86_400_000;
}
