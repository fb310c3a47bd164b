/**
 * Which documents a query has to look at: candidate ids from `_id` equality, from a compound index
 * (equality prefix, then a range), or from the union of an $or's branches, chosen by cost like
 * MongoDB's planner. Pure over a collection's indexes; the database reads the candidates.
 */
import { type Doc, type Id, isPlainObject } from './ejson';
import { type BoundPart, type Entry, type Index, type Interval, RANK, keyPart, seekable } from './keyindex';
import { type Collection } from './store';
interface Bound {
  value: number | string;
  inclusive: boolean;
}

/** A range over one BSON type (rank) of values; a missing side is open to the end of that type. */
interface Range {
  rank: number;
  lower?: Bound;
  upper?: Bound;
}

function rangeValue(v: unknown): { rank: number; value: number | string } | null {
  if (typeof v === 'number' && !Number.isNaN(v)) return { rank: RANK.number, value: v };
  if (typeof v === 'string') return { rank: RANK.string, value: v };
  if (v instanceof Date) return { rank: RANK.date, value: v.getTime() };
  return null;
}

/** Values an equality / $in condition pins a field to, or null. */
function eqValues(cond: unknown): unknown[] | null {
  if (seekable(cond)) return [cond];
  if (!isPlainObject(cond)) return null;
  if ('$eq' in cond && seekable(cond.$eq)) return [cond.$eq];
  if (Array.isArray(cond.$in) && cond.$in.every(seekable)) return cond.$in;
  return null;
}

function eqOf(conds: unknown[]): unknown[] | null {
  let eq: unknown[] | null = null;
  for (const c of conds) {
    const v = eqValues(c);
    if (v && (!eq || v.length < eq.length)) eq = v;
  }
  return eq;
}

/** The tightest range over all conditions on one field ($gt/$gte/$lt/$lte, one value type). */
function rangeOf(conds: unknown[]): Range | null {
  let rank: number | undefined;
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  for (const cond of conds) {
    if (!isPlainObject(cond)) continue;
    for (const op of ['$gt', '$gte', '$lt', '$lte'] as const) {
      if (!(op in cond)) continue;
      const k = rangeValue(cond[op]);
      if (!k) continue;
      if (rank !== undefined && k.rank !== rank) continue; // mixed types: keep the first type's bounds
      rank = k.rank;
      const bound = { value: k.value, inclusive: op === '$gte' || op === '$lte' };
      if (op === '$gt' || op === '$gte') {
        if (!lower || bound.value > lower.value || (bound.value === lower.value && !bound.inclusive)) lower = bound;
      } else if (!upper || bound.value < upper.value || (bound.value === upper.value && !bound.inclusive)) upper = bound;
    }
  }
  return rank !== undefined ? { rank, lower, upper } : null;
}

interface Conds {
  byField: Map<string, unknown[]>;
  ors: unknown[][];
}

/** Conditions of the top level and of nested $and, by field; $or lists apart. */
function gather(q: Doc, out: Conds = { byField: new Map(), ors: [] }): Conds {
  for (const [k, v] of Object.entries(q)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) gather(sub, out);
    } else if (k === '$or' && Array.isArray(v) && v.length > 0) out.ors.push(v);
    else if (!k.startsWith('$')) out.byField.set(k, [...(out.byField.get(k) ?? []), v]);
  }
  return out;
}

/** Every field a query mentions, at any depth of $and/$or/$nor. */
function fieldsOf(q: unknown, out = new Set<string>()): Set<string> {
  if (!isPlainObject(q)) return out;
  for (const [k, v] of Object.entries(q)) {
    if ((k === '$and' || k === '$or' || k === '$nor') && Array.isArray(v)) for (const sub of v) fieldsOf(sub, out);
    else if (k.startsWith('$'))
      out.add(k); // $where, $expr…: never covered by an index
    else out.add(k);
  }
  return out;
}

/**
 * The range an $or implies on one field: when every branch pins the field (equality or range, one
 * value type), the union of the branches' ranges. A cursor page's
 * `{$or: [{t: {$lt: T}}, {t: T, _id: {$lt: I}}]}` gives t ≤ T.
 */
