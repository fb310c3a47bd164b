/**
 * The emulator's HTTP surface: which path and method go to the database, the function host, the open
 * APIs, storage or the development endpoints. Routing only; the parts are made and started by
 * `startEmulator` (index.ts).
 *
 * Endpoints:
 *   GET  /health                 → {ok: true}
 *   POST /admin                  CloudBase wire protocol (database.*, storage.batchGetDownloadUrl, functions.invokeFunction, wx.openApi)
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
 *   POST /dev/phone-codes        {phone, openid?} → {code}: what WeChat gives a getPhoneNumber button when the
 *                                user agrees (phonenumber.getPhoneNumber takes it once, within 5 minutes)
 *   PUT  /dev/subscribe/templates  {templates: {id: 'long'|'once'}}: the console's template kinds (unknown: one-time)
 *   POST /dev/subscribe/answer   {openid, tmplIds, answers: {id: accept|acceptWithAudio|reject|ban|filter}, keep?}:
 *                                the user's tap in a subscription panel → {ok, answers} | {ok: false, errCode, errMsg}
 *   POST /dev/subscribe/setting  {openid, mainSwitch?, itemSettings?}: the user changes 设置 → 通知管理
 *   GET  /dev/subscribe/setting?openid=…  wx.getSetting({withSubscriptions: true}).subscriptionsSetting
 *   POST /asr                    Tencent Cloud ASR 一句话识别 (SentenceRecognition) as server/speech.ts calls it; the
 *                                words are the recording's ID3 title (asr.ts: no speech model runs locally)
 *   POST /storage/upload         multipart `file` (+ `cloudPath`) → {fileID: cloud://local-dev/<path>}
 *   GET  /storage/<path>         the uploaded bytes (DevTools shows local photos through it)
 * CORS is open on every endpoint (development only) so WeChat DevTools can call them with wx.request.
 */
import type http from 'http';
import { OPENID_HEADER } from './client';
import { type Database, type Meter } from './db';
import { type Doc, encodeRecord } from './ejson';
import { type FunctionHost } from './functions';
import { type OpenApi, decodeCommApiData, encodeCommOpenApiResp, parseMultipart } from './openapi';
import { type LocalStorage } from './storage';
import { sentenceRecognition } from './asr';
import { type Store } from './store';

/** What the routes reach. */
export interface Parts {
  db: Database;
  store: Store;
  files: LocalStorage;
  openapi: OpenApi;
  host: FunctionHost;
  log: (msg: string) => void;
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

async function admin(parts: Parts, req: http.IncomingMessage, res: http.ServerResponse, instanceId: number | undefined): Promise<void> {
  const { db, host, openapi } = parts;
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
    sendJson(res, 200, await db.handle(body, meter));
    return;
  }
  if (action.startsWith('storage.')) {
    db.stats.roundTrips++;
    if (meter) meter.roundTrips++;
    sendJson(res, 200, parts.files.handle(body, `http://${req.headers.host ?? '127.0.0.1'}`));
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
    else if (r.status === 404)
      sendJson(res, 200, {
        code: 'FUNCTIONS_REQUEST_FAIL',
        message: `[ResourceNotFound.Function] function ${name} not found`,
        requestId: 'local',
      });
    else
      sendJson(res, 200, {
        code: 'FUNCTIONS_EXECUTE_FAIL',
        message: String((r.body as { errMsg?: string }).errMsg ?? 'function failed'),
        requestId: 'local',
      });
    return;
  }
  sendJson(res, 200, { code: 'INVALID_ACTION', message: `action ${action} is not emulated`, requestId: 'local' });
}

