/**
 * Durability: the emulator runs as its own process (node .build/emulator/cli.js, built by npm run
 * build); acknowledged writes must survive kill -9, transactions must be all-or-nothing, and a torn
 * last journal line must be ignored.
 */
import { type ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { Store, loadSchema } from '../../emulator/store';
import { REPO, TEST_SCHEMA, tmpDir } from './helpers';

const CLI = path.join(REPO, '.build', 'emulator', 'cli.js');

function startCli(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SCHEMA_PATH: TEST_SCHEMA, QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited early (${String(code)})`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function admin(url: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

const ejson = (doc: Record<string, unknown>): string => JSON.stringify(doc);

async function ids(url: string): Promise<Set<string>> {
  const res = await fetch(`${url}/dev/dump`);
  const dump = (await res.json()) as { collections: Record<string, { _id: string }[]> };
  return new Set(dump.collections.journal_test.map((d) => d._id));
}

jest.setTimeout(30_000);

test('acknowledged writes and whole transactions survive kill -9; torn tail is ignored', async () => {
  expect(fs.existsSync(CLI)).toBe(true); // run `npm run build` first
  const dataDir = tmpDir('durable');
  let { child, url } = await startCli(dataDir);
  const acked = new Set<string>();
  const ackedTx: string[] = [];
  let killed = false;

  const insert = async (i: number): Promise<void> => {
    const r = await admin(url, {
      action: 'database.insertDocument',
      collectionName: 'journal_test',
      data: [ejson({ _id: `d${i}`, i, at: { $date: { $numberLong: String(Date.UTC(2024, 0, 1)) } } })],
    }).catch(() => null);
    if (r && !r.code) acked.add(`d${i}`);
  };
  const tx = async (i: number): Promise<void> => {
    try {
      const start = await admin(url, { action: 'database.startTransaction' });
      const transactionId = start.transactionId as string;
      await admin(url, {
        action: 'database.insertDocument',
        collectionName: 'journal_test',
        transactionId,
        data: [ejson({ _id: `ta${i}` })],
      });
      await admin(url, {
        action: 'database.insertDocument',
        collectionName: 'journal_test',
        transactionId,
        data: [ejson({ _id: `tb${i}` })],
      });
      const c = await admin(url, { action: 'database.commitTransaction', transactionId });
      if (!c.code) ackedTx.push(String(i));
    } catch {
      /* killed mid-transaction */
    }
  };

  // a first batch fully acknowledged, then a second batch interrupted by kill -9
  await Promise.all(Array.from({ length: 50 }, (_, i) => insert(i)));
  await Promise.all(Array.from({ length: 10 }, (_, i) => tx(i)));
  const inflight: Promise<void>[] = [];
  for (let i = 50; i < 400; i++) {
    inflight.push(insert(i));
    if (i % 10 === 0) inflight.push(tx(i));
    if (i === 250) {
      await new Promise((r) => setTimeout(r, 15));
      killed = true;
      await kill9(child);
    }
  }
  await Promise.all(inflight);
  expect(killed).toBe(true);
  expect(acked.size).toBeGreaterThanOrEqual(50);
  expect(acked.size).toBeLessThan(400); // the kill really interrupted the writes

  ({ child, url } = await startCli(dataDir));
  let present = await ids(url);
  for (const id of acked) expect(present.has(id)).toBe(true);
  for (const i of ackedTx) expect(present.has(`ta${i}`) && present.has(`tb${i}`)).toBe(true);
  for (const id of present) {
    const m = /^t[ab](\d+)$/.exec(id);
    if (m) expect(present.has(`ta${m[1]}`) && present.has(`tb${m[1]}`)).toBe(true); // never half a transaction
  }
  const doc = (await admin(url, {
    action: 'database.getDocument',
    collectionName: 'journal_test',
    queryType: 'DOC',
    query: '{"_id":"d1"}',
  })) as { data: { list: string[] } };
  expect(JSON.parse(doc.data.list[0]).at).toEqual({ $date: { $numberLong: String(Date.UTC(2024, 0, 1)) } });
  await kill9(child);

  // a torn last line (crash in the middle of an append) is ignored, and later appends are clean
  const journal = path.join(dataDir, 'journal.jsonl');
  fs.appendFileSync(journal, '{"ops":[{"op":"put","c":"journal_test","doc":{"_id":"torn"');
  ({ child, url } = await startCli(dataDir));
  present = await ids(url);
  expect(present.has('torn')).toBe(false);
  for (const id of acked) expect(present.has(id)).toBe(true);
  await admin(url, { action: 'database.insertDocument', collectionName: 'journal_test', data: [ejson({ _id: 'after-torn' })] });
  await kill9(child);
  ({ child, url } = await startCli(dataDir));
  present = await ids(url);
  expect(present.has('after-torn')).toBe(true);
  expect(present.size).toBeGreaterThan(acked.size);
  await kill9(child);
});

test('the journal is compacted on start when it is mostly history', () => {
  const dataDir = tmpDir('compact');
  const schema = loadSchema(TEST_SCHEMA);
  let store = new Store(schema, dataDir);
  for (let i = 0; i < 1500; i++) store.commit([{ op: 'put', c: 'counters', doc: { _id: 'c', n: i, at: new Date(i) } }]);
  store.commit([
    { op: 'put', c: 'counters', doc: { _id: 'd', n: -1 } },
    { op: 'del', c: 'counters', id: 'd' },
  ]);
  store.close();
  const journal = path.join(dataDir, 'journal.jsonl');
  expect(fs.readFileSync(journal, 'utf8').split('\n').length).toBeGreaterThan(1500);
  store = new Store(schema, dataDir);
  expect(fs.readFileSync(journal, 'utf8').trim().split('\n')).toHaveLength(1);
  expect(store.coll('counters').get('c')).toEqual({ _id: 'c', n: 1499, at: new Date(1499) });
  expect(store.coll('counters').get('d')).toBeUndefined();
  store.commit([{ op: 'put', c: 'counters', doc: { _id: 'e', n: 1 } }]);
  store.close();
  store = new Store(schema, dataDir);
  expect(store.coll('counters').entries.size).toBe(2);
  store.close();
});
