/** Transactions through the real SDK: all-or-nothing, write locks and conflicts as in the cloud, doc-only rule. */
import { type Cloud, getJson, post, sdkError, useSdkEmulator, type SdkEmulator } from './helpers';

let emu: SdkEmulator['emu'];
let db: ReturnType<Cloud['database']>;
type Tx = { collection(name: string): ReturnType<ReturnType<Cloud['database']>['collection']> };
type Counter = { _id: string; n: number };

const dump = (): Promise<unknown> => getJson(`${emu.url}/dev/dump`);
const admin = (body: Record<string, unknown>): Promise<Record<string, unknown>> =>
  post(`${emu.url}/admin`, body) as Promise<Record<string, unknown>>;

useSdkEmulator((e) => ({ emu, db } = e));
beforeEach(async () => {
  await db
    .collection('counters')
    .doc('c1')
    .set({ data: { n: 0 } });
  await db
    .collection('counters')
    .doc('c2')
    .set({ data: { n: 10 } });
});

test('a committed transaction applies every write', async () => {
  const _ = db.command;
  const out = await db.runTransaction(async (tx: Tx) => {
    const c1 = ((await tx.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data;
    await tx
      .collection('counters')
      .doc('c1')
      .update({ data: { n: _.inc(5) } });
    await tx.collection('counters').doc('c2').remove();
    await tx
      .collection('counters')
      .doc('c3')
      .set({ data: { n: 3 } });
    const added = (await tx.collection('people').add({ data: { name: 'in-tx', age: 1, city: 'T' } })) as unknown as { _id: string };
    // reads inside the transaction see its own writes
    const seen = ((await tx.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data;
    return { before: c1.n, seen: seen.n, added: added._id };
  });
  expect(out).toMatchObject({ before: 0, seen: 5 });
  expect(((await db.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data.n).toBe(5);
  expect(((await db.collection('counters').where({ _id: 'c2' }).get()) as unknown as { data: Counter[] }).data).toEqual([]);
  expect(((await db.collection('counters').doc('c3').get()) as unknown as { data: Counter }).data.n).toBe(3);
  expect(
    (
      (await db
        .collection('people')
        .doc((out as { added: string }).added)
        .get()) as unknown as { data: { name: string } }
    ).data.name,
  ).toBe('in-tx');
});

test('an error thrown inside runTransaction leaves nothing behind', async () => {
  const before = await dump();
  await expect(
    db.runTransaction(async (tx: Tx) => {
      await tx
        .collection('counters')
        .doc('c1')
        .update({ data: { n: 99 } });
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
      await tx
        .collection('counters')
        .doc('c1')
        .update({ data: { n: 1 } });
      await tx.collection('people').add({ data: { name: 'b', email: 'a@x', age: 2, city: 'T' } });
    }),
  ).rejects.toMatchObject({ message: expect.stringContaining('E11000') });
  expect(await dump()).toEqual(before);
});

test('doc().update of a missing document inside a transaction fails; where() is refused', async () => {
  const e = await sdkError(() =>
    db.runTransaction(async (tx: Tx) =>
      tx
        .collection('counters')
        .doc('missing')
        .update({ data: { n: 1 } }),
    ),
  );
  expect(e.errCode).toBe(-502001);
  const start = await admin({ action: 'database.startTransaction' });
  const where = await admin({
    action: 'database.getDocument',
    collectionName: 'counters',
    queryType: 'WHERE',
    query: '{}',
    transactionId: start.transactionId,
  });
  expect(where.code).toBe('DATABASE_REQUEST_FAILED');
  const undeclared = await admin({
    action: 'database.getDocument',
    collectionName: 'nope',
    queryType: 'DOC',
    query: '{"_id":"x"}',
    transactionId: start.transactionId,
  });
  expect(undeclared.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  await admin({ action: 'database.abortTransaction', transactionId: start.transactionId });
});

test('a write to a document changed since the transaction started conflicts at once; nothing of it is written', async () => {
  let release!: () => void;
  const bDone = new Promise<void>((r) => (release = r));
  const a = db.runTransaction(async (tx: Tx) => {
    const c = ((await tx.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data;
    await tx.collection('people').add({ data: { name: 'from-a', email: 'a@x', age: 1, city: 'T' } });
    await bDone; // B commits while A holds a stale read
    await tx
      .collection('counters')
      .doc('c1')
      .update({ data: { n: c.n + 1 } });
  });
  await db.runTransaction(async (tx: Tx) => {
    const c = ((await tx.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data;
    await tx
      .collection('counters')
      .doc('c1')
      .update({ data: { n: c.n + 10 } });
  });
  release();
  // wx-server-sdk wraps the error thrown inside the callback (no `code`), so runTransaction does not
  // retry it: the caller sees the conflict, as it would in the cloud
  const e = await sdkError(() => a);
  expect(e.errMsg).toContain('TransactionConflict');
  expect(((await db.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data.n).toBe(10);
  expect(((await db.collection('people').where({ name: 'from-a' }).count()) as unknown as { total: number }).total).toBe(0);
  const stats = await getJson<{ transactions: { conflicts: number; committed: number } }>(`${emu.url}/dev/stats`);
  expect(stats.transactions).toMatchObject({ conflicts: 1, committed: 1 });
});

test('a write to a document another open transaction has written conflicts at once; the holder commits', async () => {
  const first = await admin({ action: 'database.startTransaction' });
  const second = await admin({ action: 'database.startTransaction' });
  const write = (transactionId: unknown, n: number): Promise<Record<string, unknown>> =>
    admin({
      action: 'database.modifyDocument',
      collectionName: 'counters',
      queryType: 'DOC',
      query: '{"_id":"c1"}',
      transactionId,
      data: `{"$set":{"n":{"$numberInt":"${n}"}}}`,
      merge: true,
      multi: false,
      upsert: false,
    });
  expect((await write(first.transactionId, 1)).code).toBeUndefined();
  expect((await write(second.transactionId, 2)).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  // the loser is aborted by its conflict
  expect((await admin({ action: 'database.commitTransaction', transactionId: second.transactionId })).code).toBe('DATABASE_REQUEST_FAILED');
  expect((await admin({ action: 'database.commitTransaction', transactionId: first.transactionId })).code).toBeUndefined();
  expect(((await db.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data.n).toBe(1);
});

test('a plain write to a document an open transaction holds waits for its commit; what it only read is not held', async () => {
  const { transactionId } = await admin({ action: 'database.startTransaction' });
  await admin({ action: 'database.getDocument', collectionName: 'counters', queryType: 'DOC', query: '{"_id":"c1"}', transactionId });
  await admin({
    action: 'database.modifyDocument',
    collectionName: 'counters',
    queryType: 'DOC',
    query: '{"_id":"c2"}',
    transactionId,
    data: '{"$set":{"n":{"$numberInt":"11"}}}',
    merge: true,
    multi: false,
    upsert: false,
  });
  // c1 was only read: a plain write goes through, and does not fail the transaction (snapshot reads)
  await db
    .collection('counters')
    .doc('c1')
    .update({ data: { n: 5 } });
  // c2 is held: the plain write waits
  let done = false;
  const plain = (
    db
      .collection('counters')
      .doc('c2')
      .update({ data: { n: 50 } }) as Promise<unknown>
  ).then(() => (done = true));
  await new Promise((r) => setTimeout(r, 300));
  expect(done).toBe(false);
  expect(((await db.collection('counters').doc('c2').get()) as unknown as { data: Counter }).data.n).toBe(10);
  const commit = await admin({ action: 'database.commitTransaction', transactionId });
  expect(commit.code).toBeUndefined();
  await plain;
  // the transaction's write landed first, the waiting write after it
  expect(((await db.collection('counters').doc('c2').get()) as unknown as { data: Counter }).data.n).toBe(50);
  expect(((await db.collection('counters').doc('c1').get()) as unknown as { data: Counter }).data.n).toBe(5);
  const stats = await getJson<{ transactions: { waits: number; conflicts: number; committed: number } }>(`${emu.url}/dev/stats`);
  expect(stats.transactions).toMatchObject({ waits: 1, conflicts: 0, committed: 1 });
});

test('a plain write waiting for a transaction goes on when it aborts, against the state before it', async () => {
  const { transactionId } = await admin({ action: 'database.startTransaction' });
  await admin({
    action: 'database.modifyDocument',
    collectionName: 'counters',
    queryType: 'DOC',
    query: '{"_id":"c2"}',
    transactionId,
    data: '{"$set":{"n":{"$numberInt":"11"}}}',
    merge: true,
    multi: false,
    upsert: false,
  });
  const _ = db.command;
  const plain = db
    .collection('counters')
    .where({ n: 10 })
    .update({ data: { n: _.inc(1) } });
  await new Promise((r) => setTimeout(r, 100));
  await admin({ action: 'database.abortTransaction', transactionId });
  expect(((await plain) as unknown as { stats: { updated: number } }).stats.updated).toBe(1);
  expect(((await db.collection('counters').doc('c2').get()) as unknown as { data: Counter }).data.n).toBe(11);
});
