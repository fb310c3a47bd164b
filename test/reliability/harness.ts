/**
 * The rig of the reliability suites: the emulator as its own process (`node .build/emulator/cli.js`,
 * not quiet, so its log and every function worker's output are captured), the demo county seeded,
 * a representative and a volunteer added, and the tallies `npm run reliability` sums up.
 */
import { type ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Envelope } from '../../typings';
import { seedCounty, useEmulator } from '../../scripts/seed';

export const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, '.build', 'emulator', 'cli.js');

/** LIANXIN_RELIABILITY=large (npm run reliability) multiplies every run count. */
export const LARGE = process.env.LIANXIN_RELIABILITY === 'large';
export const SIZE = LARGE ? 10 : 1;
/** Instances per function: two already race each other across processes; the large size uses four. */
const INSTANCES = LARGE ? 4 : 2;

// ---------------------------------------------------------------- tallies

export type Tally = 'unexpected' | 'leaks' | 'lost' | 'duplicated';
const tallies = {
  inputs: 0,
  actions: new Set<string>(),
  unexpected: 0,
  leaks: 0,
  lost: 0,
  duplicated: 0,
  findings: [] as string[],
  tests: new Set<string>(),
};

function testName(): string {
  try {
    return expect.getState().currentTestName ?? '(setup)';
  } catch {
    return '(setup)';
  }
}

/** Counts a broken promise (and names it, so the report can say what went wrong). */
export function tally(kind: Tally, what: string, n = 1): void {
  if (n <= 0) return;
  tallies[kind] += n;
  tallies.tests.add(testName());
  if (tallies.findings.length < 200) tallies.findings.push(`${kind}: ${what}`);
}

function countInput(fnAction: string | null): void {
  tallies.inputs += 1;
  if (fnAction) tallies.actions.add(fnAction);
}

/** Writes this file's tallies where scripts/reliability.ts collects them. */
export function writeTallies(file: string): void {
  const dir = process.env.LIANXIN_RELIABILITY_OUT;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const out = { ...tallies, actions: [...tallies.actions], tests: [...tallies.tests] };
  fs.writeFileSync(path.join(dir, `${path.basename(file)}.json`), JSON.stringify(out));
}

// ---------------------------------------------------------------- the emulator as a child

interface Res {
  status: number;
  env: Envelope<unknown>;
}

export interface Rig {
  url: string;
  dataDir: string;
  /** Everything the emulator and its function workers printed so far. */
  log(): string;
  /** Any event (or raw JSON text), any caller (null = no identity). Never throws on a lost reply: status 0. */
  raw(openid: string | null, fn: string, event: unknown, signal?: AbortSignal): Promise<Res>;
  /** Must succeed. */
  ok<T = unknown>(openid: string, fn: string, action: string, input: Record<string, unknown>): Promise<T>;
  /** GET /dev/dump as text (for byte-for-byte comparison). */
  dumpText(): Promise<string>;
  requests(): Promise<RequestRow[]>;
  kill9(): Promise<void>;
  /** Starts the emulator again on the same data directory (after kill9). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The fields of a stored request the suites check. */
export interface RequestRow {
  _id: string;
  clientId: string;
  /** null: a registered 信访 item nobody has claimed yet. */
  requesterId: string | null;
  status: string;
  version: number;
  unitId: string | null;
  subjectUnitId: string | null;
  contactName: string | null;
  contactPhone: string | null;
  content: string;
  events: { seq: number; type: string; from: string | null; to: string; actorId: string }[];
  [k: string]: unknown;
}

let knownActions: Set<string> | null = null;
/** Set by tables.ts: which fn.action names exist, so coverage counts only real actions. */
export function setKnownActions(names: Iterable<string>): void {
  knownActions = new Set(names);
}

function spawnCli(dataDir: string, sink: (s: string) => void): Promise<{ child: ChildProcess; url: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DATA_DIR: dataDir, QUIET: '0', INSTANCES_PER_FUNCTION: String(INSTANCES) };
  delete env.LIANXIN_QUIET;
  const child = spawn(process.execPath, [CLI], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let head = '';
    let done = false;
    const onData = (d: Buffer): void => {
      const s = d.toString();
      sink(s);
      if (done) return;
      head += s;
      const m = /emulator listening on (http:\/\/\S+)/.exec(head);
      if (m) {
        done = true;
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      if (!done) reject(new Error(`emulator exited early (${String(code)}): ${head}`));
    });
  });
}

