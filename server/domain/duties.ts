/**
 * Cadres' duties (S1–S3, S5, S8) as data and their pure evaluation. A rule names who (levels), what
 * is counted (a measure), the period and the threshold; each cadre's records are folded, as they
 * arrive, into a tally of distinct county dates and counts (one per cadre and year), and a figure
 * is a rule evaluated on a tally at a day: never a scan of the records.
 *
 * Dates are the county's calendar days as 'YYYY-MM-DD' strings, walked in UTC so the host's zone
 * never moves a day.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { Figure } from '../../typings';
import type { CadreLevel } from '../../miniprogram/shared/domain';
import type { Measure, ProgressState, SlotKind, VisitKind } from '../../miniprogram/shared/duties';

dayjs.extend(utc);

/** The period a rule counts in: the calendar year, every month, one month of the year (July), or the tenure. */
type DutyPeriod = { kind: 'year' } | { kind: 'month'; month?: number } | { kind: 'tenure' };

/** One slot of a contact-point set and how many of it (S2.1: 5 普通群众户, ≥ 3 服务对象). */
interface SlotNeed {
  slot: SlotKind;
  count: number;
}

/** A festival visit (S8): a fixed day (MM-DD) or the lunar new year (春节), reminded `remindDays` before. */
interface Occasion {
  key: string;
  /** MM-DD, or 'lunar-new-year'. */
  date: string;
  remindDays: number;
}

/** A duty rule (`duty_rules`, seeded from the rule book; an admin changes one for a coming year). */
export interface DutyRule {
  _id: string;
  /** The rule book's clause, e.g. S2.3. */
  clause: string;
  label: string;
  levels: CadreLevel[];
  /** quota: owed at least `threshold` in a period; limit: a bound on one record — at most (S2.4 retinue, S3 age) or, for a posting's days, at least (S3 ≥ 3 months). */
  kind: 'quota' | 'limit';
  measure: Measure;
  period: DutyPeriod;
  /** A count, or a share (0–1) for places, households and 逢十 days. */
  threshold: number;
  unit: string;
  /** The contact-point slot a measure looks at (stayRun, slotDays, fixedDays). */
  slot?: SlotKind;
  /** The days of the month a fixedDays rule names (逢十: 10, 20, 30). */
  days?: number[];
  /** The villages a places rule must cover: the whole county, or the cadre's own town (street). */
  scope?: 'county' | 'town';
  /** The set of a contactSlots rule (一联六 / 一联五 / 一联二). */
  slots?: SlotNeed[];
  /** The occasions of a festivalVisits rule. */
  occasions?: Occasion[];
  /** Which relief pairs a pairs / festivalVisits rule counts. */
  pairKind?: 'oneToOne' | 'youfu';
  /** In force from this year to `toYear` (inclusive; null: until changed). */
  fromYear: number;
  toYear: number | null;
  version: number;
}

/** What one cadre did in one year, kept current with each record (`duty_tallies`, field `years.y2026`). */
interface DutyYear {
  /** Distinct days at the grassroots. */
  days: string[];
  /** Distinct days living with residents (同吃同住, 住村). */
  stay: string[];
  /** Distinct days at the cadre's own contact point of each slot. */
  slots: Partial<Record<SlotKind, string[]>>;
  /** Visits to own contact points (a stay of several days is one). */
  contactVisits: number;
  /** Villages and communities visited (region ids). */
  places: string[];
  /** Households met on visits. */
  households: number;
  reports: number;
  talks: number;
  /** Relief pairs held, by kind. */
  pairs: Partial<Record<'oneToOne' | 'youfu', number>>;
  /** Festival occasions on which a pair was visited, by kind. */
  festivals: Partial<Record<'oneToOne' | 'youfu', string[]>>;
  /** Contact points assigned this year, by slot. */
  assigned: Partial<Record<SlotKind, number>>;
}

