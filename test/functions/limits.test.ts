/**
 * Issue 9 item 7: per-caller limits for submissions and every other action that takes text,
 * with the numbers in `settings` (data), answered with RATE_LIMITED and a plain message; a refused
 * call (over the limit, or refused for any other reason) stores nothing and counts nothing.
 */
import { db } from '../../server/db';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { R1, R2, RENSHE } from '../helpers/demo';
import { ALL_ACTIONS, FUNCTIONS, shapeOf, split } from '../reliability/tables';

let cloud: TestCloud;
let seq = 0;
// Settings are read afresh on every call here, so the limits this file sets apply at once.
const ttl = process.env.LIANXIN_RULES_TTL_MS;
process.env.LIANXIN_RULES_TTL_MS = '0';
afterAll(() => {
  if (ttl === undefined) delete process.env.LIANXIN_RULES_TTL_MS;
  else process.env.LIANXIN_RULES_TTL_MS = ttl;
});
useCloud((c) => (cloud = c));

const submit = (openid: string, clientId = `limit-${(seq += 1).toString().padStart(4, '0')}`) =>
  cloud.raw(openid, 'request', {
    action: 'submit',
    clientId,
    category: '咨询',
    content: '请问社保卡丢了怎么补办？',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: false,
  });
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const setLimits = (limits: Record<string, { perHour: number }>) => db.collection('settings').doc('limits').set({ data: limits });

it('the demo county’s limits are data, seeded into settings', async () => {
  const { limitSettings } = await import('../../scripts/demo-county');
  expect(limitSettings).toEqual({ _id: 'limits', submit: { perHour: 10 }, text: { perHour: 60 } });
});

it('a resident over the submission limit is told plainly, and nothing is stored; another resident is not limited', async () => {
  await setLimits({ submit: { perHour: 3 }, text: { perHour: 100 } });
  const first = await submit(R1);
  expect(code(first)).toBe('OK');
  expect(code(await submit(R1))).toBe('OK');
  expect(code(await submit(R1))).toBe('OK');
  const before = await cloud.dump();
  const over = await submit(R1);
  expect(over).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '您提交得太频繁了，请一小时后再试' } });
  expect(await cloud.dump()).toEqual(before);
  expect(code(await submit(R2))).toBe('OK');
  // a retry of a submission already made still answers with it (a lost reply is not a new submission)
  const firstId = (first as { data: { id: string } }).data.id;
  const retry = await cloud.raw(R1, 'request', {
    action: 'submit',
    clientId: 'limit-0001',
    category: '咨询',
    content: '请问社保卡丢了怎么补办？',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: false,
  });
  expect(retry).toMatchObject({ ok: true, data: { id: firstId, duplicate: true } });
});

it('other text actions are limited per caller too, and a refused call does not count', async () => {
  await setLimits({ submit: { perHour: 100 }, text: { perHour: 2 } });
  const s = await submit(R2);
  const id = (s as { data: { id: string } }).data.id;
  // refused for another reason (a stale version): not counted
  for (let i = 0; i < 3; i += 1)
    expect(code(await cloud.raw(R2, 'request', { action: 'withdraw', id, version: 99, reason: '不需要了' }))).toBe('CONFLICT');
  const d = await cloud.ok(RENSHE, 'request', 'detail', { id });
  expect(code(await cloud.raw(RENSHE, 'request', { action: 'pause', id, version: d.version, reason: '等待群众补充材料' }))).toBe(
    'CONFLICT',
  ); // not accepted yet
  const a = await cloud.ok(RENSHE, 'request', 'accept', { id, version: d.version });
  const p = await cloud.ok(RENSHE, 'request', 'pause', { id, version: a.version, reason: '等待群众补充材料' });
  const r = await cloud.ok(RENSHE, 'request', 'reply', { id, version: p.version, reply: '请携带身份证到社保窗口补办。' });
  const before = await cloud.dump();
  const over = await cloud.raw(RENSHE, 'request', {
    action: 'revisit',
    id,
    version: r.version,
    note: '电话回访，群众满意',
    satisfied: true,
  });
  expect(over).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '您操作得太频繁了，请一小时后再试' } });
  expect(await cloud.dump()).toEqual(before);
  // the resident's own allowance is separate
  expect(code(await cloud.raw(R2, 'request', { action: 'rate', id, version: r.version, resolved: true, score: 5 }))).toBe('OK');
  await setLimits({ submit: { perHour: 100 }, text: { perHour: 100 } });
});

it('every action that takes typed text declares a limit (found by asking each schema)', () => {
  const SAMPLE = '这是一段群众或干部输入的中文文字说明';
  const undeclared: string[] = [];
  for (const fa of ALL_ACTIONS) {
    const [fn, a] = split(fa);
    const handler = FUNCTIONS[fn]![a]! as { limit?: string };
    const takesText = Object.entries(shapeOf(fa)).some(
      ([k, s]) => k !== 'cursor' && (s as { safeParse(v: unknown): { success: boolean } }).safeParse(SAMPLE).success,
    );
    if (takesText && !handler.limit) undeclared.push(fa);
    if (fa === 'request.submit') expect(handler.limit).toBe('submit');
  }
  expect(undeclared).toEqual([]);
});
