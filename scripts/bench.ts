/**
 * `npm run bench` — the benchmark (never run in CI; the budgets in npm test are the gate).
 *
 * For each size (BENCH_SIZES, default "10000,200000" requests): starts the emulator in its own node
 * process on 127.0.0.1 (fresh data directory, 32 instances per function), seeds the county and the
 * requests in bulk (bench/population.ts), then for every scenario of every action
 * (bench/scenarios.ts): round trips, documents examined/returned and answer bytes of one warm call,
 * and client-observed latency p50/p99 at concurrency 1, 8 and 32. Also: cold start (require time of
 * each built function beside a bare require('wx-server-sdk'), fresh node processes, same run), the
 * mini-program's package sizes, the page tests' setData/WXML metrics if present, and the deadline
 * scan. Writes bench/results.json, the same as Markdown tables in bench/results.md, and prints them.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { repoRoot } from '../emulator';
import { sdkEnv } from '../emulator/client';
import { userActions } from '../server/actions/user';
import { countyActions } from '../server/actions/lookups';
import { requestActions } from '../server/actions/request';
import { adminActions } from '../server/actions/admin';
import { seedPopulation, type Population } from '../bench/population';
import { SCENARIOS, run, type Call } from '../bench/scenarios';
import { measureMiniprogram } from '../bench/miniprogram';
import { readPageMetrics } from '../bench/metrics';
import { renderMarkdown, type Results } from '../bench/report';

const root = repoRoot();
const SIZES = (process.env.BENCH_SIZES ?? '10000,200000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const CONCURRENCY = [1, 8, 32];
/** calls per scenario at each concurrency */
const CALLS: Record<number, number> = { 1: 60, 8: 96, 32: 192 };
const TABLES: Record<string, object> = { user: userActions, county: countyActions, request: requestActions, admin: adminActions };
const ACTIONS = new Set(Object.entries(TABLES).flatMap(([fn, t]) => Object.keys(t).map((a) => `${fn}.${a}`)));

const log = (msg: string): void => {
  process.stdout.write(`${msg}\n`);
};

