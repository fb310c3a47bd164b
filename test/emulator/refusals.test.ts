/**
 * What 云开发 (MongoDB underneath) refuses or bounds, refused and bounded here too, through the real
 * SDK: field names starting with `$` or holding `.`, and aggregation limits. (Unique indexes keying a
 * missing field as null: database.test.ts; transaction locks: transactions.test.ts.)
 */
import { AGGREGATE_DEFAULT_LIMIT, AGGREGATE_MAX_LIMIT } from '../../emulator/db';
import { type Cloud, getJson, post, sdkError, useSdkEmulator, type SdkEmulator } from './helpers';

let emu: SdkEmulator['emu'];
let db: ReturnType<Cloud['database']>;

useSdkEmulator((e) => ({ emu, db } = e));

const dump = (): Promise<unknown> => getJson(`${emu.url}/dev/dump`);
const counters = (): ReturnType<typeof db.collection> => db.collection('counters');
const insertMany = async (collectionName: string, docs: Record<string, unknown>[]): Promise<void> => {
  for (let i = 0; i < docs.length; i += 2000) {
    const out = (await post(`${emu.url}/admin`, {
      action: 'database.insertDocument',
      collectionName,
      data: docs.slice(i, i + 2000).map((d) => JSON.stringify(d)),
    })) as { code?: string };
    expect(out.code).toBeUndefined();
  }
};

describe('field names starting with $ or containing . are not stored', () => {
  beforeEach(async () => {
    await counters()
      .doc('c1')
      .set({ data: { n: 1, meta: { by: 'seed' } } });
  });

  test('on insert, at any depth (also inside arrays), and nothing is written', async () => {
    const before = await dump();
    for (const data of [{ $bad: 1 }, { 'a.b': 1 }, { meta: { $where: 'x' } }, { list: [{ ok: 1 }, { 'x.y': 2 }] }]) {
      const e = await sdkError(() => counters().add({ data }));
      expect(e.errCode).toBe(-502001);
      expect(e.errMsg).toMatch(/The (dollar \(\$\) prefixed|dotted) field '.+' in '.+' is not valid for storage/);
    }
    // a batch with one bad document writes none of them
    await sdkError(() => counters().add({ data: [{ n: 2 }, { 'bad.key': 3 }] }));
    expect(await dump()).toEqual(before);
  });

  test('on doc().set (a replacement)', async () => {
    const before = await dump();
    const e = await sdkError(() =>
      counters()
        .doc('c1')
        .set({ data: { n: 2, inner: { $x: 1 } } }),
    );
    expect(e.errMsg).toContain("The dollar ($) prefixed field '$x' in 'inner.$x'");
    const created = await sdkError(() =>
      counters()
        .doc('c9')
        .set({ data: { 'k.v': 1 } }),
    );
    expect(created.errMsg).toContain("The dotted field 'k.v'");
    expect(await dump()).toEqual(before);
  });

  test('on update: in the values written (set, push); a dotted key is a path and stays allowed', async () => {
    const _ = db.command;
    const before = await dump();
    expect(
      (
        await sdkError(() =>
          counters()
            .doc('c1')
            .update({ data: { meta: _.set({ 'a.b': 1 }) } }),
        )
      ).errMsg,
    ).toContain("dotted field 'a.b'");
    expect(
      (
        await sdkError(() =>
          counters()
            .doc('c1')
            .update({ data: { list: _.push([{ $k: 1 }]) } }),
        )
      ).errMsg,
    ).toContain("'$k'");
    expect(
      (
        await sdkError(() =>
          counters()
            .where({ n: 1 })
            .update({ data: { meta: _.set({ deep: { $o: 1 } }) } }),
        )
      ).errCode,
    ).toBe(-502001);
    expect(await dump()).toEqual(before);
    // dots in an update's keys address nested fields: that is not a field name
    await counters()
      .doc('c1')
      .update({ data: { 'meta.by': 'path', n: _.inc(1), tags: _.push(['a', 'b']) } });
    const { data } = (await counters().doc('c1').get()) as unknown as { data: Record<string, unknown> };
    expect(data).toMatchObject({ n: 2, meta: { by: 'path' }, tags: ['a', 'b'] });
  });

  test('inside a transaction too: the write is refused and the transaction leaves nothing', async () => {
    const before = await dump();
    const e = await sdkError(() =>
      db.runTransaction(async (tx: { collection(n: string): ReturnType<typeof db.collection> }) => {
        await tx
          .collection('counters')
          .doc('c1')
          .update({ data: { n: 5 } });
        await tx.collection('counters').add({ data: { $bad: true } });
      }),
    );
    expect(e.errMsg).toContain('not valid for storage');
    expect(await dump()).toEqual(before);
  });
});

describe('aggregation is bounded as in the cloud', () => {
  test(`without $limit it answers ${AGGREGATE_DEFAULT_LIMIT} results; $limit raises that up to ${AGGREGATE_MAX_LIMIT}`, async () => {
    await insertMany(
      'journal_test',
      Array.from({ length: AGGREGATE_MAX_LIMIT + 50 }, (_v, i) => ({ _id: `j${i}`, i, g: i % 7 })),
    );
    const c = db.collection('journal_test');
    const $ = db.command.aggregate;
    const plain = (await c.aggregate().match({ g: 3 }).end()) as unknown as { list: unknown[] };
    expect(plain.list).toHaveLength(AGGREGATE_DEFAULT_LIMIT);
    const some = (await c.aggregate().match({ g: 3 }).limit(500).end()) as unknown as { list: unknown[] };
    expect(some.list).toHaveLength(500);
    const capped = (await c
      .aggregate()
      .match({ i: db.command.gte(0) })
      .limit(AGGREGATE_MAX_LIMIT * 2)
      .end()) as unknown as { list: unknown[] };
    expect(capped.list).toHaveLength(AGGREGATE_MAX_LIMIT);
    // grouping is not cut: 7 groups over every document
    const groups = (await c
      .aggregate()
      .group({ _id: '$g', n: $.sum(1) })
      .end()) as unknown as { list: { _id: number; n: number }[] };
    expect(groups.list.reduce((s, x) => s + x.n, 0)).toBe(AGGREGATE_MAX_LIMIT + 50);
  });

  test('a $lookup that builds a document over 16 MB fails instead of answering it', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    await insertMany(
      'journal_test',
      Array.from({ length: 6 }, (_v, i) => ({ _id: `big${i}`, owner: 'o1', blob: big })),
    );
    await insertMany('journal_test', [{ _id: 's1', owner: 'o2', blob: 'small' }]);
    await insertMany('counters', [
      { _id: 'o1', n: 1 },
      { _id: 'o2', n: 2 },
    ]);
    const join = { from: 'journal_test', localField: '_id', foreignField: 'owner', as: 'items' };
    const e = await sdkError(() => counters().aggregate().lookup(join).end());
    expect(e.errMsg).toContain('16 MB');
    // a later $project does not save it: the join itself is too big
    const projected = await sdkError(() => counters().aggregate().lookup(join).project({ n: 1 }).end());
    expect(projected.errMsg).toContain('16 MB');
    // the same join over documents under the limit answers
    const small = (await counters().aggregate().match({ _id: 'o2' }).lookup(join).end()) as unknown as {
      list: { items: { _id: string }[] }[];
    };
    expect(small.list[0].items.map((x) => x._id)).toEqual(['s1']);
  });
});