export interface DutyTally {
  /** Villages visited since the tenure began (S1.2: county leaders, every village during their tenure). */
  tenure: { from: string; places: string[] };
  years: Record<string, DutyYear>;
}

const emptyYear = (): DutyYear => ({
  days: [],
  stay: [],
  slots: {},
  contactVisits: 0,
  places: [],
  households: 0,
  reports: 0,
  talks: 0,
  pairs: {},
  festivals: {},
  assigned: {},
});
export const emptyTally = (tenureFrom: string): DutyTally => ({ tenure: { from: tenureFrom, places: [] }, years: {} });
const yearKey = (year: number | string): string => `y${year}`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Every calendar day from `start` to `end` inclusive (UTC arithmetic on plain dates: no zone moves a day). */
export function daysBetween(start: string, end: string): string[] {
  if (!DATE.test(start) || !DATE.test(end) || end < start) return [];
  const out: string[] = [];
  for (let d = dayjs.utc(start); d.format('YYYY-MM-DD') <= end; d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'));
  return out;
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])].sort();

/** A visit or stay as the tally needs it. */
export interface VisitFact {
  kind: VisitKind;
  start: string;
  end: string;
  /** The village or community (region id) it was in, if any. */
  regionId: string | null;
  /** The slot of the cadre's own contact point it was at, if any. */
  slot: SlotKind | null;
  households: number;
}

function yearOf(t: DutyTally, y: string): DutyYear {
  return { ...emptyYear(), ...(t.years[yearKey(y)] ?? {}) };
}

/** The tally after one visit or stay: each day lands in its own year and month; the visit itself counts in the year it began. */
export function addVisit(t: DutyTally, v: VisitFact): DutyTally {
  const dates = daysBetween(v.start, v.end);
  if (dates.length === 0) return t;
  const years = { ...t.years };
  const byYear = new Map<string, string[]>();
  for (const d of dates) byYear.set(d.slice(0, 4), [...(byYear.get(d.slice(0, 4)) ?? []), d]);
  for (const [y, ds] of byYear) {
    const cur = yearOf(t, y);
    const first = y === v.start.slice(0, 4);
    years[yearKey(y)] = {
      ...cur,
      days: union(cur.days, ds),
      stay: v.kind === 'stay' ? union(cur.stay, ds) : cur.stay,
      slots: v.slot ? { ...cur.slots, [v.slot]: union(cur.slots[v.slot] ?? [], ds) } : cur.slots,
      contactVisits: cur.contactVisits + (v.slot && first ? 1 : 0),
      places: v.regionId ? union(cur.places, [v.regionId]) : cur.places,
      households: cur.households + (first ? v.households : 0),
    };
  }
  const inTenure = v.regionId !== null && v.end >= t.tenure.from;
  return {
    tenure: inTenure ? { ...t.tenure, places: union(t.tenure.places, [v.regionId!]) } : t.tenure,
    years,
  };
}

/** The tally after adding `n` to a count of the year (reports, talks, a pair, an assigned slot). */
export function addCount(
  t: DutyTally,
  year: number,
  what: { reports?: number; talks?: number; pair?: 'oneToOne' | 'youfu'; slot?: SlotKind },
  n = 1,
): DutyTally {
  const cur = yearOf(t, String(year));
  const next: DutyYear = {
    ...cur,
    reports: cur.reports + (what.reports ?? 0) * n,
    talks: cur.talks + (what.talks ?? 0) * n,
    pairs: what.pair ? { ...cur.pairs, [what.pair]: (cur.pairs[what.pair] ?? 0) + n } : cur.pairs,
    assigned: what.slot ? { ...cur.assigned, [what.slot]: Math.max(0, (cur.assigned[what.slot] ?? 0) + n) } : cur.assigned,
  };
  return { ...t, years: { ...t.years, [yearKey(year)]: next } };
}

