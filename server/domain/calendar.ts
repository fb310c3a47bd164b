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

export type LimitUnit = 'hours' | 'days' | 'workingDays';
export interface Limit {
  unit: LimitUnit;
  n: number;
}

const dayOf = (ms: number) => dayjs(ms).tz(COUNTY_TZ).startOf('day');
const isWorking = (d: dayjs.Dayjs): boolean => isWorkday(d.format('YYYY-MM-DD'));
const endOf = (d: dayjs.Dayjs): number => d.add(1, 'day').valueOf() - 1;

/** The moment a period of `limit` that starts at `fromMs` runs out. */
export function deadline(fromMs: number, limit: Limit): number {
  if (limit.unit === 'hours') return fromMs + limit.n * 3_600_000;
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
  return `${limit.n}${{ hours: '小时', days: '日', workingDays: '个工作日' }[limit.unit]}`;
}

/** “2026年12月7日 24:00” style: the last day ends at 24:00. */
export function formatDue(ms: number): string {
  const d = dayjs(ms).tz(COUNTY_TZ);
  if (d.hour() === 23 && d.minute() === 59) return `${d.format('YYYY年M月D日')} 24:00`;
  return d.format('YYYY年M月D日 HH:mm');
}
