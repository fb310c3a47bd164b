/**
 * 阅批 (S4.1) through the real functions: the 信访局 sends a registered letter to a leader
 * (重要来信 first on the leader's list), the leader reads it and writes a 批示 once, the handling unit
 * reads the 批示 and is told by message; the petitioner learns that a leader gave one, not what it says.
 */
import type { RequestDetail } from '../../typings';
import { project as projectJob } from '../../server/jobs/figures';
import { leaderKey } from '../../server/meet';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { DEMO } from '../../scripts/demo-county';
import { ADMIN, LEADER, R1, RENSHE as HANDLER, ZHUJIAN } from '../helpers/demo';

const LEADER2 = DEMO.leader2;
let cloud: TestCloud;
let n = 0;
useCloud((c) => (cloud = c));

const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
const code = (env: { ok: boolean; error?: { code: string; message: string } }) => (env.ok ? 'OK' : env.error!.code);

async function register(over: Record<string, unknown> = {}): Promise<RequestDetail & { claimCode: string }> {
  const s = await cloud.ok(ADMIN, 'admin', 'register', {
    source: '来信',
    clientId: `letter-${(n += 1).toString().padStart(5, '0')}`,
    category: '求助',
    content: '来信反映养老保险待遇核定有误，请求复核。联系电话13800007777',
    receivedAt: Date.now() - 2 * 86_400_000,
    contactName: '赵老汉',
    contactPhone: '13800007777',
    unitId: 'unit-renshe',
    confidential: false,
    ...over,
  });
  return { ...(await cloud.ok(ADMIN, 'request', 'detail', { id: s.id })), claimCode: s.claimCode };
}

const send = (d: { id: string; version: number }, important: boolean, note?: string) =>
  cloud.ok(ADMIN, 'admin', 'toLeader', { ...v(d), scope: 'county', leaderKey: leaderKey(LEADER), important, ...(note ? { note } : {}) });

describe('阅批: the 信访局 sends a letter to a leader', () => {
  it('offers the county leaders by key (never an openid), and a unit’s leaders for a unit', async () => {
    const county = await cloud.ok(ADMIN, 'admin', 'leaders', { scope: 'county' });
    expect(county).toEqual(
      expect.arrayContaining([
        { key: leaderKey(LEADER), name: '陈建华', title: '县领导' },
        { key: leaderKey(LEADER2), name: '林志远', title: '县领导' },
      ]),
    );
    expect(JSON.stringify(county)).not.toContain(LEADER);
    const unit = await cloud.ok(ADMIN, 'admin', 'leaders', { scope: 'unit-renshe' });
    expect(unit.map((l) => l.name)).toEqual(['王局长']);
    expect(code(await cloud.call(ADMIN, 'admin', 'leaders', { scope: 'unit-nowhere' }))).toBe('INVALID_INPUT');
  });

  it('sends a registered letter once, to one leader, with a compare-and-set and an audit event', async () => {
    const d = await register();
    const sent = await send(d, true, '请阅示');
    expect(sent.version).toBe(d.version + 1);
    expect(sent.status).toBe(d.status);
    expect(sent.timeline.at(-1)).toMatchObject({ type: 'toLeader', actor: '调度中心', note: '呈送陈建华阅批（重要来信）：请阅示' });
    expect(sent.leader).toMatchObject({ key: leaderKey(LEADER), name: '陈建华', important: true, note: '请阅示', instruction: null });

    const again = await cloud.call(ADMIN, 'admin', 'toLeader', {
      ...v(sent),
      scope: 'county',
      leaderKey: leaderKey(LEADER2),
      important: false,
    });
    expect(again.ok ? 'ok' : again.error.message).toBe('这件来信已经呈送领导阅批');
    const stale = await cloud.call(ADMIN, 'admin', 'toLeader', {
      ...v(d),
      scope: 'county',
      leaderKey: leaderKey(LEADER2),
      important: false,
    });
    expect(code(stale)).toBe('CONFLICT');
    const nobody = await cloud.call(ADMIN, 'admin', 'toLeader', {
      ...v(sent),
      scope: 'county',
      leaderKey: '0123456789abcdef',
      important: false,
    });
    expect(code(nobody)).toBe('INVALID_INPUT');
  });

  it('is for 信访 only: an app 诉求 is not a letter', async () => {
    const s = await cloud.ok(R1, 'request', 'submit', {
      clientId: `letter-app-${(n += 1)}`,
      category: '咨询',
      content: '请问社保卡丢了怎么补办？',
      scene: 'c-renshe-01',
      confidential: false,
      mayContact: false,
    });
    const d = await cloud.ok(ADMIN, 'request', 'detail', { id: s.id });
    expect(d.can).not.toContain('toLeader');
    expect(
      code(await cloud.call(ADMIN, 'admin', 'toLeader', { ...v(d), scope: 'county', leaderKey: leaderKey(LEADER), important: false })),
    ).toBe('CONFLICT');
  });
});

