/**
 * A secondary index as MongoDB keeps one: every document's key tuple (one value per indexed field, in
 * the index's directions) in one sorted structure, so a query can seek to an equality prefix, scan a
 * range of the next key, and read entries already in the order of the remaining keys.
 *
 * - Keys compare like BSON: by type first (null/missing < numbers < strings < objects/arrays <
 *   booleans < dates), then by value. A missing field is keyed as null (a non-sparse index).
 * - Multikey: an array value is keyed once per element (the cartesian product across fields; MongoDB
 *   forbids parallel arrays, which this project never has). An empty array is keyed as null.
 * - Entries live in a list of sorted blocks (insert/remove cost one block, not the whole index).
 * - A unique index keys a missing field as null, as MongoDB (and so 云开发, whose indexes cannot be
 *   sparse) does: only one document may lack it.
 */
import { type Doc, type Id, encodeRecord, isPlainObject } from './ejson';
import { CloudError } from './errors';

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

/** A key tuple flattened: [rank0, value0, rank1, value1, …]. */
export type Key = (number | string)[];

export interface Entry {
  k: Key;
  id: Id;
}

/** BSON type order ranks. */
export const RANK = { null: 1, number: 2, string: 3, other: 4, boolean: 8, date: 9 } as const;

/** Rank and comparable value of one key value. */
export function keyPart(v: unknown): [number, number | string] {
  if (v === null || v === undefined) return [RANK.null, 0];
  if (typeof v === 'number') return Number.isNaN(v) ? [RANK.number, -Infinity] : [RANK.number, v];
  if (typeof v === 'string') return [RANK.string, v];
  if (typeof v === 'boolean') return [RANK.boolean, v ? 1 : 0];
  if (v instanceof Date) return [RANK.date, v.getTime()];
  return [RANK.other, encodeRecord(v)];
}

/** Values an equality lookup may seek (others are left to a scan). */
export function seekable(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date || (typeof v === 'number' && !Number.isNaN(v));
}

/** All values reachable by a dotted path, MongoDB-style (arrays on the way are traversed; an array leaf yields its elements). */
function pathValues(doc: unknown, fieldPath: string): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown, parts: string[], i: number): void => {
    if (i === parts.length) {
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
      return;
    }
    if (Array.isArray(v)) {
      for (const el of v) if (isPlainObject(el)) walk(el, parts, i);
      return;
    }
    if (isPlainObject(v)) walk(v[parts[i]], parts, i + 1);
    else out.push(undefined);
  };
  walk(doc, fieldPath.split('.'), 0);
  return out;
}

function rawPath(doc: Doc, fieldPath: string): unknown {
  let v: unknown = doc;
  for (const p of fieldPath.split('.')) {
    if (!isPlainObject(v)) return undefined;
    v = v[p];
  }
  return v;
}

