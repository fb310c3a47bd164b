/**
 * Typed access to the database through the real wx-server-sdk. The SDK's own typings return
 * `Promise | void | string`; these helpers narrow once so actions stay typed.
 */
import { db, _ } from './cloud';
import { AppError } from './errors';

export type Collection =
  | 'users'
  | 'regions'
  | 'units'
  | 'cards'
  | 'invites'
  | 'setup_codes'
  | 'routing_rules'
  | 'deadline_policies'
  | 'requests'
  | 'settings'
  | 'notifications'
  | 'counters'
  | 'calendar_days'
  | 'rate_limits'
  | 'surveys'
  | 'survey_responses'
  | 'survey_tallies'
  // 党代表 (S9): representatives, working groups, opinions, visits, group activities, proposals
  | 'reps'
  | 'rep_groups'
  | 'rep_opinions'
  | 'rep_visits'
  | 'rep_activities'
  | 'rep_proposals'
  | 'consultations'
  | 'consult_votes'
  | 'consult_comments'
  // 接访、约访 (S4): roster rules, sensitive periods, monthly rosters, published reception days
  | 'meet_rules'
  | 'meet_periods'
  | 'meet_rosters'
  | 'meet_days'
  // 党员志愿服务 (S6): members and their cards, paired residents, the minute of duties
  | 'volunteers'
  | 'vol_pairs'
  | 'vol_duties'
  // 干部履职 (S1–S3, S5, S8)
  | 'duty_rules'
  | 'duty_tallies'
  | 'duty_records'
  | 'contact_points'
  // teams by skill, their activities, sign-ups and check-ins (S6.2, S6.3)
  | 'vol_teams'
  | 'vol_activities'
  | 'vol_signups'
  | 'vol_checkins'
  // 约访 (S4.4): leaders' slots and residents' bookings
  | 'meet_slots'
  | 'meet_bookings'
  // 报到 and posts (S6.3)
  | 'vol_posts'
  | 'vol_post_claims'
  // S8 relief pairs
  | 'duty_reliefs'
  // 包案 (S4.5): key cases given to county leaders
  | 'meet_cases'
  // 下访 (S4.3): the rules per level, each cadre's month of visits
  | 'visit_rules'
  | 'down_visits'
  // S3 grassroots training postings
  | 'duty_postings';

/** A query: field conditions, or a logic command (`_.and`, `_.or`). */
export type Where = Record<string, unknown> | ReturnType<typeof _.and>;

interface QueryResult {
  data: unknown[];
}
interface UpdateResult {
  stats: { updated: number };
}

function asList<T>(res: unknown): T[] {
  const data = (res as QueryResult | undefined)?.data;
  return Array.isArray(data) ? (data as T[]) : [];
}

/** One document by _id, or null. A where() query so a missing document is not an error. */
export async function getById<T>(coll: Collection, id: string): Promise<T | null> {
  const res = await db.collection(coll).where({ _id: id }).limit(1).get();
  return asList<T>(res)[0] ?? null;
}

/** A server-side get returns at most this many documents. */
const MAX_PAGE = 100;

/**
 * Up to `limit` (≤ MAX_PAGE) documents. Every caller names its bound: a read that may match more
 * than a page uses findAll, or a cursor page.
 */
export async function findMany<T>(
  coll: Collection,
  where: Where,
  opts: { orderBy?: [string, 'asc' | 'desc'][]; limit: number; fields?: Record<string, boolean> },
): Promise<T[]> {
  let q = db.collection(coll).where(where);
  for (const [f, dir] of opts.orderBy ?? []) q = q.orderBy(f, dir);
  if (opts.fields) q = q.field(opts.fields);
  const res = await q.limit(Math.min(opts.limit, MAX_PAGE)).get();
  return asList<T>(res);
}

