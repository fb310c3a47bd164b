/**
 * A month's reception roster (S4.2) from a rule and the county's calendar: which days someone
 * receives, and which leader, in rotation. Pure: the rule, the working days (with 调休) and the
 * sensitive periods come in as data.
 */
import type { Cadence } from '../../miniprogram/shared/meet';

/** One rule per kind of unit (collection `meet_rules`): who receives how often, where. */
export interface RosterRuleDoc {
  _id: string;
  label: string;
  /** county: the county's own leaders (one roster); unit: each unit it names, by id or by kind. */
  scope: 'county' | 'unit';
  unitIds?: string[];
  unitKinds?: string[];
  cadence: Cadence;
  /** For `weekday`: 0 = Sunday … 4 = Thursday. */
  weekday?: number;
  /** In a sensitive period (an admin's date range) someone receives every day. */
  dailyInSensitive: boolean;
  place: string;
  hours: string;
}

/** A date range an admin declares (collection `meet_periods`). */
export interface SensitivePeriod {
  _id: string;
  name: string;
  from: string;
  to: string;
}

export interface RosterDay {
  date: string;
  sensitive: boolean;
}

const DAY_MS = 86_400_000;
export const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Every date of a month (YYYY-MM). */
export function monthDates(month: string): string[] {
  const out: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) out.push(d);
  return out;
}

/** Monday of the week holding `date`. */
const weekStart = (date: string): string => addDays(date, -((weekdayOf(date) + 6) % 7));
export const weekDates = (date: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(weekStart(date), i));

/**
 * The days of `month` someone receives under `rule`: a fixed weekday that is a working day (a
 * holiday Thursday has no reception), every day, every working day (调休 Saturdays included), or
 * the first working day of each week; and every day of a sensitive period when the rule says so.
 */
export function rosterDays(
  month: string,
  rule: Pick<RosterRuleDoc, 'cadence' | 'weekday' | 'dailyInSensitive'>,
  isWorkingDay: (date: string) => boolean,
  periods: readonly Pick<SensitivePeriod, 'from' | 'to'>[],
): RosterDay[] {
  const sensitive = (d: string) => periods.some((p) => p.from <= d && d <= p.to);
  return monthDates(month).flatMap((date) => {
    const inPeriod = sensitive(date);
    let regular: boolean;
    if (rule.cadence === 'daily') regular = true;
    else if (rule.cadence === 'workingDay') regular = isWorkingDay(date);
    else if (rule.cadence === 'weekday') regular = weekdayOf(date) === rule.weekday && isWorkingDay(date);
    else regular = isWorkingDay(date) && weekDates(date).find(isWorkingDay) === date;
    return regular || (inPeriod && rule.dailyInSensitive) ? [{ date, sensitive: inPeriod }] : [];
  });
}

/** Leaders in rotation over the days, starting after `lastId` (the previous month's last one). */
export function rotate<T extends { _id: string }>(
  days: readonly RosterDay[],
  leaders: readonly T[],
  lastId: string | null,
): (RosterDay & { leader: T })[] {
  if (!leaders.length) return [];
  const start = (leaders.findIndex((l) => l._id === lastId) + 1) % leaders.length;
  return days.map((d, i) => ({ ...d, leader: leaders[(start + i) % leaders.length]! }));
}

/** The rule a unit's roster follows: one naming the unit first, else one naming its kind. */
export function ruleOfUnit<R extends RosterRuleDoc>(rules: readonly R[], unit: { _id: string; kind: string }): R | null {
  const own = rules.filter((r) => r.scope === 'unit');
  return own.find((r) => r.unitIds?.includes(unit._id)) ?? own.find((r) => r.unitKinds?.includes(unit.kind)) ?? null;
}

/** The month before `month` (YYYY-MM). */
export const previousMonth = (month: string): string => addDays(`${month}-01`, -1).slice(0, 7);
