/**
 * Bad input for every action: missing fields, wrong types, huge strings, injection-looking values,
 * extra fields. Each gets INVALID_INPUT with a Chinese message, and the database stays as it was.
 */
import { requestId } from '../../server/domain/requestNo';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, R1, R2, RENSHE } from '../helpers/demo';

let cloud: TestCloud;
// The base request's id is known before it exists: ids derive from the submitter and client id.
const req = { id: requestId(R1, 'bad-input-base-1'), version: 0 };

useCloud((c) => (cloud = c));
beforeAll(async () => {
  const s = await cloud.ok(R1, 'request', 'submit', {
    clientId: 'bad-input-base-1',
    category: '咨询',
    content: '测试用的正常诉求内容',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: false,
  });
  expect(s.id).toBe(req.id);
});

interface Case {
  fn: string;
  action: string;
  valid: Record<string, unknown>;
  required: string[];
}

const cases: Case[] = [
  { fn: 'user', action: 'me', valid: {}, required: [] },
  { fn: 'user', action: 'bindInvite', valid: { code: 'DEMO2626', name: '测试干部' }, required: ['code', 'name'] },
  { fn: 'county', action: 'card', valid: { scene: 'c-renshe-01' }, required: ['scene'] },
  { fn: 'county', action: 'unitCards', valid: {}, required: [] },
  { fn: 'county', action: 'units', valid: {}, required: [] },
  { fn: 'county', action: 'regions', valid: { parentId: 'town-chengguan' }, required: [] },
  {
    fn: 'request',
    action: 'submit',
    required: ['clientId', 'category', 'content', 'confidential', 'mayContact'],
    valid: {
      clientId: 'bad-input-new-1',
      category: '求助',
      content: '路灯坏了好几天了',
      scene: 'c-chengguan-01',
      confidential: false,
      mayContact: true,
      contactName: '张三',
      contactPhone: '13800009999',
      urgency: 'normal',
    },
  },
  { fn: 'request', action: 'mine', valid: {}, required: [] },
  { fn: 'request', action: 'detail', valid: { id: req.id }, required: ['id'] },
  { fn: 'request', action: 'withdraw', valid: { ...req, reason: '不需要了' }, required: ['id', 'version'] },
  {
    fn: 'request',
    action: 'rate',
    valid: { ...req, resolved: false, score: 1, comment: '好' },
    required: ['id', 'version', 'resolved', 'score'],
  },
  { fn: 'request', action: 'inbox', valid: { box: 'todo' }, required: ['box'] },
  { fn: 'request', action: 'accept', valid: { ...req }, required: ['id', 'version'] },
  { fn: 'request', action: 'reply', valid: { ...req, reply: '已经处理完毕了' }, required: ['id', 'version', 'reply'] },
  { fn: 'request', action: 'return', valid: { ...req, reason: '不属于本单位职责' }, required: ['id', 'version', 'reason'] },
  {
    fn: 'request',
    action: 'transfer',
    valid: { ...req, unitId: 'unit-zhujian', reason: '属于住建局职责' },
    required: ['id', 'version', 'unitId', 'reason'],
  },
  { fn: 'admin', action: 'queue', valid: {}, required: [] },
  { fn: 'admin', action: 'dispatch', valid: { ...req, unitId: 'unit-zhujian', note: '请办理' }, required: ['id', 'version', 'unitId'] },
  { fn: 'admin', action: 'createInvite', valid: { unitId: 'unit-renshe', level: '窗口工作人员' }, required: ['unitId', 'level'] },
];

/** Values a field of the valid value's type never accepts. */
const INJECTION: unknown[] = [null, [], { $gt: '' }, { $where: 'sleep(1000)' }, { 'a.b': 1 }];
const POISON: Record<string, unknown[]> = {
  string: [...INJECTION, -1.5, true, 'x'.repeat(5000), '𝌆'.repeat(3000), '\u0000'.repeat(100)],
  number: [...INJECTION, '1', true, -1.5, 1e12, Number.NaN],
  boolean: [...INJECTION, 'true', 1],
};

function mutations(c: Case): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const key of c.required) {
    const { [key]: _dropped, ...rest } = c.valid;
    out.push([`without ${key}`, rest]);
  }
  for (const key of Object.keys(c.valid)) {
    for (const p of POISON[typeof c.valid[key]] ?? INJECTION)
      out.push([`${key} = ${JSON.stringify(p).slice(0, 20)}`, { ...c.valid, [key]: p }]);
  }
  out.push(['an extra field', { ...c.valid, extra: 1 }]);
  out.push(['a dotted key', { ...c.valid, 'a.b': 1 }]);
  out.push(['an operator key', { ...c.valid, $set: { status: 'closed' } }]);
  return out;
}

describe('every action rejects malformed input and changes nothing', () => {
  it.each(cases.map((c) => [`${c.fn}.${c.action}`, c] as const))('%s', async (_name, c) => {
    const caller =
      c.fn === 'admin' ? ADMIN : c.action === 'inbox' || ['accept', 'reply', 'return', 'transfer'].includes(c.action) ? RENSHE : R1;
    const before = await cloud.dump();
    for (const [what, event] of mutations(c)) {
      const res = await cloud.raw(caller, c.fn, { action: c.action, ...event });
      expect([what, res.ok ? 'ok' : res.error.code]).toEqual([what, 'INVALID_INPUT']);
      if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await cloud.dump()).toEqual(before);
  });
});

describe('the envelope', () => {
  it('answers an unknown or missing action with INVALID_INPUT, never undefined', async () => {
    for (const event of [{ action: 'dropDatabase' }, {}, { action: 42 }, { action: '__proto__' }, { action: 'constructor' }]) {
      const res = await cloud.raw(R1, 'request', event);
      expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '不支持的操作' } });
    }
  });

  it('answers a caller without identity with UNAUTHENTICATED', async () => {
    const res = await cloud.raw(null, 'request', { action: 'mine' });
    expect(res.ok ? 'ok' : res.error.code).toBe('UNAUTHENTICATED');
  });

  it('gives a Chinese message naming the field', async () => {
    const res = await cloud.raw(R1, 'request', {
      action: 'submit',
      clientId: 'msg-check-0001',
      category: '咨询',
      content: '短',
      scene: 'c-renshe-01',
      confidential: false,
      mayContact: false,
    });
    expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '诉求内容请至少写5个字' } });
  });

  it('rejects text the content check flags, and stores nothing', async () => {
    const before = await cloud.dump();
    const res = await cloud.raw(R1, 'request', {
      action: 'submit',
      clientId: 'content-check-0001',
      category: '咨询',
      content: '这里有违禁词测试的内容',
      scene: 'c-renshe-01',
      confidential: false,
      mayContact: false,
    });
    expect(res.ok ? 'ok' : res.error.code).toBe('CONTENT_REJECTED');
    expect(await cloud.dump()).toEqual(before);
  });

  it('refuses roles the caller does not have', async () => {
    for (const [fn, action, event] of [
      ['admin', 'queue', {}],
      ['admin', 'createInvite', { unitId: 'unit-renshe', level: '窗口工作人员' }],
      ['request', 'inbox', { box: 'todo' }],
      ['county', 'unitCards', {}],
    ] as const) {
      const res = await cloud.raw(R2, fn, { action, ...event });
      expect([action, res.ok ? 'ok' : res.error.code]).toEqual([action, 'FORBIDDEN']);
    }
  });
});