/** Every matching document, page by page in _id order (a server-side get returns at most MAX_PAGE). */
export async function findAll<T extends { _id: string }>(
  coll: Collection,
  where: Where = {},
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const all: T[] = [];
  let last: string | null = null;
  for (;;) {
    const after = { _id: _.gt(last) };
    const cond: Where =
      last === null ? where : Object.getPrototypeOf(where) === Object.prototype ? { ...where, ...after } : _.and([where, after]);
    const page: T[] = await findMany<T>(coll, cond, { orderBy: [['_id', 'asc']], limit: MAX_PAGE, ...(fields ? { fields } : {}) });
    all.push(...page);
    if (page.length < MAX_PAGE) return all;
    last = page[page.length - 1]!._id;
  }
}

export async function insert<T extends { _id: string }>(coll: Collection, doc: T): Promise<void> {
  await db.collection(coll).add({ data: doc });
}

/**
 * Compare-and-set: applies `update` only if the document still has `version`, and bumps the
 * version. Returns false when someone else changed it first.
 */
export async function casUpdate(coll: Collection, id: string, version: number, update: Record<string, unknown>): Promise<boolean> {
  const res = await db
    .collection(coll)
    .where({ _id: id, version })
    .update({ data: { ...update, version: _.inc(1) } });
  return (res as UpdateResult | undefined)?.stats?.updated === 1;
}

/** Cursor pagination by (createdAt desc, _id desc): stable under inserts, no skip(). */
export interface CursorKey {
  t: number;
  id: string;
}

function encodeCursor(k: CursorKey): string {
  return Buffer.from(JSON.stringify([k.t, k.id])).toString('base64url');
}

/** The position a cursor names; none for the first page. A cursor this code did not write is bad input. */
export function decodeCursor(c: string | undefined): CursorKey | null {
  if (!c) return null;
  let v: unknown = null;
  try {
    v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    v = null;
  }
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && Number.isFinite(v[0]) && typeof v[1] === 'string')
    return { t: v[0], id: v[1] };
  throw new AppError('INVALID_INPUT', '翻页位置不正确，请刷新列表后重试');
}

/** A cursor of a list read in _id order: the last _id shown (opaque to the app, like every list's cursor). */
export const idCursor = (id: string): string => Buffer.from(id).toString('base64url');

/** The _id an idCursor names; none for the first page. Anything else is bad input. */
export function afterId(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new AppError('INVALID_INPUT', '翻页位置不正确，请刷新列表后重试');
  return id;
}

/** The order of a cursor-paginated list: one field, ties broken by _id in the same direction. */
export interface Sort {
  field: string;
  dir: 'asc' | 'desc';
}
const NEWEST_FIRST: Sort = { field: 'createdAt', dir: 'desc' };

export async function findPage<T extends { _id: string }>(
  coll: Collection,
  where: Where,
  cursor: CursorKey | null,
  pageSize: number,
  fields?: Record<string, boolean>,
  sort: Sort = NEWEST_FIRST,
): Promise<{ items: T[]; cursor: string | null }> {
  const past = sort.dir === 'desc' ? _.lt : _.gt;
  const cond = cursor ? _.and([where, _.or([{ [sort.field]: past(cursor.t) }, { [sort.field]: cursor.t, _id: past(cursor.id) }])]) : where;
  let q = db.collection(coll).where(cond).orderBy(sort.field, sort.dir).orderBy('_id', sort.dir);
  if (fields) q = q.field(fields);
  const res = await q.limit(pageSize + 1).get();
  const rows = asList<T>(res);
  const items = rows.slice(0, pageSize);
  const last = items[items.length - 1] as (T & Record<string, unknown>) | undefined;
  const key = last?.[sort.field];
  return { items, cursor: rows.length > pageSize && last && typeof key === 'number' ? encodeCursor({ t: key, id: last._id }) : null };
}

/** The slice of the SDK's transaction object the code uses (its own typing is `any`): doc() operations only. */
export interface TxLike {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>;
      update(opts: { data: object }): Promise<unknown>;
      set(opts: { data: object }): Promise<unknown>;
    };
  };
}

export { db, _ };
