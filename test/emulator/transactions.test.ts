/** Transactions through the real SDK: all-or-nothing, optimistic conflicts, doc-only rule. */
import { Cloud, getJson, post, sdkError, useSdkEmulator, type SdkEmulator } from './helpers';

let emu: SdkEmulator['emu'];
let db: ReturnType<Cloud['database']>;
type Tx = { collection(name: string): ReturnType<ReturnType<Cloud['database']>['collection']> };
type Counter = { _id: string; n: number };

const dump = (): Promise<unknown> => getJson(`${emu.url}/dev/dump`);
const admin = (body: Record<string, unknown>): Promise<Record<string, unknown>> => post(`${emu.url}/admin`, body) as Promise<Record<string, unknown>>;

useSdkEmulator((e) => ({ emu, db } = e));
beforeEach(async () => {
  await db.collection('counters').doc('c1').set({ data: { n: 0 } });
  await db.collection('counters').doc('c2').set({ data: { n: 10 } });
});

test('a committed transaction applies every write', async () => {
  const _ = db.command;
  const out = await db.runTransaction(async (tx: Tx) => {
    const c1 = ((await tx.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data;
    await tx.collection('counters').doc('c1').update({ data: { n: _.inc(5) } });
    await tx.collection('counters').doc('c2').remove();
    await tx.collection('counters').doc('c3').set({ data: { n: 3 } });
    const added = (await tx.collection('people').add({ data: { name: 'in-tx', age: 1, city: 'T' } })) as unknown as { _id: string };
    // reads inside the transaction see its own writes
    const seen = ((await tx.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data;
    return { before: c1.n, seen: seen.n, added: added._id };
  });
  expect(out).toMatchObject({ before: 0, seen: 5 });
  expect(((await db.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data.n).toBe(5);
  expect(((await db.collection('counters').where({ _id: 'c2' }).get()) as unknown as { data: Counter[] }).data).toEqual([]);
  expect(((await db.collection('counters').doc('c3').get()) as unknown as { data: Counter }).data.n).toBe(3);
  expect(((await db.collection('people').doc((out as { added: string }).added).get()) as unknown as { data: { name: string } }).data.name).toBe('in-tx');
});

test('an error thrown inside runTransaction leaves nothing behind', async () => {
  const before = await dump();
  await expect(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('counters').doc('c1').update({ data: { n: 99 } });
      await tx.collection('counters').doc('c2').remove();
      await tx.collection('people').add({ data: { name: 'ghost', age: 1, city: 'T' } });
      throw new Error('business rule failed');
    }),
  ).rejects.toThrow('business rule failed');
  expect(await dump()).toEqual(before);
});

test('a failing write at commit (unique violation) leaves nothing behind', async () => {
  await db.collection('people').add({ data: { name: 'a', email: 'a@x', age: 1, city: 'T' } });
  const before = await dump();
  await expect(
    db.runTransaction(async (tx: Tx) => {
      await tx.collection('counters').doc('c1').update({ data: { n: 1 } });
      await tx.collection('people').add({ data: { name: 'b', email: 'a@x', age: 2, city: 'T' } });
    }),
  ).rejects.toMatchObject({ message: expect.stringContaining('E11000') });
  expect(await dump()).toEqual(before);
});

test('doc().update of a missing document inside a transaction fails; where() is refused', async () => {
  const e = await sdkError(() => db.runTransaction(async (tx: Tx) => tx.collection('counters').doc('missing').update({ data: { n: 1 } })));
  expect(e.errCode).toBe(-502001);
  const start = await admin({ action: 'database.startTransaction' });
  const where = await admin({ action: 'database.getDocument', collectionName: 'counters', queryType: 'WHERE', query: '{}', transactionId: start.transactionId });
  expect(where.code).toBe('DATABASE_REQUEST_FAILED');
  const undeclared = await admin({ action: 'database.getDocument', collectionName: 'nope', queryType: 'DOC', query: '{"_id":"x"}', transactionId: start.transactionId });
  expect(undeclared.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  await admin({ action: 'database.abortTransaction', transactionId: start.transactionId });
});

test('conflicting transactions: the later commit conflicts, the SDK retries, no update is lost', async () => {
  let attemptsA = 0;
  let release!: () => void;
  const bDone = new Promise<void>((r) => (release = r));
  const a = db.runTransaction(async (tx: Tx) => {
    attemptsA++;
    const c = ((await tx.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data;
    if (attemptsA === 1) await bDone; // B commits while A holds a stale read
    await tx.collection('counters').doc('c1').update({ data: { n: c.n + 1 } });
  });
  await db.runTransaction(async (tx: Tx) => {
    const c = ((await tx.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data;
    await tx.collection('counters').doc('c1').update({ data: { n: c.n + 1 } });
  });
  release();
  await a;
  expect(attemptsA).toBe(2);
  expect(((await db.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data.n).toBe(2);
  const stats = await getJson<{ transactions: { conflicts: number; committed: number } }>(`${emu.url}/dev/stats`);
  expect(stats.transactions).toMatchObject({ conflicts: 1, committed: 2 });
});

test('a plain write to a document read by an open transaction makes its commit conflict', async () => {
  const { transactionId } = await admin({ action: 'database.startTransaction' });
  const read = await admin({ action: 'database.getDocument', collectionName: 'counters', queryType: 'DOC', query: '{"_id":"c2"}', transactionId });
  expect((read.data as { list: string[] }).list).toHaveLength(1);
  await admin({ action: 'database.modifyDocument', collectionName: 'counters', queryType: 'DOC', query: '{"_id":"c2"}', transactionId, data: '{"$set":{"n":{"$numberInt":"11"}}}', merge: true, multi: false, upsert: false });
  await db.collection('counters').doc('c2').update({ data: { n: 50 } });
  const commit = await admin({ action: 'database.commitTransaction', transactionId });
  expect(commit.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(((await db.collection('counters').doc('c2').get()) as unknown as { data: Counter }).data.n).toBe(50);
});
