/**
 * EJSON as CloudBase speaks it. The SDK (@cloudbase/database) sends queries, updates and documents as
 * canonical EJSON strings made by `bson` 4.x; we parse them with the same package and normalise the
 * result into plain JS values that mingo understands (numbers, strings, Date, RegExp, arrays, objects).
 */
import { EJSON, BSONRegExp } from 'bson';

export type Id = string | number;
export type Doc = { [key: string]: unknown };

/** A plain object (from any realm: jest runs tests in a vm context). */
export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Parse an EJSON string from the SDK; `now` is the request's server time (for db.serverDate()). */
export function decode(text: unknown, now: Date): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return normalize(text, now);
  return normalize(EJSON.parse(text, { relaxed: true }), now);
}

function normalize(v: unknown, now: Date): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date || v instanceof RegExp) return v;
  if (v instanceof BSONRegExp) return new RegExp(v.pattern, v.options.replace(/[^imsu]/g, ''));
  if (Array.isArray(v)) return v.map((x) => normalize(x, now));
  if (!isPlainObject(v)) {
    // Other BSON types (ObjectId, Long, Decimal128, Binary…) do not occur in this project's data;
    // keep them readable rather than failing.
    const bsonType = (v as { _bsontype?: string })._bsontype;
    if (bsonType === 'ObjectId' || bsonType === 'ObjectID') return String((v as { toHexString(): string }).toHexString());
    if (bsonType === 'Long' || bsonType === 'Int32' || bsonType === 'Double') return Number(String(v));
    return String(v);
  }
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = normalize(v.$tcb_server_date, now) as { offset?: number } | undefined;
    return new Date(now.getTime() + (spec && typeof spec.offset === 'number' ? spec.offset : 0));
  }
  const out: Doc = {};
  for (const k of keys) out[k] = normalize(v[k], now);
  return out;
}

/** A document as the SDK expects it in `list` (canonical EJSON, which the SDK parses back). */
export function encodeDoc(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false });
}

/** Journal encoding: relaxed EJSON keeps Dates and numbers exactly and stays readable. */
export function encodeRecord(record: unknown): string {
  return EJSON.stringify(record as Doc, { relaxed: true });
}

/** Deep copy of plain data keeping Dates and RegExps (objects stay in this realm, unlike structuredClone). */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  if (Array.isArray(v)) return v.map((x: unknown) => clone(x)) as T;
  if (!isPlainObject(v)) return v;
  const out: Doc = {};
  for (const k of Object.keys(v)) out[k] = clone(v[k]);
  return out as T;
}