function orRange(field: string, branches: unknown[]): Range | null {
  let out: Range | null = null;
  let lowerOpen = false;
  let upperOpen = false;
  for (const b of branches) {
    if (!isPlainObject(b)) return null;
    const conds = gather(b).byField.get(field);
    if (!conds) return null;
    let r: Range | null = null;
    const eq = eqOf(conds);
    if (eq && eq.length > 0) {
      const vals = eq.map(rangeValue);
      if (vals.some((v) => !v) || new Set(vals.map((v) => v!.rank)).size !== 1) return null;
      const sorted = vals.map((v) => v!.value).sort((a, z) => (a < z ? -1 : a > z ? 1 : 0));
      r = {
        rank: vals[0]!.rank,
        lower: { value: sorted[0], inclusive: true },
        upper: { value: sorted[sorted.length - 1], inclusive: true },
      };
    } else r = rangeOf(conds);
    if (!r) return null;
    if (!out) {
      out = { ...r };
      lowerOpen = !r.lower;
      upperOpen = !r.upper;
      continue;
    }
    if (out.rank !== r.rank) return null;
    lowerOpen ||= !r.lower;
    upperOpen ||= !r.upper;
    if (r.lower && out.lower && (r.lower.value < out.lower.value || (r.lower.value === out.lower.value && r.lower.inclusive)))
      out.lower = r.lower;
    if (r.upper && out.upper && (r.upper.value > out.upper.value || (r.upper.value === out.upper.value && r.upper.inclusive)))
      out.upper = r.upper;
  }
  if (!out) return null;
  return { rank: out.rank, lower: lowerOpen ? undefined : out.lower, upper: upperOpen ? undefined : out.upper };
}

function intersect(a: Range | null, b: Range | null): Range | null {
  if (!a) return b;
  if (!b || a.rank !== b.rank) return a;
  const lower = !a.lower
    ? b.lower
    : !b.lower
      ? a.lower
      : b.lower.value > a.lower.value || (b.lower.value === a.lower.value && !b.lower.inclusive)
        ? b.lower
        : a.lower;
  const upper = !a.upper
    ? b.upper
    : !b.upper
      ? a.upper
      : b.upper.value < a.upper.value || (b.upper.value === a.upper.value && !b.upper.inclusive)
        ? b.upper
        : a.upper;
  return { rank: a.rank, lower, upper };
}

export type SortSpec = [string, 1 | -1][];

export type Plan =
  | { kind: 'ids'; ids: Set<Id>; cost: number; ordered: false }
  | {
      kind: 'index';
      index: Index;
      intervals: Interval[];
      /** number of leading keys pinned by equality ($in: one interval per combination) */
      prefix: number;
      ordered: boolean;
      reverse: boolean;
      size: number;
      cost: number;
    };

const MAX_COMBINATIONS = 64;

function indexPlan(ix: Index, c: Conds, queryFields: Set<string>, sort: SortSpec | undefined, need: number | undefined): Plan | null {
  const eqLists: unknown[][] = [];
  let combos = 1;
  for (const f of ix.fields) {
    const eq = eqOf(c.byField.get(f) ?? []);
    if (!eq || combos * Math.max(eq.length, 1) > MAX_COMBINATIONS) break;
    eqLists.push(eq);
    combos *= Math.max(eq.length, 1);
  }
  const p = eqLists.length;
  let range: Range | null = null;
  if (p < ix.fields.length) {
    const f = ix.fields[p];
    range = rangeOf(c.byField.get(f) ?? []);
    for (const branches of c.ors) range = intersect(range, orRange(f, branches));
  }
  if (p === 0 && !range) return null;

  let prefixes: BoundPart[][] = [[]];
  for (const values of eqLists) {
    const next: BoundPart[][] = [];
    for (const pre of prefixes)
      for (const v of values) {
        const [r, val] = keyPart(v);
        next.push([...pre, { r, v: val }]);
      }
    prefixes = next;
  }
  const intervals = prefixes.map((pre) => {
    if (!range) return ix.interval(pre, true, pre, true);
    const lo: BoundPart = range.lower ? { r: range.rank, v: range.lower.value } : { r: range.rank, edge: -1 };
    const hi: BoundPart = range.upper ? { r: range.rank, v: range.upper.value } : { r: range.rank, edge: 1 };
    const loInc = range.lower?.inclusive ?? true;
    const hiInc = range.upper?.inclusive ?? true;
    return ix.dirs[p] === 1 ? ix.interval([...pre, lo], loInc, [...pre, hi], hiInc) : ix.interval([...pre, hi], hiInc, [...pre, lo], loInc);
  });
  const size = intervals.reduce((n, iv) => n + iv.size, 0);

  // Does the index order give the requested sort (after keys pinned to one value)?
  let ordered = false;
  let reverse = false;
  if (sort && sort.length > 0) {
    const pinned = new Set(ix.fields.slice(0, p).filter((_f, i) => eqLists[i].length === 1));
    const rest = sort.filter(([f]) => !pinned.has(f));
    ordered = true;
    let sign = 0;
    rest.forEach(([f, d], j) => {
      const k = p + j;
      if (k >= ix.fields.length || ix.fields[k] !== f) {
        ordered = false;
        return;
      }
      const s = d * ix.dirs[k];
      if (sign !== 0 && s !== sign) ordered = false;
      sign = s;
    });
    reverse = sign === -1;
  }
  const covered = [...queryFields].every((f) => ix.fields.includes(f));
  // with a limit, an index holding every tested field stops after `need` entries: in order when it
  // gives the sort, or in any order when no sort is asked for
  const stops = need !== undefined && covered && (ordered || !sort || sort.length === 0);
  const cost = stops ? Math.min(size, need) : size;
  return { kind: 'index', index: ix, intervals, prefix: p, ordered, reverse, size, cost };
}

