/**
 * Per unit and month: 响应率, 解决率, 满意率 and overdue count, as counters moved by each audit
 * event — never recomputed by scanning requests. The rates are defined as 接诉即办 assessment
 * defines them: 响应率 = signed in time ÷ requests whose signing limit has passed or that were
 * signed (a request minutes old, or withdrawn before its limit, does not count against the unit);
 * 解决率 and 满意率 come from the resident's own answers when rating (问题解决了吗; how satisfied).
 */
import { isSatisfied } from '../../miniprogram/shared/domain';
import type { Figures, RequestEventType, Score, UnitFigures } from '../../typings';
import { countyTime } from './calendar';

export const COUNTER_FIELDS = [
  'received',
  'responseDue',
  'signed',
  'signedInTime',
  'replied',
  'rated',
  'satisfied',
  'resolved',
  'overdue',
] as const;
type CounterField = (typeof COUNTER_FIELDS)[number];
export type Counts = Record<CounterField, number>;

export interface CountedEvent {
  type: RequestEventType;
  at: number;
  to: string;
  unitId: string | null;
  toUnitId?: string;
  inTime?: boolean;
  /** 签收 after a 催办 already counted the missed signing limit. */
  dueCounted?: boolean;
  score?: Score;
  /** The resident's answer to 问题解决了吗 (absent on ratings made before it was asked). */
  resolved?: boolean;
}

export const monthOf = (ms: number): string => countyTime(ms).format('YYYY-MM');
export const counterId = (month: string, unitId: string): string => `${month}:${unitId}`;
/**
 * The unitId of the whole county's month counter: every unit's increment also goes to it, in the
 * same transaction, so an admin's totals are one document instead of a read of every unit.
 */
export const COUNTY = '*';
const zeroCounts = (): Counts => countsOf(null);

/** What one event adds, and to which unit. */
function contribution(e: CountedEvent): { unitId: string; add: Partial<Counts> } | null {
  const satisfied = e.score !== undefined && isSatisfied(e.score) ? 1 : 0;
  // Ratings made before 问题解决了吗 was asked: satisfied stood for resolved, as it was counted then.
  const resolved = (e.resolved ?? satisfied === 1) ? 1 : 0;
  switch (e.type) {
    case 'submit':
    case 'register':
      return e.to === 'assigned' && e.unitId ? { unitId: e.unitId, add: { received: 1 } } : null;
    case 'dispatch':
    case 'transfer':
    case 'reroute':
      return e.toUnitId ? { unitId: e.toUnitId, add: { received: 1 } } : null;
    case 'accept':
      return e.unitId ? { unitId: e.unitId, add: { signed: 1, signedInTime: e.inTime ? 1 : 0, responseDue: e.dueCounted ? 0 : 1 } } : null;
    case 'reply':
      return e.unitId ? { unitId: e.unitId, add: { replied: 1 } } : null;
    case 'rate':
      return e.unitId ? { unitId: e.unitId, add: { rated: 1, satisfied, resolved } } : null;
    case 'urge':
      // 催办 of an unsigned request: its signing limit has passed, so it now counts for 响应率.
      return e.unitId ? { unitId: e.unitId, add: { overdue: 1, responseDue: e.to === 'assigned' ? 1 : 0 } } : null;
    default:
      return null;
  }
}

/** The increments a run of events makes, by counter id: each unit's, and the county's. */
export function increments(events: readonly CountedEvent[]): Map<string, { month: string; unitId: string; add: Counts }> {
  const out = new Map<string, { month: string; unitId: string; add: Counts }>();
  for (const e of events) {
    const c = contribution(e);
    if (!c) continue;
    const month = monthOf(e.at);
    for (const unitId of [c.unitId, COUNTY]) {
      const id = counterId(month, unitId);
      const entry = out.get(id) ?? { month, unitId, add: zeroCounts() };
      for (const [k, v] of Object.entries(c.add) as [CounterField, number][]) entry.add[k] += v;
      out.set(id, entry);
    }
  }
  return out;
}

const rate = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 1000) / 1000 : null);

/** The counts a counter document holds (the zero month when there is none). */
export const countsOf = (c: Partial<Counts> | null | undefined): Counts =>
  Object.fromEntries(COUNTER_FIELDS.map((f) => [f, c?.[f] ?? 0])) as Counts;

export function rates(month: string, c: Counts): Figures {
  return {
    month,
    ...countsOf(c),
    responseRate: rate(c.signedInTime, c.responseDue),
    resolutionRate: rate(c.resolved, c.rated),
    satisfactionRate: rate(c.satisfied, c.rated),
  };
}

export function figuresOf(month: string, unitId: string, unitName: string, c: Counts): UnitFigures {
  return { unitId, unitName, ...rates(month, c) };
}

const byName = new Intl.Collator('zh');

/**
 * One page of units for the 统计 table, by name (pinyin order), then id: the `size` after the unit
 * `after` (none: from the first). Null when `after` is no unit of the list.
 */
export function unitsPage<U extends { _id: string; name: string }>(
  units: Iterable<U>,
  after: string | null,
  size: number,
): { page: U[]; more: boolean } | null {
  const sorted = [...units].sort((a, b) => byName.compare(a.name, b.name) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  const start = after === null ? 0 : sorted.findIndex((u) => u._id === after) + 1;
  if (start === 0 && after !== null) return null;
  return { page: sorted.slice(start, start + size), more: start + size < sorted.length };
}
