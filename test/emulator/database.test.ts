/** The real wx-server-sdk against the emulator: CRUD, operators, errors, index use. */
import { type CollectionStats } from '../../emulator/db';
import { type Cloud, getJson, post, sdkError, useSdkEmulator, type SdkEmulator } from './helpers';

type Person = {
  _id: string;
  name: string;
  email?: string;
  age: number;
  city: string;
  tags?: string[];
  joined?: Date;
  n?: number;
  [k: string]: unknown;
};

let emu: SdkEmulator['emu'];
let db: ReturnType<Cloud['database']>;

const people = (): ReturnType<typeof db.collection> => db.collection('people');
const stats = async (): Promise<Record<string, CollectionStats>> =>
  (await getJson<{ collections: Record<string, CollectionStats> }>(`${emu.url}/dev/stats`)).collections;

useSdkEmulator((e) => ({ emu, db } = e));

beforeEach(async () => {
  const rows: Omit<Person, '_id'>[] = [];
  const cities = ['A', 'B', 'C', 'D'];
  for (let i = 0; i < 20; i++)
    rows.push({
      name: `p${i}`,
      email: `p${i}@x.cn`,
      age: 20 + i,
      city: cities[i % 4],
      tags: i % 2 ? ['odd'] : ['even'],
      joined: new Date(Date.UTC(2024, 0, i + 1)),
    });
  await people().add({ data: rows });
  await post(`${emu.url}/dev/stats/reset`);
});

test('add, doc().get, serverDate and Date round trip', async () => {
  const before = Date.now();
  const { _id } = (await people().add({
    data: { name: 'x', age: 1, city: 'Z', at: db.serverDate(), when: new Date(Date.UTC(2020, 1, 2)) },
  })) as unknown as { _id: string };
  expect(_id).toMatch(/^[0-9a-f]{32}$/);
  const { data } = (await people().doc(_id).get()) as unknown as { data: Person };
  expect(data.when).toEqual(new Date(Date.UTC(2020, 1, 2)));
  expect(data.at).toBeInstanceOf(Date);
  expect((data.at as Date).getTime()).toBeGreaterThanOrEqual(before - 5);
  expect((data.at as Date).getTime()).toBeLessThanOrEqual(Date.now() + 5);
});

test('where with operators, orderBy, skip, limit, field', async () => {
  const _ = db.command;
  const r = (await people()
    .where({ age: _.gte(25).and(_.lt(35)), city: _.in(['A', 'B']) })
    .orderBy('age', 'desc')
    .skip(1)
    .limit(3)
    .field({ name: true, age: true })
    .get()) as unknown as { data: Person[] };
  expect(r.data.map((p) => p.age)).toEqual([32, 29, 28]);
  expect(Object.keys(r.data[0]).sort()).toEqual(['_id', 'age', 'name']);

  const or = (await people()
    .where(_.or([{ name: 'p1' }, { age: _.gt(37) }]))
    .get()) as unknown as { data: Person[] };
  expect(or.data.map((p) => p.name).sort()).toEqual(['p1', 'p18', 'p19']);

  const re = (await people()
    .where({ name: db.RegExp({ regexp: '^P1[0-2]$', options: 'i' }) })
    .get()) as unknown as { data: Person[] };
  expect(re.data.map((p) => p.name).sort()).toEqual(['p10', 'p11', 'p12']);

  const arr = (await people()
    .where({ tags: 'odd', joined: _.lt(new Date(Date.UTC(2024, 0, 5))) })
    .get()) as unknown as { data: Person[] };
  expect(arr.data.map((p) => p.name)).toEqual(['p1', 'p3']);

  const neq = (await people()
    .where({ city: _.neq('A'), age: _.nin([21, 22]) })
    .count()) as unknown as { total: number };
  expect(neq.total).toBe(13);

  const def = (await people().get()) as unknown as { data: Person[] };
  expect(def.data).toHaveLength(20); // SDK default limit 100
});

test('count and aggregate (match/group/sort/limit/project/count)', async () => {
  const _ = db.command;
  expect(((await people().where({ city: 'A' }).count()) as unknown as { total: number }).total).toBe(5);
  const $ = db.command.aggregate;
  const agg = (await people()
    .aggregate()
    .match({ age: _.gte(24) })
    .group({ _id: '$city', n: $.sum(1), oldest: $.max('$age') })
    .sort({ _id: 1 })
    .limit(3)
    .project({ _id: 1, n: 1, oldest: 1 })
    .end()) as unknown as { list: { _id: string; n: number; oldest: number }[] };
  expect(agg.list).toEqual([
    { _id: 'A', n: 4, oldest: 36 },
    { _id: 'B', n: 4, oldest: 37 },
    { _id: 'C', n: 4, oldest: 38 },
  ]);
  const cnt = (await people().aggregate().match({ city: 'B' }).count('total').end()) as unknown as { list: { total: number }[] };
  expect(cnt.list).toEqual([{ total: 5 }]);
});