describe('阅批: the leader reads and instructs', () => {
  it('lists the leader’s letters 重要来信 first, then the longest waiting; another leader sees none of them', async () => {
    const older = await send(await register(), false);
    const important = await send(await register(), true);
    const newer = await send(await register(), false);
    const todo = await cloud.ok(LEADER, 'request', 'letters', { box: 'todo' });
    const ids = todo.items.map((i) => i.id);
    const ours = ids.filter((id) => [older.id, important.id, newer.id].includes(id));
    expect(ours).toEqual([important.id, older.id, newer.id]);
    expect(todo.items.find((i) => i.id === important.id)).toMatchObject({ important: true, instructedAt: null });
    // 陈建华's letters are his: 林志远 neither lists nor opens them.
    const other = await cloud.ok(LEADER2, 'request', 'letters', { box: 'todo' });
    expect(other.items.map((i) => i.id)).not.toContain(important.id);
    expect(code(await cloud.call(LEADER2, 'request', 'detail', { id: important.id }))).toBe('NOT_FOUND');
    // Reading letters is a leader's work; a window cadre has no such list.
    expect(code(await cloud.call(HANDLER, 'request', 'letters', { box: 'todo' }))).toBe('FORBIDDEN');
  });

  it('shows the leader the letter with the petitioner masked (保密 when confidential) and offers the 批示 only', async () => {
    const open = await send(await register(), false);
    const seen = await cloud.ok(LEADER, 'request', 'detail', { id: open.id });
    expect(seen.petitioner).toEqual({ name: '赵**', phone: '138****7777' });
    expect(seen.content).not.toContain('13800007777');
    expect(seen.can).toEqual(['instruct']);
    expect(seen.canUnmask).toBe(false);
    expect(code(await cloud.call(LEADER, 'request', 'unmask', { id: open.id }))).toBe('FORBIDDEN');
    const secret = await send(await register({ confidential: true }), false);
    expect((await cloud.ok(LEADER, 'request', 'detail', { id: secret.id })).petitioner).toEqual({ name: '保密', phone: '保密' });
  });

  it('takes one 批示: the unit reads it and is told, the letter moves to the leader’s done list', async () => {
    const d = await send(await register(), true);
    expect(code(await cloud.call(LEADER2, 'request', 'instruct', { ...v(d), instruction: '请认真办理。' }))).toBe('NOT_FOUND');
    expect(code(await cloud.call(HANDLER, 'request', 'instruct', { ...v(d), instruction: '请认真办理。' }))).toBe('FORBIDDEN');
    const done = await cloud.ok(LEADER, 'request', 'instruct', { ...v(d), instruction: '请县人社局认真核查，15日内答复信访人。' });
    expect(done.version).toBe(d.version + 1);
    expect(done.timeline.at(-1)).toMatchObject({
      type: 'instruct',
      actor: '陈建华（县领导）',
      note: '请县人社局认真核查，15日内答复信访人。',
    });
    expect(done.can).toEqual([]);
    const twice = await cloud.call(LEADER, 'request', 'instruct', { ...v(done), instruction: '再批一次。' });
    expect(twice.ok ? 'ok' : twice.error.message).toBe('这件来信已经批示过了');

    const unit = await cloud.ok(HANDLER, 'request', 'detail', { id: d.id });
    expect(unit.leader).toMatchObject({ name: '陈建华', instruction: '请县人社局认真核查，15日内答复信访人。', important: true });
    expect((await cloud.ok(LEADER, 'request', 'letters', { box: 'todo' })).items.map((i) => i.id)).not.toContain(d.id);
    expect((await cloud.ok(LEADER, 'request', 'letters', { box: 'done' })).items[0]).toMatchObject({ id: d.id, important: true });
    // Another unit's cadre still sees nothing of it.
    expect(code(await cloud.call(ZHUJIAN, 'request', 'detail', { id: d.id }))).toBe('NOT_FOUND');

    // The timer's outbox: the leader was told of the letter, the unit's cadres of the 批示.
    await projectJob({ now: Date.now(), until: Date.now() + 60_000 });
    const leaderMsgs = (await cloud.ok(LEADER, 'user', 'messages', {})).items.filter((m) => m.requestId === d.id);
    expect(leaderMsgs.map((m) => m.title)).toEqual([expect.stringMatching(/^重要来信/)]);
    expect(leaderMsgs[0]!.url).toContain(`packages/cadre/handle/index?id=${d.id}`);
    const unitMsgs = (await cloud.ok(HANDLER, 'user', 'messages', {})).items.filter((m) => m.requestId === d.id);
    expect(unitMsgs.map((m) => m.title)).toContainEqual(expect.stringMatching(/^领导批示/));
  });

  it('tells the petitioner that a leader gave a 批示, not what it says', async () => {
    const reg = await register();
    await cloud.ok(R1, 'request', 'claim', { code: reg.claimCode });
    const d = await send(await cloud.ok(ADMIN, 'request', 'detail', { id: reg.id }), true, '信访人情绪激动，请重视');
    await cloud.ok(LEADER, 'request', 'instruct', { ...v(d), instruction: '请核实信访人所在单位是否存在违规。' });
    const mine = await cloud.ok(R1, 'request', 'detail', { id: d.id });
    expect(mine.leader).toEqual({
      key: leaderKey(LEADER),
      name: '陈建华',
      title: '县领导',
      sentAt: expect.any(Number),
      instructedAt: expect.any(Number),
      important: null,
      note: null,
      instruction: null,
    });
    const steps = mine.timeline.filter((t) => t.type === 'toLeader' || t.type === 'instruct');
    expect(steps.map((t) => [t.type, t.note])).toEqual([
      ['toLeader', null],
      ['instruct', null],
    ]);
    expect(JSON.stringify(mine)).not.toContain('情绪激动');
    expect(JSON.stringify(mine)).not.toContain('违规');
  });
});