/** The tally after a festival visit to a relief pair (each occasion counts once a year). */
export function addFestival(t: DutyTally, year: number, kind: 'oneToOne' | 'youfu', occasion: string): DutyTally {
  const cur = yearOf(t, String(year));
  const next = { ...cur, festivals: { ...cur.festivals, [kind]: union(cur.festivals[kind] ?? [], [occasion]) } };
  return { ...t, years: { ...t.years, [yearKey(year)]: next } };
}

/** The longest run of consecutive calendar days among `dates` (sorted or not). */
export function longestRun(dates: readonly string[]): number {
  const sorted = [...new Set(dates)].sort();
  let best = 0;
  let run = 0;
  let prev: string | null = null;
  for (const d of sorted) {
    run = prev !== null && dayjs.utc(prev).add(1, 'day').format('YYYY-MM-DD') === d ? run + 1 : 1;
    best = Math.max(best, run);
    prev = d;
  }
  return best;
}

/** The named days of a month that exist in it (逢十 in February: the 10th and 20th; there is no 30th). */
export function fixedDaysOf(month: string, days: readonly number[]): string[] {
  const last = dayjs.utc(`${month}-01`).daysInMonth();
  return days.filter((d) => d >= 1 && d <= last).map((d) => `${month}-${String(d).padStart(2, '0')}`);
}

/** What a places or household rule needs to know of the directory. */
export interface DutyContext {
  /** Villages and communities of the county, and of each town (street) by its region id. */
  villages: { county: readonly string[]; town: readonly string[] };
  /** Households of the cadre's own community (S2.3: ≥ 1/3 a year). */
  households: number;
}

/** The rules in force for a level in a year. */
export const rulesFor = (rules: readonly DutyRule[], level: CadreLevel | null, year: number): DutyRule[] =>
  rules.filter(
    (r) =>
      r.kind === 'quota' && level !== null && r.levels.includes(level) && r.fromYear <= year && (r.toYear === null || r.toYear >= year),
  );

/** The period of a rule that holds `today`, and whether it is running or over (true) or still to come (false). */
function periodAt(rule: DutyRule, today: string): { key: string; prefix: string; due: boolean } {
  const year = today.slice(0, 4);
  if (rule.period.kind === 'tenure') return { key: '任期', prefix: '', due: true };
  if (rule.period.kind === 'year') return { key: year, prefix: year, due: true };
  if (rule.period.month === undefined) return { key: today.slice(0, 7), prefix: today.slice(0, 7), due: true };
  const month = `${year}-${String(rule.period.month).padStart(2, '0')}`;
  return { key: month, prefix: month, due: today.slice(0, 7) >= month };
}

const within = (dates: readonly string[] | undefined, prefix: string): string[] => (dates ?? []).filter((d) => d.startsWith(prefix));

