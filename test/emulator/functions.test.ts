/**
 * The function host: POST /functions/<name>, identity from x-lianxin-openid reaching getWXContext(),
 * one invocation at a time per instance, errors, nested callFunction, open APIs.
 * Needs .build/emulator/worker.js (npm run build).
 */
import { callFunction, FunctionCallError, invoke } from '../../emulator/client';
import { getJson, startTestEmulator } from './helpers';

type Who = {
  before?: string;
  openid?: string;
  appid: string;
  pid: number;
  maxActive: number;
  userInfo: { openId: string; appId: string } | null;
  tz: string;
  emulator: string;
};

let emu: Awaited<ReturnType<typeof startTestEmulator>>;

beforeAll(async () => {
  emu = await startTestEmulator(2);
});
afterAll(async () => {
  await emu.stop();
});

test('the caller chosen by the header is the OPENID the function sees; no header = unknown caller', async () => {
  const me = await callFunction<Who>(emu.url, 'whoami', {}, 'o_alice');
  // A worker keeps the host's time zone, as a 云开发 function keeps its own (UTC unless configured): none is forced.
  expect(me).toMatchObject({
    openid: 'o_alice',
    appid: 'wx_local_dev',
    userInfo: { openId: 'o_alice', appId: 'wx_local_dev' },
    tz: process.env.TZ,
    emulator: '1',
  });
  const anon = await callFunction<Who>(emu.url, 'whoami', {});
  expect(anon.openid).toBeUndefined();
  expect(anon.userInfo).toBeNull();
});

test('concurrent invocations never see each other’s identity; one invocation at a time per instance', async () => {
  const callers = ['o_1', 'o_2', 'o_3', 'o_4', 'o_5', 'o_6'];
  const results = await Promise.all(callers.map((o, i) => callFunction<Who>(emu.url, 'whoami', { delay: 150 - i * 20 }, o)));
  results.forEach((r, i) => {
    expect(r.before).toBe(callers[i]);
    expect(r.openid).toBe(callers[i]);
    expect(r.maxActive).toBe(1);
  });
  // the pool grew to at most 2 instances (instancesPerFunction = 2), so calls queued
  expect(new Set(results.map((r) => r.pid)).size).toBeLessThanOrEqual(2);
  const stats = await getJson<{ functions: Record<string, { instances: number }> }>(`${emu.url}/dev/stats`);
  expect(stats.functions.whoami.instances).toBeLessThanOrEqual(2);
});

test('a function using the database: per-invocation round trips and documents examined', async () => {
  const r = await invoke<{ _id: string; owner: string; n: number }>(emu.url, 'dbwork', { id: 'k1' }, 'o_bob');
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ _id: 'k1', owner: 'o_bob', n: 1 });
  expect(r.roundTrips).toBe(3);
  expect(r.docsExamined).toBe(2); // update by _id + get by _id; set() examines nothing
});

test('errors: a throwing function → 500 {errMsg}; a missing one → 404; a crashing one → 500 and the pool recovers', async () => {
  const thrown = await invoke<{ errMsg: string }>(emu.url, 'boom', {});
  expect(thrown.status).toBe(500);
  expect(thrown.body.errMsg).toContain('boom from function');
  await expect(callFunction(emu.url, 'boom', {})).rejects.toBeInstanceOf(FunctionCallError);
  expect((await invoke(emu.url, 'nope', {})).status).toBe(404);
  const crashed = await invoke<{ errMsg: string }>(emu.url, 'boom', { exit: true });
  expect(crashed.status).toBe(500);
  expect((await invoke(emu.url, 'boom', {})).status).toBe(500);
});

test('cloud.callFunction from inside a function reaches the other function with the same caller', async () => {
  const r = await callFunction<Who>(emu.url, 'caller', {}, 'o_carol');
  expect(r.openid).toBe('o_carol');
  await expect(callFunction(emu.url, 'caller', { target: 'nope' }, 'o_carol')).rejects.toBeInstanceOf(FunctionCallError);
});

test('open APIs: msgSecCheck with the word list, subscribeMessage outbox, wxacode PNG', async () => {
  // WeChat delivers a subscription message only with the user's grant: o_dan allowed the long-term template TPL once.
  await fetch(`${emu.url}/dev/subscribe/templates`, { method: 'PUT', body: JSON.stringify({ templates: { TPL: 'long' } }) });
  await fetch(`${emu.url}/dev/subscribe/answer`, {
    method: 'POST',
    body: JSON.stringify({ openid: 'o_dan', tmplIds: ['TPL'], answers: { TPL: 'accept' } }),
  });
  const risky = await callFunction<{ suggest: string; contentType: string; pngSignature: string }>(
    emu.url,
    'notify',
    { text: '这里有违禁词测试' },
    'o_dan',
  );
  expect(risky).toEqual({ suggest: 'risky', contentType: 'image/png', pngSignature: 'PNG' });
  const ok = await callFunction<{ suggest: string }>(emu.url, 'notify', { text: '你好' }, 'o_dan');
  expect(ok.suggest).toBe('pass');
  const { messages } = await getJson<{ messages: { api: string; data: { touser: string; template_id: string } }[] }>(
    `${emu.url}/dev/messages`,
  );
  expect(messages).toHaveLength(2);
  expect(messages[0]).toMatchObject({ api: 'subscribeMessage.send', data: { touser: 'o_dan', template_id: 'TPL' } });
});

test('CORS preflight for the mini-program in DevTools', async () => {
  const res = await fetch(`${emu.url}/functions/whoami`, { method: 'OPTIONS' });
  expect(res.status).toBe(204);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('access-control-allow-headers')).toContain('x-lianxin-openid');
  expect((await getJson<{ ok: boolean }>(`${emu.url}/health`)).ok).toBe(true);
});

describe('local 云存储', () => {
  it('keeps an uploaded photo and serves it back by its fileID path', async () => {
    const { startEmulator } = await import('../../emulator');
    const fs = await import('fs');
    const os = await import('os');
    const path = await import('path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-storage-'));
    const emu = await startEmulator({ port: 0, dataDir: dir, quiet: true });
    try {
      const form = new FormData();
      form.append('cloudPath', 'requests/20261126/abc.jpg');
      form.append('file', new Blob([Buffer.from('not really a jpeg')]), 'abc.jpg');
      const up = (await (await fetch(`${emu.url}/storage/upload`, { method: 'POST', body: form })).json()) as { fileID: string };
      expect(up.fileID).toBe('cloud://local-dev/requests/20261126/abc.jpg');
      const got = await fetch(`${emu.url}/storage/requests/20261126/abc.jpg`);
      expect(await got.text()).toBe('not really a jpeg');
      expect((await fetch(`${emu.url}/storage/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    } finally {
      await emu.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
