/**
 * Function host: runs `cloudfunctions/<name>/index.js` like CloudBase does — each instance is a worker
 * process handling ONE invocation at a time, with the caller's identity in its environment (what
 * wx-server-sdk's getWXContext() reads). Requests queue for a free instance; the pool of a function
 * grows up to `maxInstances`. Instances stay warm (the module is loaded once per instance).
 *
 * Each instance talks to the emulator through its own URL (`/inst/<id>/admin`), so database round
 * trips and documents examined are attributed to the invocation running in that instance.
 */
import { type ChildProcess, fork } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { type Meter, newMeter } from './db';

export interface InvokeResult {
  status: number;
  body: unknown;
  meter: Meter;
  durationMs: number;
}

export interface FunctionStats {
  invocations: number;
  errors: number;
  roundTrips: number;
  maxRoundTrips: number;
  docsExamined: number;
  instances: number;
  coldStarts: number;
}

interface Job {
  event: unknown;
  openid: string | undefined;
  resolve: (r: InvokeResult) => void;
}

interface Instance {
  id: number;
  fn: string;
  child: ChildProcess;
  busy: boolean;
  openid: string | undefined;
  meter: Meter;
  /** Resolves once the worker has loaded the function (its cold start). */
  ready: Promise<void>;
  finish?: (ok: boolean, body: unknown, status: number) => void;
}

export interface FunctionHostOptions {
  functionsDir: string;
  workerScript: string;
  /** e.g. http://127.0.0.1:9777 (known once the server listens) */
  baseUrl: () => string;
  maxInstances: number;
  appid: string;
  /** The deployment's ballot secret, in every instance's environment as a county's deploy puts it. */
  ballotSecret: string;
  quiet: boolean;
  log: (msg: string) => void;
}

interface WorkerMessage {
  type: 'result' | 'ready';
  ok: boolean;
  value?: unknown;
  errMsg?: string;
}

let nextInstanceId = 1;

export class FunctionHost {
  readonly stats: Record<string, FunctionStats> = {};
  private readonly pools = new Map<string, Instance[]>();
  private readonly queues = new Map<string, Job[]>();
  private readonly byId = new Map<number, Instance>();
  private stopped = false;

  constructor(private readonly opts: FunctionHostOptions) {}

  functionFile(name: string): string | null {
    if (!/^[A-Za-z0-9_-]+$/.test(name)) return null;
    const file = path.join(this.opts.functionsDir, name, 'index.js');
    return fs.existsSync(file) ? file : null;
  }

  private timeoutMs(name: string): number {
    try {
      const cfg = JSON.parse(fs.readFileSync(path.join(this.opts.functionsDir, name, 'config.json'), 'utf8')) as { timeout?: number };
      if (typeof cfg.timeout === 'number' && cfg.timeout > 0) return cfg.timeout * 1000;
    } catch {
      /* no config.json */
    }
    return 20_000;
  }

  private fnStats(name: string): FunctionStats {
    return (this.stats[name] ??= {
      invocations: 0,
      errors: 0,
      roundTrips: 0,
      maxRoundTrips: 0,
      docsExamined: 0,
      instances: 0,
      coldStarts: 0,
    });
  }

  resetStats(): void {
    for (const [name, s] of Object.entries(this.stats)) {
      this.stats[name] = {
        invocations: 0,
        errors: 0,
        roundTrips: 0,
        maxRoundTrips: 0,
        docsExamined: 0,
        instances: s.instances,
        coldStarts: 0,
      };
    }
  }

  /** The meter of the invocation currently running in instance `id` (for /inst/<id>/admin). */
  instance(id: number): { meter: Meter; openid: string | undefined } | undefined {
    const inst = this.byId.get(id);
    return inst && inst.busy ? { meter: inst.meter, openid: inst.openid } : undefined;
  }

  invoke(name: string, event: unknown, openid: string | undefined): Promise<InvokeResult> {
    const file = this.functionFile(name);
    if (!file) return Promise.resolve({ status: 404, body: { errMsg: `function ${name} not found` }, meter: newMeter(), durationMs: 0 });
    if (!fs.existsSync(this.opts.workerScript)) {
      return Promise.resolve({
        status: 500,
        body: { errMsg: `emulator worker not built (${this.opts.workerScript}); run npm run build` },
        meter: newMeter(),
        durationMs: 0,
      });
    }
    return new Promise((resolve) => {
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      queue.push({ event, openid, resolve });
      this.pump(name, file);
    });
  }

  private pump(name: string, file: string): void {
    if (this.stopped) return;
    const queue = this.queues.get(name) ?? [];
    const pool = this.pools.get(name) ?? [];
    this.pools.set(name, pool);
    while (queue.length > 0) {
      let inst = pool.find((i) => !i.busy);
      if (!inst && pool.length < this.opts.maxInstances) {
        inst = this.spawn(name, file);
        pool.push(inst);
      }
      if (!inst) return; // wait for a free instance
      this.run(inst, queue.shift() as Job, name, file);
    }
  }

