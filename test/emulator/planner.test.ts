/**
 * The query planner against a brute-force reference: compound index prefixes (equality / $in on the
 * leading keys, then a range or the sort on the next), early stop under a limit when the index order
 * gives the sort, and documents examined that reflect what a real index reads.
 */
import fs from 'fs';
import { EJSON } from 'bson';
import { Query } from 'mingo';
import { Database } from '../../emulator/db';
import { type Doc } from '../../emulator/ejson';
import { Store } from '../../emulator/store';
import { tmpDir } from './helpers';

const schema = {
  collections: {
    items: {
      indexes: [
        { name: 'owner_t', keys: { owner: 1, t: -1, _id: -1 } },
        { name: 'unit_status_t', keys: { unit: 1, status: 1, t: -1, _id: -1 } },
        { name: 'status_t', keys: { status: 1, t: -1, _id: -1 } },
        { name: 'score', keys: { score: 1 } },
        { name: 'parent', keys: { parent: 1 } },
      ],
    },
  },
};

const STATUSES = ['a', 'b', 'c', 'd'];
let dir: string;
let store: Store;
let db: Database;
let docs: Doc[];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

beforeAll(async () => {
  dir = tmpDir('planner');
  store = new Store(schema as never, dir);
  db = new Database(store);
  const r = rng(7);
  docs = [];
  for (let i = 0; i < 3000; i++) {
    docs.push({
      _id: `id${String(i).padStart(5, '0')}`,
      owner: `o${Math.floor(r() * 40)}`,
      unit: r() < 0.1 ? null : `u${Math.floor(r() * 8)}`,
      status: STATUSES[Math.floor(r() * 4)],
      t: 1_000_000 + Math.floor(r() * 500), // many ties: the _id settles the order
      score: Math.floor(r() * 100),
      ...(r() < 0.5 ? { parent: null } : r() < 0.5 ? {} : { parent: `p${Math.floor(r() * 3)}` }),
    });
  }
  for (let i = 0; i < docs.length; i += 500) {
    const out = await db.handle({
      action: 'database.insertDocument',
      collectionName: 'items',
      data: docs.slice(i, i + 500).map((d) => JSON.stringify(d)),
    });
    expect(out.code).toBeUndefined();
  }
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Got {
  ids: string[];
  examined: number;
}

async function get(query: Doc, order?: Record<string, 1 | -1>, limit = 100): Promise<Got> {
  const meter = { roundTrips: 0, queries: 0, docsExamined: 0, docsReturned: 0 };
  const out = (await db.handle(
    {
      action: 'database.getDocument',
      collectionName: 'items',
      queryType: 'WHERE',
      query: EJSON.stringify(query),
      order: order ? JSON.stringify(order) : undefined,
      limit,
    },
    meter,
  )) as { data: { list: string[] } };
  return { ids: out.data.list.map((s) => (EJSON.parse(s) as { _id: string })._id), examined: meter.docsExamined };
}

function reference(query: Doc, order: Record<string, 1 | -1> | undefined, limit: number): string[] {
  let c = new Query(query).find<Doc>(docs);
  if (order) c = c.sort(order);
  return c
    .limit(limit)
    .all()
    .map((d) => d._id as string);
}

const page = { t: -1, _id: -1 } as const;
const after = (t: number, id: string): Doc => ({ $or: [{ t: { $lt: t } }, { t, _id: { $lt: id } }] });

test('list pages by owner, unit + status $in, and status $in: same answer as a full scan, one page examined', async () => {
  const queries: Doc[] = [
    { owner: 'o3' },
    { unit: 'u2', status: { $in: ['a', 'c'] } },
    { status: { $in: ['b', 'd'] } },
    { unit: 'u5', status: 'b' },
  ];
  for (const q of queries) {
    let cursor: Doc | null = null;
    let cursorT = -1;
    for (let n = 0; n < 4; n++) {
      const query: Doc = cursor ? { $and: [q, cursor] } : q;
      const got = await get(query, page, 11);
      expect(got.ids).toEqual(reference(query, page, 11));
      // the page, plus (after a cursor) the documents of the previous page that share the cursor's
      // time: the $or bounds t ≤ T, not (t, _id) < (T, id). With millisecond times that is the cursor's own row.
      const ties = new Query(q)
        .find<Doc>(docs)
        .all()
        .filter((d) => d.t === cursorT).length;
      expect(got.examined).toBeLessThanOrEqual(got.ids.length + (cursor ? ties : 0));
      if (got.ids.length < 11) break;
      const last = docs.find((d) => d._id === got.ids[9])!;
      cursorT = last.t as number;
      cursor = after(cursorT, last._id as string);
    }
  }
});

test('a filter the index does not hold is tested on every document read; without a limit every candidate is read', async () => {
  const q = { unit: 'u1', status: { $in: ['a', 'b'] }, score: { $gt: 50 } }; // score is not in the index
  const got = await get(q, page, 11);
  expect(got.ids).toEqual(reference(q, page, 11));
  const inBounds = docs.filter((d) => d.unit === 'u1' && (d.status === 'a' || d.status === 'b'));
  // read in index order until 11 matched: every rejected document counts
  const ordered = new Query({ unit: 'u1', status: { $in: ['a', 'b'] } }).find<Doc>(docs).sort(page).all();
  const lastHit = ordered.findIndex((d) => d._id === got.ids[got.ids.length - 1]);
  expect(got.examined).toBe(lastHit + 1);

  // without a sort, a limit still stops the scan (any 11 matches will do, as in MongoDB)
  const unsorted = await get(q, undefined, 11);
  expect(unsorted.ids).toHaveLength(11);
  expect(unsorted.examined).toBeLessThan(inBounds.length);
  // without a limit (a count), every entry in the bounds is read
  const meter = { roundTrips: 0, queries: 0, docsExamined: 0, docsReturned: 0 };
  await db.handle({ action: 'database.calculateDocument', collectionName: 'items', query: JSON.stringify(q) }, meter);
  expect(meter.docsExamined).toBe(inBounds.length);

  const unindexed = await get({ t: 1_000_100 });
  expect(unindexed.examined).toBe(docs.length);
});

test('ranges on a later key, reverse scans, null keys and random queries agree with the reference', async () => {
  const r = rng(11);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  for (let i = 0; i < 200; i++) {
    const q: Doc = {};
    if (r() < 0.5) q.unit = r() < 0.2 ? null : `u${Math.floor(r() * 8)}`;
    if (r() < 0.5) q.status = r() < 0.5 ? pick(STATUSES) : { $in: [pick(STATUSES), pick(STATUSES)] };
    if (r() < 0.4) q.owner = `o${Math.floor(r() * 40)}`;
    if (r() < 0.4)
      q.t = { [pick(['$gt', '$gte'])]: 1_000_000 + Math.floor(r() * 500), [pick(['$lt', '$lte'])]: 1_000_000 + Math.floor(r() * 500) };
    if (r() < 0.2) q.score = { $gte: Math.floor(r() * 100) };
    if (r() < 0.2) q.parent = pick([null, 'p1', { $in: [null, 'p2'] }]);
    const dir = r() < 0.5 ? 1 : -1;
    const order = r() < 0.8 ? ({ t: dir, _id: dir } as Record<string, 1 | -1>) : undefined;
    const limit = pick([1, 5, 11, 100]);
    const query = r() < 0.3 && order ? { $and: [q, after(1_000_000 + Math.floor(r() * 500), `id0${Math.floor(r() * 3000)}`)] } : q;
    const got = await get(query, order, limit);
    const want = reference(query, order, limit);
    if (order) expect(got.ids).toEqual(want);
    else {
      // no sort: any `limit` of the matches
      const all = new Set(reference(query, undefined, docs.length));
      expect(got.ids).toHaveLength(want.length);
      expect(got.ids.every((id) => all.has(id))).toBe(true);
    }
  }
});

test('writes keep the index in order: moved, removed and re-added documents', async () => {
  // move 200 documents to another unit/status, delete 100
  for (let i = 0; i < 200; i++) {
    const d = docs[i * 7];
    d.unit = 'u0';
    d.status = 'a';
    d.t = (d.t as number) + 1;
    await db.handle({
      action: 'database.modifyDocument',
      collectionName: 'items',
      queryType: 'DOC',
      query: JSON.stringify({ _id: d._id }),
      data: JSON.stringify({ $set: { unit: 'u0', status: 'a', t: d.t } }),
      multi: false,
      merge: true,
    });
  }
  const removed = new Set(docs.filter((_d, i) => i % 29 === 0).map((d) => d._id));
  await db.handle({
    action: 'database.removeDocument',
    collectionName: 'items',
    queryType: 'WHERE',
    query: JSON.stringify({ _id: { $in: [...removed] } }),
    multi: true,
  });
  docs = docs.filter((d) => !removed.has(d._id));
  for (const q of [{ unit: 'u0', status: 'a' }, { status: { $in: ['a', 'b'] } }, { owner: 'o7' }]) {
    const got = await get(q, page, 50);
    expect(got.ids).toEqual(reference(q, page, 50));
    expect(got.examined).toBeLessThanOrEqual(50);
  }
  const { data } = (await db.handle({
    action: 'database.calculateDocument',
    collectionName: 'items',
    query: JSON.stringify({ unit: 'u0', status: 'a' }),
  })) as { data: { total: number } };
  expect(data.total).toBe(docs.filter((d) => d.unit === 'u0' && d.status === 'a').length);
});