/** The value and target of a rule in the period that holds `today`. */
export function evaluate(rule: DutyRule, t: DutyTally, today: string, ctx: DutyContext): Figure {
  const p = periodAt(rule, today);
  const y = yearOf(t, today.slice(0, 4));
  let value = 0;
  let target = rule.threshold;
  switch (rule.measure) {
    case 'days':
      value = within(y.days, p.prefix).length;
      break;
    case 'stayDays':
      value = within(y.stay, p.prefix).length;
      break;
    case 'stayRun': {
      // Days living in the slot's place; a stay across a month's end counts its days in each month.
      const at = rule.slot ? new Set(y.slots[rule.slot] ?? []) : null;
      value = longestRun(within(y.stay, p.prefix).filter((d) => !at || at.has(d)));
      break;
    }
    case 'slotDays':
      value = within(rule.slot ? y.slots[rule.slot] : [], p.prefix).length;
      break;
    case 'fixedDays': {
      const owed = fixedDaysOf(today.slice(0, 7), rule.days ?? []);
      const at = new Set(rule.slot ? (y.slots[rule.slot] ?? []) : y.days);
      value = owed.filter((d) => at.has(d)).length;
      target = Math.ceil(owed.length * rule.threshold);
      break;
    }
    case 'contactVisits':
      value = y.contactVisits;
      break;
    case 'contactDays':
      value = within(
        Object.values(y.slots).flatMap((ds) => ds ?? []),
        p.prefix,
      ).filter((d, i, all) => all.indexOf(d) === i).length;
      break;
    case 'places': {
      const scope = new Set(ctx.villages[rule.scope ?? 'county']);
      const seen = rule.period.kind === 'tenure' ? t.tenure.places : y.places;
      value = seen.filter((r) => scope.has(r)).length;
      target = Math.ceil(scope.size * rule.threshold);
      break;
    }
    case 'householdShare':
      value = y.households;
      target = Math.ceil(ctx.households * rule.threshold);
      break;
    case 'reports':
      value = y.reports;
      break;
    case 'talks':
      value = y.talks;
      break;
    case 'pairs':
      value = y.pairs[rule.pairKind ?? 'oneToOne'] ?? 0;
      break;
    case 'festivalVisits': {
      const keys = new Set((rule.occasions ?? []).map((o) => o.key));
      value = (y.festivals[rule.pairKind ?? 'oneToOne'] ?? []).filter((k) => keys.has(k)).length;
      target = keys.size;
      break;
    }
    case 'contactSlots': {
      const need = rule.slots ?? [];
      value = need.reduce((n, s) => n + Math.min(s.count, y.assigned[s.slot] ?? 0), 0);
      target = need.reduce((n, s) => n + s.count, 0);
      break;
    }
    default:
      // retinue, postingDays, postingAge: limits on one record or posting, not a cadre's period.
      break;
  }
  const share = target <= 0 ? 1 : Math.min(1, value / target);
  const state: ProgressState = share >= 1 ? 'met' : p.due ? 'behind' : 'upcoming';
  return { ruleId: rule._id, clause: rule.clause, label: rule.label, period: p.key, value, target, unit: rule.unit, share, state };
}

/** A cadre's standing: rules behind, then the mean share of the due ones (lower is further behind). */
export function standing(figures: readonly Figure[]): { behind: number; share: number } {
  const due = figures.filter((f) => f.state !== 'upcoming');
  return {
    behind: due.filter((f) => f.state === 'behind').length,
    share: due.length ? due.reduce((s, f) => s + f.share, 0) / due.length : 1,
  };
}

/** Furthest behind first: more rules behind, then a lower mean share, then by name. */
export const furthestBehind = (
  a: { behind: number; share: number; name: string },
  b: { behind: number; share: number; name: string },
): number => b.behind - a.behind || a.share - b.share || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The limit a rule sets on one record (S2.4 retinue ≤ 3), or null when no rule in force limits it. */
export function limitOf(rules: readonly DutyRule[], measure: Measure, year: number): number | null {
  const r = rules.find((x) => x.kind === 'limit' && x.measure === measure && x.fromYear <= year && (x.toYear === null || x.toYear >= year));
  return r ? r.threshold : null;
}

/** The county's lunar new year (春节) by year, as MM-DD (settings `dutyCalendar`, data checked against chinese-days). */
export type LunarNewYears = Record<string, string>;

/** The day an occasion falls on in a year (YYYY-MM-DD), or null when the county has not entered that year's 春节. */
export function occasionDate(o: Occasion, year: number, lunar: LunarNewYears): string | null {
  const mmdd = o.date === 'lunar-new-year' ? lunar[String(year)] : o.date;
  return mmdd && /^\d{2}-\d{2}$/.test(mmdd) ? `${year}-${mmdd}` : null;
}

/** A festival reminder that is due: `remindDays` before the occasion, until the day itself. */
export interface DueReminder {
  /** Once per year, rule and occasion: `2027:S8.1-festivals:春节`. */
  key: string;
  pairKind: 'oneToOne' | 'youfu';
  occasion: string;
  date: string;
}

/**
 * The reminders due on `today` under the festival rules in force: this year's occasions and next
 * year's early ones (元旦 is reminded in late December).
 */