function cmpId(a: Id, b: Id): number {
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** One part of a seek bound: a value, or the start (-1) / end (+1) of a type's values. */
export interface BoundPart {
  r: number;
  v?: number | string;
  edge?: -1 | 1;
}

// ---------------------------------------------------------------- sorted blocks

const BLOCK = 1024;

/** Position in the block list. */
interface Pos {
  b: number;
  i: number;
}

class SortedBlocks {
  blocks: Entry[][] = [];
  size = 0;

  constructor(private readonly cmp: (a: Entry, b: Entry) => number) {}

  /** First position whose entry is NOT `before` (before must be true…true,false…false). */
  seek(before: (e: Entry) => boolean): Pos {
    const bl = this.blocks;
    let lo = 0;
    let hi = bl.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const blk = bl[mid];
      if (before(blk[blk.length - 1])) lo = mid + 1;
      else hi = mid;
    }
    if (lo === bl.length) return { b: bl.length, i: 0 };
    const blk = bl[lo];
    let a = 0;
    let z = blk.length;
    while (a < z) {
      const mid = (a + z) >> 1;
      if (before(blk[mid])) a = mid + 1;
      else z = mid;
    }
    return { b: lo, i: a };
  }

  insert(e: Entry): void {
    this.size++;
    if (this.blocks.length === 0) {
      this.blocks.push([e]);
      return;
    }
    const p = this.seek((x) => this.cmp(x, e) < 0);
    const b = p.b === this.blocks.length ? this.blocks.length - 1 : p.b;
    const blk = this.blocks[b];
    const i = p.b === this.blocks.length ? blk.length : p.i;
    blk.splice(i, 0, e);
    if (blk.length > 2 * BLOCK) this.blocks.splice(b, 1, blk.slice(0, BLOCK), blk.slice(BLOCK));
  }

  remove(e: Entry): boolean {
    const p = this.seek((x) => this.cmp(x, e) < 0);
    const blk = this.blocks[p.b];
    if (!blk || p.i >= blk.length || this.cmp(blk[p.i], e) !== 0) return false;
    blk.splice(p.i, 1);
    if (blk.length === 0) this.blocks.splice(p.b, 1);
    this.size--;
    return true;
  }

  /** Number of entries in [from, to). */
  count(from: Pos, to: Pos): number {
    if (from.b > to.b || (from.b === to.b && from.i >= to.i)) return 0;
    if (from.b === to.b) return to.i - from.i;
    let n = this.blocks[from.b].length - from.i;
    for (let b = from.b + 1; b < to.b && b < this.blocks.length; b++) n += this.blocks[b].length;
    return n + (to.b < this.blocks.length ? to.i : 0);
  }

  /** Entries of [from, to), forward or backward. */
  *scan(from: Pos, to: Pos, reverse: boolean): Generator<Entry> {
    if (!reverse) {
      let { b, i } = from;
      while (b < to.b || (b === to.b && i < to.i)) {
        const blk = this.blocks[b];
        if (!blk) return;
        if (i >= blk.length) {
          b++;
          i = 0;
          continue;
        }
        yield blk[i++];
      }
      return;
    }
    // backward: start just before `to`
    let b = to.b;
    let i = to.i - 1;
    for (;;) {
      if (i < 0) {
        b--;
        if (b < 0) return;
        i = this.blocks[b].length - 1;
        continue;
      }
      if (b < from.b || (b === from.b && i < from.i)) return;
      const blk = this.blocks[b];
      if (!blk) {
        i = -1;
        continue;
      }
      yield blk[i--];
    }
  }
}

// ---------------------------------------------------------------- the index

export interface Interval {
  from: Pos;
  to: Pos;
  size: number;
}

export class Index {
  readonly fields: string[];
  readonly dirs: number[];
  readonly first: string;
  private readonly entries: SortedBlocks;
  private readonly uniq = new Map<string, Id>();

