/**
 * The local CloudBase emulator: one HTTP server that the real wx-server-sdk talks to (`POST /admin`),
 * a function host (`POST /functions/<name>`), and development endpoints (`/dev/*`, `/health`).
 *
 * Endpoints:
 *   GET  /health                 → {ok: true}
 *   POST /admin                  CloudBase wire protocol (database.*, functions.invokeFunction, wx.openApi)
 *   POST /inst/<id>/admin        the same, used by function instances (attributes work to the invocation)
 *   POST /functions/<name>       body = event JSON; header x-lianxin-openid = caller (absent: unknown caller)
 *                                200 + return value, 500 + {errMsg} when the function throws, 404 when missing;
 *                                headers x-lianxin-round-trips / x-lianxin-docs-examined / x-lianxin-docs-returned
 *   GET  /dev/stats              per-collection queries / documents examined / returned, round trips, functions
 *   POST /dev/stats/reset        zero the counters
 *   GET  /dev/dump               every collection's documents as relaxed EJSON ({"$date": …} for dates)
 *   POST /dev/reset              drop all data (and the outbox, open transactions, counters)
 *   GET  /dev/messages           subscribe messages sent via cloud.openapi.subscribeMessage.send
 *   DELETE /dev/messages         clear them
 *   POST /dev/openapi/errors     {api, errcodes: [43101, …]}: the next calls of that open API fail with them
 *   POST /storage/upload         multipart `file` (+ `cloudPath`) → {fileID: cloud://local-dev/<path>}
 *   GET  /storage/<path>         the uploaded bytes (DevTools shows local photos through it)
 * CORS is open on every endpoint (development only) so WeChat DevTools can call them with wx.request.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import { AddressInfo } from 'net';
import { Database, Meter } from './db';
import { Doc, encodeRecord } from './ejson';
import { FunctionHost } from './functions';
import { OpenApi, decodeCommApiData, encodeCommOpenApiResp, parseMultipart } from './openapi';
import { Store, loadSchema } from './store';
import { LocalStorage } from './storage';

export interface EmulatorOptions {
  /** 0 = a random free port (default 0). */
  port?: number;
  host?: string;
  dataDir: string;
  /** default: <repo>/database/schema.json */
  schemaPath?: string;
  /** default: <repo>/cloudfunctions (each function at <dir>/<name>/index.js) */
  functionsDir?: string;
  /** default: <repo>/.build/emulator/worker.js (made by npm run build) */
  workerScript?: string;
  /** default 4 */
  instancesPerFunction?: number;
  /** default: <repo>/emulator/sensitive-words.json */
  sensitiveWordsPath?: string;
  /** WX_APPID given to functions; default wx_local_dev */
  appid?: string;
  quiet?: boolean;
}