export function dueReminders(rules: readonly DutyRule[], today: string, lunar: LunarNewYears): DueReminder[] {
  const year = Number(today.slice(0, 4));
  const out: DueReminder[] = [];
  for (const y of [year, year + 1]) {
    for (const r of rules) {
      if (r.measure !== 'festivalVisits' || r.fromYear > y || (r.toYear !== null && r.toYear < y)) continue;
      for (const o of r.occasions ?? []) {
        const date = occasionDate(o, y, lunar);
        if (!date) continue;
        const from = dayjs.utc(date).subtract(o.remindDays, 'day').format('YYYY-MM-DD');
        if (from <= today && today < date)
          out.push({ key: `${y}:${r._id}:${o.key}`, pairKind: r.pairKind ?? 'oneToOne', occasion: o.key, date });
      }
    }
  }
  return out;
}

/** The year whose occasion a visit on `date` is for: the nearest one (元旦 visited on 30 December counts for the next year). */
export function occasionYear(o: Occasion, date: string, lunar: LunarNewYears): number | null {
  const year = Number(date.slice(0, 4));
  let best: { y: number; gap: number } | null = null;
  for (const y of [year - 1, year, year + 1]) {
    const d = occasionDate(o, y, lunar);
    if (!d) continue;
    const gap = Math.abs(dayjs.utc(d).diff(dayjs.utc(date), 'day'));
    if (!best || gap < best.gap) best = { y, gap };
  }
  return best?.y ?? null;
}

// ---------------------------------------------------------------- S3 下基层锻炼

/** What the organisation department knows of a cadre for a posting (their 干部档案). */
export interface CadreFacts {
  birthYear: number | null;
  /** Has worked at the grassroots before (then a posting is not for them). */
  grassroots: boolean | null;
}

/**
 * Why a cadre may not be posted to the grassroots in `year` under the rules in force (S3.1: 45周岁以下,
 * without grassroots experience), or null when they may. Only the birth year is kept, so the age is
 * the posting's year minus it; "以下" includes the number itself, as Chinese legal texts count it.
 */
export function postingRefusal(rules: readonly DutyRule[], facts: CadreFacts, year: number): string | null {
  if (facts.birthYear === null || facts.grassroots === null) return '请先录入这名干部的出生年份和有无基层工作经历';
  const most = limitOf(rules, 'postingAge', year);
  const age = year - facts.birthYear;
  if (most !== null && age > most) return `选派${most}周岁以下的干部，这名干部${year}年${age}周岁`;
  if (facts.grassroots) return '这名干部已有基层工作经历，不需要再下基层锻炼';
  return null;
}

/** The days a posting must last under the rules of its first year (S3.1: 3 months = 90 days), or null when no rule says. */
export const postingMinimum = (rules: readonly DutyRule[], start: string): number | null =>
  limitOf(rules, 'postingDays', Number(start.slice(0, 4)));

/**
 * A posting against S3.1 as a figure: the days served (to its end, or to today while it runs) of the
 * days owed. Running and short of them: still to come; over (its final report filed) and short: behind.
 */
export function postingFigure(
  rule: Pick<DutyRule, '_id' | 'clause' | 'label' | 'unit' | 'threshold'>,
  p: { start: string; end: string; ended: boolean },
  today: string,
): Figure {
  const last = p.ended || p.end < today ? p.end : today;
  const value = today < p.start ? 0 : daysBetween(p.start, last).length;
  const share = rule.threshold <= 0 ? 1 : Math.min(1, value / rule.threshold);
  const state: ProgressState = share >= 1 ? 'met' : p.ended || p.end < today ? 'behind' : 'upcoming';
  return {
    ruleId: rule._id,
    clause: rule.clause,
    label: rule.label,
    period: `${p.start}至${p.end}`,
    value,
    target: rule.threshold,
    unit: rule.unit,
    share,
    state,
  };
}