  constructor(
    readonly collection: string,
    readonly spec: IndexSpec,
  ) {
    this.fields = Object.keys(spec.keys);
    this.dirs = this.fields.map((f) => (spec.keys[f] === -1 ? -1 : 1));
    this.first = this.fields[0];
    this.entries = new SortedBlocks((a, b) => this.cmpKeys(a.k, b.k, this.fields.length) || cmpId(a.id, b.id));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Compares the first n parts of two keys in index order. */
  cmpKeys(a: Key, b: Key, n: number, fromPart = 0): number {
    for (let p = fromPart; p < n; p++) {
      const ra = a[2 * p] as number;
      const rb = b[2 * p] as number;
      if (ra !== rb) return (ra < rb ? -1 : 1) * this.dirs[p];
      const va = a[2 * p + 1];
      const vb = b[2 * p + 1];
      if (va !== vb) return (va < vb ? -1 : 1) * this.dirs[p];
    }
    return 0;
  }

  /** Sign of (key − bound) in index order over the bound's parts. */
  private cmpBound(k: Key, bound: BoundPart[]): number {
    for (let p = 0; p < bound.length; p++) {
      const bp = bound[p];
      const r = k[2 * p] as number;
      let c: number;
      if (r !== bp.r) c = r < bp.r ? -1 : 1;
      else if (bp.edge) c = -bp.edge;
      else {
        const v = k[2 * p + 1];
        c = v === bp.v ? 0 : (v as number | string) < (bp.v as number | string) ? -1 : 1;
      }
      if (c !== 0) return c * this.dirs[p];
    }
    return 0;
  }

  /** The entries whose first parts lie between `start` and `end` (both in index order). */
  interval(start: BoundPart[], startInclusive: boolean, end: BoundPart[], endInclusive: boolean): Interval {
    const from = this.entries.seek((e) => {
      const c = this.cmpBound(e.k, start);
      return startInclusive ? c < 0 : c <= 0;
    });
    const to = this.entries.seek((e) => {
      const c = this.cmpBound(e.k, end);
      return endInclusive ? c <= 0 : c < 0;
    });
    return { from, to, size: this.entries.count(from, to) };
  }

  scan(iv: Interval, reverse: boolean): Generator<Entry> {
    return this.entries.scan(iv.from, iv.to, reverse);
  }

  /** Every key tuple of a document (more than one when a field holds an array). */
  keysOf(doc: Doc): Key[] {
    let keys: Key[] = [[]];
    for (const f of this.fields) {
      let values = pathValues(doc, f);
      if (values.length === 0) values = [null];
      const parts = new Map<string, [number, number | string]>();
      for (const v of values) {
        const part = keyPart(v);
        parts.set(`${part[0]}:${typeof part[1]}:${String(part[1])}`, part);
      }
      const next: Key[] = [];
      for (const k of keys) for (const part of parts.values()) next.push([...k, part[0], part[1]]);
      keys = next;
    }
    return keys;
  }

  private uniqueKeyOf(doc: Doc): string {
    const parts: string[] = [];
    for (const f of this.fields) {
      const part = keyPart(rawPath(doc, f)); // missing or null: keyed as null, like MongoDB
      parts.push(`${part[0]}:${String(part[1])}`);
    }
    return JSON.stringify(parts);
  }

  /** Throws the cloud's duplicate-key error if `doc` would violate this unique index. */
  check(doc: Doc): void {
    if (!this.spec.unique) return;
    const k = this.uniqueKeyOf(doc);
    const owner = this.uniq.get(k);
    if (owner !== undefined && owner !== doc._id) {
      const dup = this.fields.map((f) => `${f}: ${JSON.stringify(rawPath(doc, f) ?? null)}`).join(', ');
      throw new CloudError(
        'DATABASE_REQUEST_FAILED',
        `[FailedOperation] E11000 duplicate key error collection: ${this.collection} index: ${this.spec.name} dup key: { ${dup} }`,
      );
    }
  }

  /** Re-keys a document: `old` (or undefined) → `doc` (or undefined). Unchanged keys are not touched. */
  update(id: Id, old: Doc | undefined, doc: Doc | undefined): void {
    const before = old ? this.keysOf(old) : [];
    const after = doc ? this.keysOf(doc) : [];
    const sig = (k: Key): string => k.map((x) => `${typeof x}:${String(x)}`).join('\u0001');
    const afterSigs = new Set(after.map(sig));
    const beforeSigs = new Set(before.map(sig));
    for (const k of before) if (!afterSigs.has(sig(k))) this.entries.remove({ k, id });
    for (const k of after) if (!beforeSigs.has(sig(k))) this.entries.insert({ k, id });
    if (this.spec.unique) {
      const u0 = old ? this.uniqueKeyOf(old) : null;
      if (u0 !== null && this.uniq.get(u0) === id) this.uniq.delete(u0);
      const u1 = doc ? this.uniqueKeyOf(doc) : null;
      if (u1 !== null) this.uniq.set(u1, id);
    }
  }
}