const EXTRA_USERS = [
  { _id: 'rel-rep', roles: ['resident', 'rep'], unitId: null, unitName: null, name: '人大代表甲', level: null },
  // A second cadre of 城关镇, so two people of one unit can race.
  {
    _id: 'rel-cadre-chengguan-2',
    roles: ['resident', 'cadre'],
    unitId: 'unit-chengguan',
    unitName: '城关镇人民政府',
    name: '钱二',
    level: '包村(居)干部',
  },
];

/** Per-caller limits high enough that the suites' storms by a few demo people are never limited. */
const STORM_LIMITS = { submit: { perHour: 1_000_000 }, text: { perHour: 1_000_000 } };

const WARM: [string, string, Record<string, unknown>][] = [
  ['user', 'demo-resident-1', { action: 'me' }],
  ['county', 'demo-resident-1', { action: 'regions' }],
  ['request', 'demo-resident-1', { action: 'mine' }],
  ['admin', 'demo-admin', { action: 'queue' }],
];

/**
 * Starts every function's instances before a storm. The emulator counts an instance's module
 * load (wx-server-sdk, ~0.8 s alone) inside the 3-second function timeout, so a burst on cold
 * instances of a 2-core machine times out and the killed instances come back cold (see SECURITY.md).
 */
async function warm(url: string): Promise<void> {
  for (const [fn, openid, event] of WARM) {
    for (const width of [1, INSTANCES]) {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const res = await Promise.all(
          Array.from({ length: width }, () =>
            fetch(`${url}/functions/${fn}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-lianxin-openid': openid },
              body: JSON.stringify(event),
            })
              .then((r) => r.status)
              .catch(() => 0),
          ),
        );
        if (res.every((st) => st === 200)) break;
      }
    }
  }
}

async function startRig(opts: { dataDir?: string; seed?: boolean } = {}): Promise<Rig> {
  if (!fs.existsSync(CLI)) throw new Error('run `npm run build` first');
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-rel-'));
  let logText = '';
  const sink = (s: string): void => {
    logText += s;
  };
  let { child, url } = await spawnCli(dataDir, sink);
  const rig: Rig = {
    get url() {
      return url;
    },
    dataDir,
    log: () => logText,
    raw: async (openid, fn, event, signal) => {
      const ev = event as { action?: unknown } | null;
      const action = ev && typeof ev === 'object' && typeof ev.action === 'string' ? `${fn}.${ev.action}` : null;
      countInput(action && knownActions?.has(action) ? action : null);
      try {
        const res = await fetch(`${url}/functions/${fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(openid ? { 'x-lianxin-openid': openid } : {}) },
          body: typeof event === 'string' ? event : JSON.stringify(event),
          signal,
        });
        const text = await res.text();
        let env: Envelope<unknown>;
        try {
          env = JSON.parse(text) as Envelope<unknown>;
        } catch {
          env = { ok: false, error: { code: 'INTERNAL', message: `not JSON (${res.status}): ${text.slice(0, 100)}` } };
        }
        return { status: res.status, env };
      } catch {
        return { status: 0, env: { ok: false, error: { code: 'INTERNAL', message: 'no reply' } } };
      }
    },
    ok: async <T>(openid: string, fn: string, action: string, input: Record<string, unknown>): Promise<T> => {
      const r = await rig.raw(openid, fn, { action, ...input });
      if (!r.env.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.env.error.code} ${r.env.error.message}`);
      return r.env.data as T;
    },
    dumpText: async () => (await fetch(`${url}/dev/dump`)).text(),
    requests: async () => {
      const dump = JSON.parse(await rig.dumpText()) as { collections: Record<string, RequestRow[]> };
      return dump.collections.requests ?? [];
    },
    kill9: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    restart: async () => {
      ({ child, url } = await spawnCli(dataDir, sink));
      useEmulator(url);
      await warm(url);
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  if (opts.seed !== false) {
    await seedCounty(url);
    const { insert } = await import('../../server/db');
    const now = Date.now();
    await Promise.all(EXTRA_USERS.map((u) => insert('users', Object.assign({ createdAt: now, updatedAt: now }, u))));
    // A storm is many people, not one: the per-caller limits (checked by test/functions/limits.test.ts) are lifted.
    const { db } = await import('../../server/db');
    await db.collection('settings').doc('limits').set({ data: STORM_LIMITS });
    // The suites add far more pairs to the demo party member than one member keeps (S6.1: ≤ 20): the range is lifted too.
    await db
      .collection('settings')
      .doc('volTargets')
      .set({ data: { pairMin: 10, pairMax: 1_000_000, teamActivitiesPerYear: 6, volunteerActivitiesPerYear: 2 } });
  }
  await warm(url);
  return rig;
}

/**
 * The set-up of a suite file: before its tests the rig is started (and `prepare`d, e.g. with
 * tables.ts `prepareContext`); after them the file's tallies are written and the rig stopped.
 * Each test may take `timeout` ms. Returns the rig (there is none until the file's tests run).
 */
export function useRig(file: string, opts: { timeout: number; prepare?: (rig: Rig) => Promise<void> }): () => Rig {
  let rig: Rig | undefined;
  beforeAll(async () => {
    rig = await startRig();
    await opts.prepare?.(rig);
  }, 60_000);
  afterAll(async () => {
    writeTallies(file);
    await rig?.stop();
  });
  jest.setTimeout(opts.timeout);
  return () => {
    if (!rig) throw new Error('the rig is not started: use it inside a test');
    return rig;
  };
}

// ---------------------------------------------------------------- personal data in text

/** An unmasked mainland mobile number anywhere in a text. */
export const PHONE = /(?<!\d)1\d{10}(?!\d)/g;

/** Phones and the given identities found in `text`; each is a leak. */
export function findIdentities(text: string, identities: readonly string[]): string[] {
  const found = new Set<string>();
  for (const m of text.match(PHONE) ?? []) found.add(m);
  for (const id of identities) if (id && text.includes(id)) found.add(id);
  return [...found];
}

/** The invariants of a stored request: a half-written one breaks at least one. */
export function brokenInvariants(r: RequestRow): string[] {
  const out: string[] = [];
  const ev = r.events ?? [];
  if (ev.length === 0) return ['no audit event'];
  if (r.version !== ev.length - 1) out.push(`version ${r.version} but ${ev.length} events`);
  ev.forEach((e, i) => {
    if (e.seq !== i + 1) out.push(`event ${i} has seq ${e.seq}`);
    if (i === 0 && e.from !== null) out.push('first event is not the intake (submit or register)');
    const prev = ev[i - 1];
    if (i > 0 && prev && e.from !== prev.to) out.push(`event ${e.seq} from ${String(e.from)} but previous ended in ${prev.to}`);
  });
  const last = ev[ev.length - 1]!;
  if (last.to !== r.status) out.push(`status ${r.status} but last event ends in ${last.to}`);
  // A 信访 item is registered by the dispatcher for a petitioner who may claim it later.
  if (r.channel !== '信访' && ev[0]!.actorId !== r.requesterId) out.push('submitted by someone else');
  return out;
}

/** Names of petitioners the suites use (phones are found by pattern). */
export const PERSONAL_NAMES = [
  '王秀英',
  '陈大山',
  '欧阳保密',
  '司马投诉',
  '诸葛普通',
  '上官调度',
  '东方内容',
  '测试干部',
  '慕容来信',
  '皇甫限流',
];

/** Phone numbers and petitioners' names in everything the emulator and its workers printed; each is a leak. */
export function logLeaks(rig: Rig): string[] {
  const text = rig.log();
  const found = findIdentities(text, PERSONAL_NAMES);
  for (const f of found) tally('leaks', `log output contains ${f}`);
  if (text.length === 0) return ['no log output captured'];
  return found.map((f) => {
    const i = text.indexOf(f);
    return `${f}: …${text.slice(Math.max(0, i - 80), i + 40)}…`;
  });
}