async function route(parts: Parts, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { db, store, files, openapi, host, log } = parts;
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
  if (method === 'POST' && p === '/admin') return admin(parts, req, res, undefined);
  const instMatch = /^\/inst\/(\d+)\/admin$/.exec(p);
  if (method === 'POST' && instMatch) return admin(parts, req, res, Number(instMatch[1]));
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
  if (method === 'POST' && p === '/asr') {
    return sendJson(res, 200, sentenceRecognition(req.headers, (await readBody(req)).toString('utf8')));
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
    for (const c of store.collections.values())
      collections[c.name] = [...c.entries.values()].sort((a, b) => a.seq - b.seq).map((e) => e.doc);
    return sendJson(res, 200, null, encodeRecord({ collections }));
  }
  if (method === 'POST' && p === '/dev/reset') {
    store.reset();
    db.abortAll();
    db.resetStats();
    host.resetStats();
    openapi.outbox.length = 0;
    openapi.subscriptions.reset();
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
  if (method === 'POST' && p === '/dev/phone-codes') {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { phone?: unknown; openid?: unknown };
    if (typeof body.phone !== 'string' || !/^1\d{10}$/.test(body.phone) || (body.openid !== undefined && typeof body.openid !== 'string')) {
      return sendJson(res, 400, { errMsg: 'body must be {phone: "1xxxxxxxxxx", openid?}' });
    }
    return sendJson(res, 200, { code: openapi.issuePhoneCode(body.phone, body.openid ?? null) });
  }
  if (p.startsWith('/dev/subscribe/')) return subscribeRoute(openapi, method, p, req, res);
  if (p === '/dev/messages') {
    if (method === 'DELETE') {
      openapi.outbox.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'GET') return sendJson(res, 200, { messages: openapi.outbox });
  }
  return sendJson(res, 404, { errMsg: `no route ${method} ${p}` });
}

/** The platform's subscription-message grants (subscriptions.ts): the console, the phone's taps and settings. */
async function subscribeRoute(openapi: OpenApi, method: string, p: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const subs = openapi.subscriptions;
  const body = async (): Promise<Record<string, unknown>> => {
    const v: unknown = JSON.parse((await readBody(req)).toString('utf8') || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  };
  const isMap = (v: unknown): v is Record<string, string> =>
    !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
  if (method === 'PUT' && p === '/dev/subscribe/templates') {
    const b = await body();
    if (!isMap(b.templates) || !Object.values(b.templates).every((k) => k === 'long' || k === 'once'))
      return sendJson(res, 400, { errMsg: "body must be {templates: {id: 'long'|'once'}}" });
    subs.setKinds(b.templates as Record<string, 'long' | 'once'>);
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'POST' && p === '/dev/subscribe/answer') {
    const b = await body();
    if (typeof b.openid !== 'string' || !Array.isArray(b.tmplIds) || !isMap(b.answers))
      return sendJson(res, 400, { errMsg: 'body must be {openid, tmplIds: string[], answers: {id: answer}, keep?}' });
    return sendJson(res, 200, subs.answer(b.openid, b.tmplIds.map(String), b.answers as never, b.keep === true));
  }
  if (p === '/dev/subscribe/setting') {
    if (method === 'GET') {
      const openid = new URL(req.url ?? '', 'http://x').searchParams.get('openid');
      if (!openid) return sendJson(res, 400, { errMsg: 'openid= is required' });
      return sendJson(res, 200, subs.subscriptionsSetting(openid));
    }
    if (method === 'POST') {
      const b = await body();
      if (typeof b.openid !== 'string' || (b.itemSettings !== undefined && !isMap(b.itemSettings)))
        return sendJson(res, 400, { errMsg: 'body must be {openid, mainSwitch?, itemSettings?}' });
      subs.setting(b.openid, {
        ...(typeof b.mainSwitch === 'boolean' ? { mainSwitch: b.mainSwitch } : {}),
        ...(b.itemSettings ? { itemSettings: b.itemSettings as never } : {}),
      });
      return sendJson(res, 200, { ok: true });
    }
  }
  return sendJson(res, 404, { errMsg: `no route ${method} ${p}` });
}

/** The request listener of the emulator's HTTP server. */
export function router(parts: Parts): http.RequestListener {
  return (req, res) => {
    route(parts, req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errMsg: e instanceof Error ? e.message : String(e) });
      else res.end();
    });
  };
}