  private spawn(name: string, file: string): Instance {
    const id = nextInstanceId++;
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) if (k.startsWith('WX_') || k.startsWith('TCB_')) delete env[k];
    Object.assign(env, {
      LIANXIN_EMULATOR: '1',
      LIANXIN_FUNCTION_FILE: file,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.opts.baseUrl()}/inst/${id}/admin` }),
      TCB_ENV: 'lianxin-local',
      SCF_NAMESPACE: 'lianxin-local',
      SCF_FUNCTIONNAME: name,
      TENCENTCLOUD: 'true',
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      WX_APPID: this.opts.appid,
      LIANXIN_BALLOT_SECRET: this.opts.ballotSecret,
      // 一句话识别 (server/speech.ts) goes to the local cloud's /asr
      LIANXIN_ASR_URL: `${this.opts.baseUrl()}/asr`,
    });
    const child = fork(this.opts.workerScript, [], {
      env,
      stdio: this.opts.quiet ? ['ignore', 'ignore', 'ignore', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const inst: Instance = { id, fn: name, child, busy: false, openid: undefined, meter: newMeter(), ready };
    this.byId.set(id, inst);
    const s = this.fnStats(name);
    s.instances++;
    s.coldStarts++;
    this.opts.log(`function ${name}: instance ${id} started`);
    child.on('message', (msg: WorkerMessage) => {
      if (msg && msg.type === 'ready') markReady();
      if (msg && msg.type === 'result' && inst.finish)
        inst.finish(msg.ok, msg.ok ? (msg.value ?? null) : { errMsg: msg.errMsg ?? 'function failed' }, msg.ok ? 200 : 500);
    });
    child.on('exit', (code, signal) => {
      this.byId.delete(id);
      const pool = this.pools.get(name) ?? [];
      const i = pool.indexOf(inst);
      if (i >= 0) pool.splice(i, 1);
      s.instances--;
      markReady(); // an instance that died while loading lets its waiting invocation fail below
      if (inst.finish)
        inst.finish(false, { errMsg: `function instance exited (${signal ?? `code ${String(code)}`}) during invocation` }, 500);
      if (!this.stopped) this.pump(name, file);
    });
    child.on('error', () => undefined);
    return inst;
  }

  private run(inst: Instance, job: Job, name: string, file: string): void {
    inst.busy = true;
    inst.openid = job.openid;
    inst.meter = newMeter();
    const started = Date.now();
    const s = this.fnStats(name);
    const timeout = this.timeoutMs(name);
    let timer: NodeJS.Timeout | undefined;
    inst.finish = (ok, body, status) => {
      clearTimeout(timer);
      inst.finish = undefined;
      inst.busy = false;
      inst.openid = undefined;
      const meter = inst.meter;
      s.invocations++;
      if (!ok) s.errors++;
      s.roundTrips += meter.roundTrips;
      s.docsExamined += meter.docsExamined;
      s.maxRoundTrips = Math.max(s.maxRoundTrips, meter.roundTrips);
      const durationMs = Date.now() - started;
      this.opts.log(
        `function ${name} → ${status} (${durationMs} ms, ${meter.roundTrips} round trips, ${meter.docsExamined} docs examined)`,
      );
      job.resolve({ status, body, meter, durationMs });
      setImmediate(() => this.pump(name, file));
    };
    const event =
      job.openid && isObject(job.event) ? { ...job.event, userInfo: { appId: this.opts.appid, openId: job.openid } } : job.event;
    const context = {
      request_id: crypto.randomUUID(),
      function_name: name,
      function_version: '$LATEST',
      namespace: 'lianxin-local',
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeout,
    };
    // The timeout counts the invocation, not the instance's cold start (as in the cloud).
    void inst.ready.then(() => {
      if (!inst.finish) return; // the instance died while loading
      timer = setTimeout(() => {
        if (inst.finish) inst.finish(false, { errMsg: `Invoking task timed out after ${timeout / 1000} seconds` }, 500);
        inst.child.kill('SIGKILL');
      }, timeout);
      inst.child.send({ type: 'invoke', event, context, openid: job.openid ?? null });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.byId.values()];
    for (const q of this.queues.values())
      for (const job of q.splice(0)) job.resolve({ status: 503, body: { errMsg: 'emulator stopping' }, meter: newMeter(), durationMs: 0 });
    await Promise.all(
      all.map(
        (inst) =>
          new Promise<void>((resolve) => {
            if (inst.child.exitCode !== null || inst.child.signalCode !== null) return resolve();
            inst.child.once('exit', () => resolve());
            inst.child.kill('SIGKILL');
          }),
      ),
    );
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
