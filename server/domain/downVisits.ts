/**
 * 下访 (S4.3) as rules and their evaluation, pure: what a cadre's level is asked for in a month (a
 * county leader one 下访 a month; a 包村干部 逢五必进 — every Friday that is a working day, every day
 * of a declared sensitive period), and what of it a month's logged visits leave missed. The rules,
 * the working days (with 调休) and the sensitive periods come in as data.
 */
import type { CadreLevel, VisitDue } from '../../typings';
import type { VisitCadence } from '../../miniprogram/shared/leaders';
import { monthDates, weekdayOf, type SensitivePeriod } from './roster';

/** A 下访 rule (collection `visit_rules`, seeded from the rule book): whom it binds and how often. */
export interface VisitRuleDoc {
  _id: string;
  clause: string;
  label: string;
  levels: CadreLevel[];
  cadence: VisitCadence;
  /** `monthly`: visits a month. */
  count?: number;
  /** `weekday`: 0 = Sunday … 5 = Friday. */
  weekday?: number;
  /** `monthDays`: dates of the month (5, 15, 25). */
  days?: number[];
  /** Every day of a sensitive period is asked for too. */
  dailyInSensitive: boolean;
}

/** The rule that binds a level (the first that names it), or none. */
export const ruleOfLevel = (rules: readonly VisitRuleDoc[], level: CadreLevel | null): VisitRuleDoc | null =>
  (level && rules.find((r) => r.levels.includes(level))) || null;

/** The days of `month` a date rule asks for a visit: its working days by weekday or date, and sensitive days. */
export function askedDays(
  rule: Pick<VisitRuleDoc, 'cadence' | 'weekday' | 'days' | 'dailyInSensitive'>,
  month: string,
  isWorkingDay: (date: string) => boolean,
  periods: readonly Pick<SensitivePeriod, 'from' | 'to'>[],
): string[] {
  if (rule.cadence === 'monthly') return [];
  return monthDates(month).filter((date) => {
    if (rule.dailyInSensitive && periods.some((p) => p.from <= date && date <= p.to)) return true;
    const regular = rule.cadence === 'weekday' ? weekdayOf(date) === rule.weekday : (rule.days ?? []).includes(Number(date.slice(8)));
    return regular && isWorkingDay(date);
  });
}

/**
 * A cadre's month against their rule, as of `today` (the county's date): a monthly rule counts
 * visits (short while fewer than asked; a month not begun asks nothing yet); a date rule lists the
 * days asked, those that passed without a visit (missed), and whether today is one still open.
 */
export function dueOf(
  rule: VisitRuleDoc | null,
  month: string,
  today: string,
  visitDates: readonly string[],
  isWorkingDay: (date: string) => boolean,
  periods: readonly Pick<SensitivePeriod, 'from' | 'to'>[],
): VisitDue {
  const none: VisitDue = { rule: null, unit: '次', required: 0, done: visitDates.length, missed: [], short: 0, dueToday: false };
  if (!rule) return none;
  const begun = month <= today.slice(0, 7);
  if (rule.cadence === 'monthly') {
    const required = rule.count ?? 1;
    return { ...none, rule: rule.label, required, short: begun ? Math.max(0, required - visitDates.length) : 0 };
  }
  const asked = askedDays(rule, month, isWorkingDay, periods);
  const visited = new Set(visitDates);
  return {
    ...none,
    rule: rule.label,
    unit: '天',
    required: asked.length,
    done: asked.filter((d) => visited.has(d)).length,
    missed: asked.filter((d) => d < today && !visited.has(d)),
    dueToday: asked.includes(today) && !visited.has(today),
  };
}