function startEmulatorProcess(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--max-old-space-size=16000', path.join(root, '.build', 'emulator', 'cli.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, QUIET: '1', INSTANCES_PER_FUNCTION: '32', LIANXIN_QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
      if (m) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${String(code)})`)));
  });
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

interface ScenarioResult {
  key: string;
  variant: string;
  ok: boolean;
  roundTrips: number;
  docsExamined: number;
  docsReturned: number;
  bytes: number;
  latency: Record<string, { p50: number; p99: number; calls: number; errors: number }>;
}

async function timed(pop: Population, calls: Call[], concurrency: number): Promise<{ ms: number[]; errors: number }> {
  const ms: number[] = [];
  let errors = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls.length) {
        const c = calls[next++];
        const m = await run(pop, c);
        if (!m.ok) errors++;
        ms.push(m.ms);
      }
    }),
  );
  return { ms, errors };
}

/**
 * The timer's deadline scan, as one invocation runs it (its TIMER_BUDGET_MS of work): a month from now every open
 * request's clock is due, so this is the worst backlog. Reports how many are due, how many one run
 * records, and the documents it examined (its query reads only due ones, through the index).
 */
async function scanDeadlines(url: string, n: number): Promise<Record<string, unknown>> {
  Object.assign(process.env, sdkEnv(url), { LIANXIN_QUIET: '1' });
  const { db, _ } = await import('../server/db');
  const { chase } = await import('../server/jobs/chase');
  const { loadDirectory } = await import('../server/directoryCache');
  const { TIMER_BUDGET_MS } = await import('../server/timer');
  const now = Date.now() + 30 * 86_400_000;
  const due = (
    (await db
      .collection('requests')
      .where({ nextCheckAt: _.lte(now) })
      .count()) as { total: number }
  ).total;
  await fetch(`${url}/dev/stats/reset`, { method: 'POST' });
  const t0 = Date.now();
  const run1 = await chase({ dir: await loadDirectory(), now, until: t0 + TIMER_BUDGET_MS });
  const ms = Date.now() - t0;
  const stats = (await (await fetch(`${url}/dev/stats`)).json()) as { collections: Record<string, { docsExamined: number }> };
  return {
    status: 'measured',
    requests: n,
    due,
    recordedInOneRun: run1.done,
    returnedByScan: run1.examined,
    docsExamined: stats.collections.requests?.docsExamined ?? 0,
    ms,
    budgetMs: TIMER_BUDGET_MS,
  };
}

async function benchSize(n: number): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  const { url, child } = await startEmulatorProcess(dataDir);
  try {
    log(`\n== ${n.toLocaleString('en')} requests — emulator ${url}`);
    const t0 = Date.now();
    const pop = await seedPopulation(url, n, { log });
    // The bench is one admin and a few residents making thousands of calls: the per-caller hourly
    // limits (settings.limits) would refuse them, so they are lifted here as the test rigs do.
    const { db } = await import('../server/db');
    await db
      .collection('settings')
      .doc('limits')
      .set({ data: { submit: { perHour: 1_000_000 }, text: { perHour: 1_000_000 } } });
    const seedMs = Date.now() - t0;
    const rss =
      Number(
        spawnSync('ps', ['-o', 'rss=', '-p', String(child.pid)])
          .stdout.toString()
          .trim(),
      ) * 1024;
    const c = pop.county;
    log(
      `seeded in ${(seedMs / 1000).toFixed(1)} s (a county of ${c.towns} towns, ${c.places} villages and communities, ${c.units} units, ${c.cadres} cadres); emulator RSS ${(rss / 2 ** 20).toFixed(0)} MiB`,
    );

    const results: ScenarioResult[] = [];
    const warmed = new Map<string, number>();
    for (const s of SCENARIOS) {
      if (!ACTIONS.has(s.key)) continue;
      let i = 0;
      // Calls are prepared one after another (a preparation may itself call functions), then timed together.
      const makeMany = async (k: number): Promise<Call[]> => {
        const calls: Call[] = [];
        for (let j = 0; j < k; j++) calls.push(await s.make(pop, i++));
        return calls;
      };
      const fn = s.key.split('.')[0];
      // Start the function's instances two at a time up to the highest concurrency, so no timed call
      // waits for a cold start (32 starting at once on 2 cores would pass the functions' 3 s timeout).
      for (let k = (warmed.get(fn) ?? 0) + 2; k <= Math.max(...CONCURRENCY); k += 2) {
        await timed(pop, await makeMany(k), k);
        warmed.set(fn, k);
      }
      // counts: the cheapest of three warm calls (an instance re-reads the county directory once a minute)
      const tries = [];
      for (let k = 0; k < 3; k++) tries.push(await run(pop, await s.make(pop, i++)));
      const one = tries.sort((a, b) => a.roundTrips - b.roundTrips || a.docsExamined - b.docsExamined)[0];
      const res: ScenarioResult = {
        key: s.key,
        variant: s.variant,
        ok: tries.every((t) => t.ok),
        roundTrips: one.roundTrips,
        docsExamined: one.docsExamined,
        docsReturned: one.docsReturned,
        bytes: one.bytes,
        latency: {},
      };
      for (const c of CONCURRENCY) {
        const calls: Call[] = [];
        for (let k = 0; k < CALLS[c]; k++) calls.push(await s.make(pop, i++));
        // warm every instance this concurrency will use: not timed
        await timed(pop, await makeMany(c), c);
        const { ms, errors } = await timed(pop, calls, c);
        res.latency[`c${c}`] = { p50: r1(pct(ms, 50)), p99: r1(pct(ms, 99)), calls: ms.length, errors };
      }
      results.push(res);
      const l = res.latency;
      log(
        `${`${s.key} (${s.variant})`.padEnd(44)} rt ${res.roundTrips}  ex ${String(res.docsExamined).padStart(4)}/${String(res.docsReturned).padEnd(3)}  c1 ${l.c1.p50}/${l.c1.p99}  c8 ${l.c8.p50}/${l.c8.p99}  c32 ${l.c32.p50}/${l.c32.p99} ms${res.ok ? '' : '  FAILED'}${CONCURRENCY.some((c) => l[`c${c}`].errors) ? `  errors ${CONCURRENCY.map((c) => l[`c${c}`].errors).join('/')}` : ''}`,
      );
    }

    const deadlineScan = await scanDeadlines(url, n);
    log(`deadline scan: ${JSON.stringify(deadlineScan)}`);
    return { requests: n, county: pop.county, seedMs, emulatorRssBytes: rss, scenarios: results, deadlineScan };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** ms to require `file` in a fresh node process (with the SDK pointed at an unused local URL). */
function requireMs(file: string, cwd: string): number {
  const code = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const r = spawnSync(process.execPath, ['-e', code], { cwd, env: { ...process.env, ...sdkEnv('http://127.0.0.1:9') }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`require ${file}: ${r.stderr}`);
  return Number(r.stdout);
}

function coldStarts(): Record<string, unknown> {
  const fnRoot = path.join(root, 'cloudfunctions');
  const fns = fs.readdirSync(fnRoot).filter((d) => fs.existsSync(path.join(fnRoot, d, 'index.js')));
  const sdk = require.resolve('wx-server-sdk', { paths: [path.join(fnRoot, fns[0] ?? '')] });
  const ROUNDS = 7;
  const sdkMs: number[] = [];
  const fnMs: Record<string, number[]> = Object.fromEntries(fns.map((f) => [f, []]));
  for (let k = 0; k < ROUNDS; k++) {
    sdkMs.push(requireMs(sdk, root));
    for (const f of fns) fnMs[f].push(requireMs(path.join(fnRoot, f, 'index.js'), path.join(fnRoot, f)));
  }
  const sdkMedian = pct(sdkMs, 50);
  const functions = Object.fromEntries(
    fns.map((f) => {
      const median = pct(fnMs[f], 50);
      return [
        f,
        { bundleBytes: fs.statSync(path.join(fnRoot, f, 'index.js')).size, loadMs: r1(median), overSdkMs: r1(median - sdkMedian) },
      ];
    }),
  );
  return { rounds: ROUNDS, statistic: 'median', sdkLoadMs: r1(sdkMedian), functions };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(root, '.build', 'emulator', 'cli.js'))) throw new Error('run npm run build first');
  process.env.LIANXIN_QUIET = '1';
  const started = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  log(`连心 benchmark — ${started.toISOString()} — ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}`);

  log('\n== cold start (fresh node process per load, median of 7)');
  const cold = coldStarts();
  log(`bare require('wx-server-sdk'): ${String(cold.sdkLoadMs)} ms`);
  for (const [f, v] of Object.entries(cold.functions as Record<string, { loadMs: number; overSdkMs: number; bundleBytes: number }>)) {
    log(`  ${f.padEnd(8)} ${v.loadMs} ms (+${v.overSdkMs} ms over the SDK), bundle ${v.bundleBytes} bytes`);
  }

  const mp = measureMiniprogram(root);
  const pages = readPageMetrics(root);
  log('\n== mini-program');
  log(`main ${mp.main.bytes} bytes (ours ${mp.main.ownBytes}, miniprogram_npm ${mp.main.npmBytes} in ${mp.main.npmFiles} files)`);
  for (const [r, s] of Object.entries(mp.subpackages)) log(`  ${r}: ${s.bytes} bytes`);
  log(
    pages
      ? `largest setData ${pages.maxSetDataBytes} bytes, WXML nodes ${String(pages.maxWxmlNodes)}`
      : 'setData / WXML nodes: test/pages/.metrics.json not present (the page tests write it)',
  );

  const sizes: Record<string, unknown>[] = [];
  for (const n of SIZES) sizes.push(await benchSize(n));

  const out = {
    command: `BENCH_SIZES=${SIZES.join(',')} npm run bench`,
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine,
    method: {
      latency:
        'client-observed ms of POST /functions/<name> on 127.0.0.1 (HTTP + function host + worker + every SDK round trip to the emulator), emulator in its own process with 32 instances per function, each instance warmed first',
      calls: CALLS,
      counts: 'round trips, documents examined/returned: one warm call, from the x-lianxin-* response headers',
    },
    coldStart: cold,
    miniprogram: {
      ...mp,
      pages: pages ? { maxSetDataBytes: pages.maxSetDataBytes, maxWxmlNodes: pages.maxWxmlNodes } : 'test/pages/.metrics.json not present',
    },
    sizes,
  };
  fs.writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify(out, null, 2) + '\n');
  fs.writeFileSync(path.join(root, 'bench', 'results.md'), renderMarkdown(out as unknown as Results));
  log(`\nwrote bench/results.json and bench/results.md (${((Date.now() - started.getTime()) / 1000).toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