export interface Emulator {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const OPENID_HEADER = 'x-lianxin-openid';

/** The repository root: the nearest ancestor holding database/schema.json. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'database', 'schema.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function cors(res: http.ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', `content-type, ${OPENID_HEADER}`);
  res.setHeader('Access-Control-Expose-Headers', 'x-lianxin-round-trips, x-lianxin-docs-examined, x-lianxin-docs-returned');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, raw?: string): void {
  const text = raw ?? JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const root = repoRoot();
  const quiet = options.quiet ?? false;
  const log = quiet ? () => undefined : (msg: string) => process.stdout.write(`[emulator] ${msg}\n`);
  const schema = loadSchema(options.schemaPath ?? path.join(root, 'database', 'schema.json'));
  const store = new Store(schema, path.resolve(options.dataDir));
  const files = new LocalStorage(path.join(path.resolve(options.dataDir), 'storage'));
  const db = new Database(store, log);
  const openapi = new OpenApi(options.sensitiveWordsPath ?? path.join(root, 'emulator', 'sensitive-words.json'), log);
  let baseUrl = '';
  const host = new FunctionHost({
    functionsDir: path.resolve(options.functionsDir ?? path.join(root, 'cloudfunctions')),
    workerScript: path.resolve(options.workerScript ?? path.join(root, '.build', 'emulator', 'worker.js')),
    baseUrl: () => baseUrl,
    maxInstances: options.instancesPerFunction ?? 4,
    appid: options.appid ?? 'wx_local_dev',
    quiet,
    log,
  });

  async function admin(req: http.IncomingMessage, res: http.ServerResponse, instanceId: number | undefined): Promise<void> {
    const raw = await readBody(req);
    const ctype = String(req.headers['content-type'] ?? '');
    const inst = instanceId === undefined ? undefined : host.instance(instanceId);
    const meter: Meter | undefined = inst?.meter;
    if (ctype.startsWith('multipart/form-data')) {
      const fields = parseMultipart(raw, ctype);
      const action = fields.get('action')?.toString() ?? '';
      db.stats.roundTrips++;
      if (meter) meter.roundTrips++;
      if (action === 'wx.openApi') {
        const apiName = fields.get('apiName')?.toString() ?? '';
        const result = await openapi.call(apiName, decodeCommApiData(fields.get('requestData') ?? Buffer.alloc(0)));
        const body = encodeCommOpenApiResp(result.body, result.contentType);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
        res.end(body);
        return;
      }
      sendJson(res, 200, { code: 'INVALID_ACTION', message: `action ${action} is not emulated`, requestId: 'local' });
      return;
    }
    let body: Doc;
    try {
      body = JSON.parse(raw.toString('utf8') || '{}') as Doc;
    } catch {
      sendJson(res, 200, { code: 'INVALID_PARAM', message: 'body is not JSON', requestId: 'local' });
      return;
    }
    const action = String(body.action ?? '');
    if (action.startsWith('database.')) {
      sendJson(res, 200, db.handle(body, meter));
      return;
    }
    if (action === 'functions.invokeFunction') {
      db.stats.roundTrips++;
      if (meter) meter.roundTrips++;
      const name = String(body.function_name ?? '');
      let event: unknown = {};
      try {
        event = body.request_data ? JSON.parse(String(body.request_data)) : {};
      } catch {
        event = {};
      }
      const r = await host.invoke(name, event, inst?.openid);
      if (r.status === 200) sendJson(res, 200, { data: { response_data: JSON.stringify(r.body) }, requestId: 'local' });
      else if (r.status === 404) sendJson(res, 200, { code: 'FUNCTIONS_REQUEST_FAIL', message: `[ResourceNotFound.Function] function ${name} not found`, requestId: 'local' });
      else sendJson(res, 200, { code: 'FUNCTIONS_EXECUTE_FAIL', message: String((r.body as { errMsg?: string }).errMsg ?? 'function failed'), requestId: 'local' });
      return;
    }
    sendJson(res, 200, { code: 'INVALID_ACTION', message: `action ${action} is not emulated`, requestId: 'local' });
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    cors(res);
    const url = new URL(req.url ?? '/', 'http://local');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (p === '/health') return sendJson(res, 200, { ok: true });
    if (method === 'POST' && p === '/admin') return admin(req, res, undefined);
    const instMatch = /^\/inst\/(\d+)\/admin$/.exec(p);
    if (method === 'POST' && instMatch) return admin(req, res, Number(instMatch[1]));
    const fnMatch = /^\/functions\/([^/]+)$/.exec(p);
    if (method === 'POST' && fnMatch) {
      const raw = (await readBody(req)).toString('utf8');
      let event: unknown = {};
      try {
        event = raw.trim() ? JSON.parse(raw) : {};
      } catch {
        return sendJson(res, 400, { errMsg: 'body must be JSON (the event)' });
      }
      const header = req.headers[OPENID_HEADER];
      const openid = typeof header === 'string' && header ? header : undefined;
      const r = await host.invoke(decodeURIComponent(fnMatch[1]), event, openid);
      res.setHeader('x-lianxin-round-trips', String(r.meter.roundTrips));
      res.setHeader('x-lianxin-docs-examined', String(r.meter.docsExamined));
      res.setHeader('x-lianxin-docs-returned', String(r.meter.docsReturned));
      return sendJson(res, r.status, r.body);
    }
    if (method === 'POST' && p === '/storage/upload') {
      const fields = parseMultipart(await readBody(req), String(req.headers['content-type'] ?? ''));
      const file = fields.get('file');
      const fileID = file ? files.save(file, fields.get('cloudPath')?.toString('utf8')) : null;
      return fileID ? sendJson(res, 200, { fileID }) : sendJson(res, 400, { errMsg: 'upload needs a file field of at most 10 MB' });
    }
    if (method === 'GET' && p.startsWith('/storage/')) {
      const bytes = files.read(decodeURIComponent(p.slice('/storage/'.length)));
      if (!bytes) return sendJson(res, 404, { errMsg: 'no such file' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      res.end(bytes);
      return;
    }
    if (method === 'GET' && p === '/dev/stats') return sendJson(res, 200, { ...db.stats, functions: host.stats });
    if (method === 'POST' && p === '/dev/stats/reset') {
      db.resetStats();
      host.resetStats();
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'GET' && p === '/dev/dump') {
      const collections: Record<string, Doc[]> = {};
      for (const c of store.collections.values()) collections[c.name] = [...c.entries.values()].sort((a, b) => a.seq - b.seq).map((e) => e.doc);
      return sendJson(res, 200, null, encodeRecord({ collections }));
    }
    if (method === 'POST' && p === '/dev/reset') {
      store.reset();
      db.abortAll();
      db.resetStats();
      host.resetStats();
      openapi.outbox.length = 0;
      log('data reset');
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && p === '/dev/openapi/errors') {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { api?: unknown; errcodes?: unknown };
      if (typeof body.api !== 'string' || !Array.isArray(body.errcodes) || !body.errcodes.every((c) => Number.isInteger(c))) {
        return sendJson(res, 400, { errMsg: 'body must be {api, errcodes: number[]}' });
      }
      openapi.injected.set(body.api, [...(openapi.injected.get(body.api) ?? []), ...(body.errcodes as number[])]);
      return sendJson(res, 200, { ok: true });
    }
    if (p === '/dev/messages') {
      if (method === 'DELETE') {
        openapi.outbox.length = 0;
        return sendJson(res, 200, { ok: true });
      }
      if (method === 'GET') return sendJson(res, 200, { messages: openapi.outbox });
    }
    return sendJson(res, 404, { errMsg: `no route ${method} ${p}` });
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errMsg: e instanceof Error ? e.message : String(e) });
      else res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  const listenHost = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, listenHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = listenHost === '0.0.0.0' || listenHost === '::' ? '127.0.0.1' : listenHost;
  baseUrl = `http://${shownHost}:${port}`;
  log(`listening on ${baseUrl} (data: ${path.resolve(options.dataDir)}, ${store.docCount()} documents)`);

  let stopping: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await host.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.close();
      })()),
  };
}

export { sdkEnv, callFunction } from './client';