/**
 * How to find a query's documents, or null when no index applies (full scan). Like MongoDB's
 * planner, for each index: equality / $in on its leading keys, then a range on the next key
 * (from the query, or implied by every branch of an $or), read in index order. When the index order
 * gives the requested sort, the scan stops after `need` matches (a page); otherwise every entry in
 * its bounds is examined (without a sort, any index scan stops after `need`). Also: `_id` equality, and an $or whose every branch is indexable (the
 * union). Cost = entries in bounds, or `need` for an ordered scan over an index holding every field
 * the query tests (each entry read is then a likely match); the cheapest plan wins, ties go to the
 * ordered one. (MongoDB races candidate plans instead; the outcome for these queries is the same.)
 */
export function plan(coll: Collection, query: unknown, sort?: SortSpec, need?: number): Plan | null {
  if (!isPlainObject(query)) return null;
  const c = gather(query);
  const queryFields = fieldsOf(query);
  const plans: Plan[] = [];
  const idEq = eqOf(c.byField.get('_id') ?? []);
  if (idEq) {
    const ids = new Set(idEq.filter((v): v is Id => (typeof v === 'string' || typeof v === 'number') && coll.entries.has(v)));
    plans.push({ kind: 'ids', ids, cost: ids.size, ordered: false });
  }
  for (const ix of coll.indexes) {
    const p = indexPlan(ix, c, queryFields, sort, need);
    if (p) plans.push(p);
  }
  for (const branches of c.ors) {
    const union = new Set<Id>();
    let ok = true;
    for (const sub of branches) {
      const p = plan(coll, sub);
      if (!p) {
        ok = false;
        break;
      }
      for (const id of candidateIds(p)) union.add(id);
    }
    if (ok) plans.push({ kind: 'ids', ids: union, cost: union.size, ordered: false });
  }
  let best: Plan | null = null;
  for (const p of plans) {
    if (!best || p.cost < best.cost || (p.cost === best.cost && p.ordered && !best.ordered)) best = p;
  }
  return best;
}

/** Every candidate id of a plan (index entries in bounds, de-duplicated). */
export function candidateIds(p: Plan): Set<Id> {
  if (p.kind === 'ids') return p.ids;
  const out = new Set<Id>();
  for (const iv of p.intervals) for (const e of p.index.scan(iv, false)) out.add(e.id);
  return out;
}

/** Candidate ids interval by interval, de-duplicated (no order promised). */
export function* indexIds(p: Extract<Plan, { kind: 'index' }>): Generator<Id> {
  const seen = new Set<Id>();
  for (const iv of p.intervals) {
    for (const e of p.index.scan(iv, false)) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      yield e.id;
    }
  }
}

/** Candidate ids in the index's order for the sort (a merge across the $in combinations). */
export function* orderedIds(p: Extract<Plan, { kind: 'index' }>): Generator<Id> {
  const seen = new Set<Id>();
  const ix = p.index;
  const n = ix.fields.length;
  const its = p.intervals.map((iv) => ix.scan(iv, p.reverse));
  const heads = its.map((it) => it.next());
  const sign = p.reverse ? -1 : 1;
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h.done) continue;
      if (best < 0 || sign * ix.cmpKeys(h.value.k, (heads[best].value as Entry).k, n, p.prefix) < 0) best = i;
    }
    if (best < 0) return;
    const e = heads[best].value as Entry;
    heads[best] = its[best].next();
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    yield e.id;
  }
}
