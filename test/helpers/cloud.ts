/**
 * A private local cloud for one test file: the real emulator on a random port with its own data
 * directory, the built functions on it, and the demo county seeded.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { ActionName, ActionReq, ActionRes, Envelope, FunctionName } from '../../typings';
import { startEmulator } from '../../emulator';
import { seedCounty } from '../../scripts/seed';

/** Per-caller limits no test file reaches. */
const TEST_LIMITS = { submit: { perHour: 1_000_000 }, text: { perHour: 1_000_000 } };

export interface TestCloud {
  url: string;
  dataDir: string;
  /** Raw call: any event, any caller (null = no identity); returns the envelope as sent. */
  raw(openid: string | null, fn: string, event: unknown): Promise<Envelope<unknown>>;
  /** Typed call that must succeed. */
  ok<F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, req: ActionReq<F, A>): Promise<ActionRes<F, A>>;
  /** Typed call returning the envelope, for expected failures. */
  call<F extends FunctionName, A extends ActionName<F>>(
    openid: string | null,
    fn: F,
    action: A,
    req: ActionReq<F, A>,
  ): Promise<Envelope<ActionRes<F, A>>>;
  /** Every collection's documents, for “the database is unchanged” checks. */
  dump(): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startTestCloud(opts: { requests?: boolean; seed?: boolean } = {}): Promise<TestCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-test-'));
  const emu = await startEmulator({ port: 0, dataDir, quiet: true, instancesPerFunction: 2 });
  const url = emu.url;
  if (opts.seed !== false) {
    await seedCounty(url, { requests: opts.requests ?? false });
    // A test file is a few demo people doing a day's work in a minute: the per-caller limits are
    // lifted (test/functions/limits.test.ts sets and checks its own).
    const { db } = await import('../../server/db');
    await db.collection('settings').doc('limits').set({ data: TEST_LIMITS });
  }

  const raw = async (openid: string | null, fn: string, event: unknown): Promise<Envelope<unknown>> => {
    const res = await fetch(`${url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(openid ? { 'x-lianxin-openid': openid } : {}) },
      body: JSON.stringify(event),
    });
    return (await res.json()) as Envelope<unknown>;
  };
  const call = async <F extends FunctionName, A extends ActionName<F>>(openid: string | null, fn: F, action: A, req: ActionReq<F, A>) =>
    (await raw(openid, fn, { action, ...(req as object) })) as Envelope<ActionRes<F, A>>;
  const ok = async <F extends FunctionName, A extends ActionName<F>>(openid: string, fn: F, action: A, req: ActionReq<F, A>) => {
    const env = await call(openid, fn, action, req);
    if (!env.ok) throw new Error(`${fn}.${action} failed: ${env.error.code} ${env.error.message}`);
    return env.data;
  };
  const dump = async () => (await fetch(`${url}/dev/dump`)).json();
  const stop = async () => {
    await emu.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, raw, call, ok, dump, stop };
}

/** A seeded cloud for this test file, stopped after it; `ready` receives it once started. */
export function useCloud(ready: (cloud: TestCloud) => void, opts: { requests?: boolean; seed?: boolean } = {}): void {
  let cloud: TestCloud | undefined;
  beforeAll(async () => {
    cloud = await startTestCloud(opts);
    ready(cloud);
  });
  afterAll(() => cloud?.stop());
}