test('update operators: inc, set, push, remove; doc().set replaces; remove', async () => {
  const _ = db.command;
  const upd = (await people()
    .where({ city: 'A' })
    .update({ data: { n: _.inc(2), tags: _.push('x'), 'meta.by': 'me', joined: _.remove() } })) as unknown as {
    stats: { updated: number };
  };
  expect(upd.stats.updated).toBe(5);
  const a = ((await people().where({ name: 'p0' }).get()) as unknown as { data: Person[] }).data[0];
  expect(a).toMatchObject({ n: 2, tags: ['even', 'x'], meta: { by: 'me' } });
  expect(a.joined).toBeUndefined();
  await people()
    .doc(a._id)
    .update({ data: { n: _.inc(5), meta: _.set({ replaced: true }) } });
  const a2 = ((await people().doc(a._id).get()) as unknown as { data: Person }).data;
  expect(a2).toMatchObject({ n: 7, meta: { replaced: true } });

  const set = (await people()
    .doc(a._id)
    .set({ data: { name: 'only', email: 'only@x.cn' } })) as unknown as { stats: { updated: number; created: number } };
  expect(set.stats).toEqual({ updated: 1, created: 0 });
  expect(((await people().doc(a._id).get()) as unknown as { data: Person }).data).toEqual({ _id: a._id, name: 'only', email: 'only@x.cn' });
  const created = (await people()
    .doc('new-id')
    .set({ data: { name: 'new', email: 'new@x.cn', age: 1 } })) as unknown as { stats: { updated: number; created: number } };
  expect(created.stats).toEqual({ updated: 0, created: 1 });

  const missing = (await people()
    .doc('missing')
    .update({ data: { n: 1 } })) as unknown as { stats: { updated: number } };
  expect(missing.stats.updated).toBe(0);

  const rm = (await people().where({ city: 'B' }).remove()) as unknown as { stats: { removed: number } };
  expect(rm.stats.removed).toBe(5);
  expect(((await people().count()) as unknown as { total: number }).total).toBe(16);
});

test('undeclared collection: -502005, on reads and writes', async () => {
  const w = await sdkError(() => db.collection('undeclared').add({ data: { a: 1 } }));
  expect(w.errCode).toBe(-502005);
  const r = await sdkError(() => db.collection('undeclared').where({ a: 1 }).get());
  expect(r.errCode).toBe(-502005);
});

test('unique index violation: -502001 E11000, nothing written; compound unique; a missing field is null', async () => {
  const e = await sdkError(() => people().add({ data: { name: 'dup', email: 'p3@x.cn', age: 1, city: 'Z' } }));
  expect(e.errCode).toBe(-502001);
  expect(e.errMsg).toContain('E11000 duplicate key');
  expect(((await people().count()) as unknown as { total: number }).total).toBe(20);

  // an update that would collide also fails
  const u = await sdkError(() =>
    people()
      .where({ name: 'p4' })
      .update({ data: { email: 'p5@x.cn' } }),
  );
  expect(u.errCode).toBe(-502001);

  // a missing field is keyed as null, as in MongoDB (云开发 has no sparse index): one document may lack it
  await people().add({ data: { name: 'ne1', age: 1, city: 'Z' } });
  const second = await sdkError(() => people().add({ data: { name: 'ne2', age: 1, city: 'Z' } }));
  expect(second.errMsg).toContain('dup key: { email: null }');
  const nulled = await sdkError(() => people().add({ data: { name: 'ne3', email: null, age: 1, city: 'Z' } }));
  expect(nulled.errCode).toBe(-502001);
  expect(((await people().count()) as unknown as { total: number }).total).toBe(21);

  const orders = db.collection('orders');
  await orders.add({ data: { owner: 'o1', no: 1 } });
  await orders.add({ data: { owner: 'o2', no: 1 } });
  const c = await sdkError(() => orders.add({ data: { owner: 'o1', no: 1 } }));
  expect(c.errCode).toBe(-502001);
});

test('documents examined: indexed equality / $in / range examine only candidates; unindexed scans all', async () => {
  await people().where({ email: 'p7@x.cn' }).get();
  let s = (await stats()).people;
  expect(s).toMatchObject({ queries: 1, indexedQueries: 1, docsExamined: 1, docsReturned: 1 });

  await post(`${emu.url}/dev/stats/reset`);
  await people().where({ city: 'C', name: 'p2' }).get(); // first key of city_age
  s = (await stats()).people;
  expect(s).toMatchObject({ docsExamined: 5, docsReturned: 1 });

  await post(`${emu.url}/dev/stats/reset`);
  const _ = db.command;
  await people()
    .where({ age: _.gt(30).and(_.lte(33)) })
    .get();
  s = (await stats()).people;
  expect(s).toMatchObject({ docsExamined: 3, docsReturned: 3, fullScans: 0 });

  await post(`${emu.url}/dev/stats/reset`);
  await people()
    .where({ age: _.in([20, 21, 99]) })
    .count();
  await sdkError(() => people().doc('nope').get());
  s = (await stats()).people;
  expect(s).toMatchObject({ queries: 2, docsExamined: 2 });

  await post(`${emu.url}/dev/stats/reset`);
  await people().where({ name: 'p7' }).get(); // no index on name
  s = (await stats()).people;
  expect(s).toMatchObject({ fullScans: 1, docsExamined: 20, docsReturned: 1 });

  await post(`${emu.url}/dev/stats/reset`);
  await people()
    .where(_.or([{ email: 'p1@x.cn' }, { age: 39 }]))
    .get(); // $or of indexed branches
  s = (await stats()).people;
  expect(s).toMatchObject({ docsExamined: 2, docsReturned: 2 });

  const all = await getJson<{ roundTrips: number }>(`${emu.url}/dev/stats`);
  expect(all.roundTrips).toBe(1);
});

test('/dev/dump returns every collection with dates as EJSON', async () => {
  const dump = await getJson<{ collections: Record<string, Record<string, unknown>[]> }>(`${emu.url}/dev/dump`);
  expect(Object.keys(dump.collections).sort()).toEqual(['counters', 'journal_test', 'orders', 'people']);
  expect(dump.collections.people).toHaveLength(20);
  expect(dump.collections.people[0].joined).toEqual({ $date: '2024-01-01T00:00:00Z' });
});
