/**
 * Every notice reaches its person (issue 19): the in-app message list (消息) holds every notice the
 * outbox makes, whether or not it could be pushed; it is read and marked by its recipient only.
 * The timer's steps run in this process with the real SDK against the emulator.
 */
import type { RequestDetail } from '../../typings';
import { project as projectJob } from '../../server/jobs/figures';
import { send as sendJob } from '../../server/jobs/outbox';
import { loadDirectory } from '../../server/directoryCache';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, DUCHA, R1, R2, RENSHE as HANDLER, RENSHE_HEAD as HEAD, ZHUJIAN } from '../helpers/demo';
import { changeSetting, panel, tapPanel } from '../helpers/subscribe';
import { cloud as sdk } from '../../server/cloud';

const FAR = 60_000;
const project = () => projectJob({ now: Date.now(), until: Date.now() + FAR });
const send = async () => sendJob({ dir: await loadDirectory(), now: Date.now(), until: Date.now() + FAR });
/** The timer's second and third jobs: the outbox is filled, then sent as far as grants allow. */
const timer = async () => {
  await project();
  return send();
};

let cloud: TestCloud;
let n = 0;
useCloud((c) => (cloud = c));

const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
async function submit(by: string = R1, content = '失业保险金怎么申领？'): Promise<RequestDetail> {
  const s = await cloud.ok(by, 'request', 'submit', {
    clientId: `notice-${(n += 1).toString().padStart(5, '0')}`,
    category: '咨询',
    content,
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: true,
    contactName: '王秀英',
    contactPhone: '13800001234',
  });
  return cloud.ok(by, 'request', 'detail', { id: s.id });
}
/** A request from 河西村, which the routing catalogue gives to 城关镇. */
const atHexi = (content: string) =>
  cloud.ok(R1, 'request', 'submit', {
    clientId: `notice-cg-${(n += 1)}`,
    category: '求助',
    content,
    regionId: 'vil-hexi',
    confidential: false,
    mayContact: false,
  });
const code = (env: { ok: boolean; error?: { code: string } }) => (env.ok ? 'OK' : env.error!.code);

describe('消息: every notice in the app', () => {
  it('lands for each recipient although nothing could be pushed, opens the request, and is marked read by its recipient only', async () => {
    const d = await submit(R1, '失业保险金怎么申领？我的电话13912345678');
    const before = (await cloud.ok(HANDLER, 'user', 'unread', {})).unread;
    await timer();

    // New work reaches every cadre of the unit, head included: nobody granted anything, so nothing was pushed.
    for (const who of [HANDLER, HEAD]) {
      const list = await cloud.ok(who, 'user', 'messages', {});
      const m = list.items.find((x) => x.requestId === d.id)!;
      expect(m).toMatchObject({
        no: d.no,
        kind: 'deadline',
        title: '待签收：失业保险金怎么申领？我的电话139****5678',
        read: false,
        push: 'no_grant',
        url: `/packages/cadre/handle/index?id=${d.id}`,
      });
      expect(m.at).toBe(d.acceptDueAt);
    }
    const unread = (await cloud.ok(HANDLER, 'user', 'unread', {})).unread;
    expect(unread).toBe(before + 1);
    const mine = (await cloud.ok(HANDLER, 'user', 'messages', {})).items.find((x) => x.requestId === d.id)!;

    // Nobody else reads or marks it: another person's message is not found, and stays unread.
    expect(code(await cloud.call(R2, 'user', 'readMessage', { messageId: mine.id }))).toBe('NOT_FOUND');
    expect(code(await cloud.call(HEAD, 'user', 'readMessage', { messageId: mine.id }))).toBe('NOT_FOUND');
    expect((await cloud.ok(R2, 'user', 'messages', {})).items.map((x) => x.id)).not.toContain(mine.id);
    expect(code(await cloud.call(HANDLER, 'user', 'readMessage', { messageId: { $ne: '' } as unknown as string }))).toBe('INVALID_INPUT');

    // Its recipient opens it: read once; a second tap changes nothing.
    expect(await cloud.ok(HANDLER, 'user', 'readMessage', { messageId: mine.id })).toEqual({ unread: unread - 1 });
    expect(await cloud.ok(HANDLER, 'user', 'readMessage', { messageId: mine.id })).toEqual({ unread: unread - 1 });
    const read = (await cloud.ok(HANDLER, 'user', 'messages', {})).items.find((x) => x.id === mine.id)!;
    expect(read.read).toBe(true);
    expect((await cloud.ok(HEAD, 'user', 'messages', {})).items.find((x) => x.requestId === d.id)!.read).toBe(false);

    // The petitioner hears of each step in the app: 已签收 opens their own request page.
    await cloud.ok(HANDLER, 'request', 'accept', v(d));
    await timer();
    const progress = (await cloud.ok(R1, 'user', 'messages', {})).items.filter((x) => x.requestId === d.id);
    expect(progress.map((x) => [x.kind, x.title, x.push, x.url])).toEqual([
      ['progress', '已签收：失业保险金怎么申领？我的电话139****5678', 'no_grant', `/packages/request/detail/index?id=${d.id}`],
    ]);
    // The stored messages themselves hold the number masked.
    const dumped = (await cloud.dump()) as { collections: { notifications: unknown[] } };
    expect(JSON.stringify(dumped.collections.notifications)).toContain('139****5678');
    expect(JSON.stringify(dumped.collections.notifications)).not.toContain('13912345678');
  });

  it('pages a long list newest first, 20 at a time, every notice once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) ids.push((await submit(R2, `第${i + 1}件：社保卡怎么补办？`)).id);
    await timer();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await cloud.ok(HEAD, 'user', 'messages', cursor ? { cursor } : {});
      expect(page.items.length).toBeLessThanOrEqual(20);
      seen.push(...page.items.map((x) => x.requestId ?? x.id));
      cursor = page.cursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
    const first = await cloud.ok(HEAD, 'user', 'messages', {});
    const times = first.items.map((x) => x.createdAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(code(await cloud.call(HEAD, 'user', 'messages', { cursor: 'not-a-cursor' }))).toBe('INVALID_INPUT');
  });
});

/** Subscription messages WeChat delivered since the last clear: to whom, by which template. */
const delivered = async () =>
  (
    (await (await fetch(`${cloud.url}/dev/messages`)).json()) as {
      messages: { data: { touser: string; template_id: string; page: string } }[];
    }
  ).messages.map((m) => m.data);
const clearDelivered = () => fetch(`${cloud.url}/dev/messages`, { method: 'DELETE' });
const LONG_DEADLINE = 'demo-tmpl-deadline-long';
const ONCE_DEADLINE = 'demo-tmpl-deadline';
const LONG_PROGRESS = 'demo-tmpl-progress-long';

describe('grants: long-term and one-time, as the platform keeps them', () => {
  it('a cadre with a long-term grant receives ten notices from one tap', async () => {
    // 我 asks for the long-term templates where the county has them (one kind per panel).
    expect((await cloud.ok(HANDLER, 'user', 'me', {})).subscribe).toEqual({ kind: 'long', tmplIds: [LONG_DEADLINE, LONG_PROGRESS] });
    const next = await tapPanel(cloud, HANDLER, { [LONG_DEADLINE]: 'acceptWithAudio', [LONG_PROGRESS]: 'accept' });
    expect(next).toEqual({ kind: 'once', tmplIds: [] }); // nothing left to ask
    await clearDelivered();
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) ids.push((await submit(R2, `第${i + 1}件：医保报销需要什么材料？`)).id);
    const res = await timer();
    const mine = (await delivered()).filter((m) => m.touser === HANDLER);
    expect(mine).toHaveLength(10);
    expect(new Set(mine.map((m) => m.template_id))).toEqual(new Set([LONG_DEADLINE]));
    expect(mine.map((m) => m.page).sort()).toEqual(ids.map((id) => `packages/cadre/handle/index?id=${id}`).sort());
    expect(res.sent).toBeGreaterThanOrEqual(10);
    // Each is in the list as pushed; the grant is still there for the next one.
    const list = (await cloud.ok(HANDLER, 'user', 'messages', {})).items.filter((m) => ids.includes(m.requestId ?? ''));
    expect(list.map((m) => m.push)).toEqual(Array(10).fill('sent'));
    const user = (
      (await cloud.dump()) as { collections: { users: { _id: string; subs?: Record<string, unknown> }[] } }
    ).collections.users.find((u) => u._id === HANDLER)!;
    expect(user.subs![LONG_DEADLINE]).toMatchObject({ kind: 'long', answer: 'acceptWithAudio' });
  });

  it('with a one-time grant, one is pushed; the rest land in the list as not pushed', async () => {
    await tapPanel(cloud, HEAD, { [ONCE_DEADLINE]: 'accept' });
    await clearDelivered();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await submit(R2, `第${i + 1}件：退休手续怎么办理？`)).id);
    await timer();
    const mine = (await delivered()).filter((m) => m.touser === HEAD);
    expect(mine.map((m) => m.template_id)).toEqual([ONCE_DEADLINE]);
    const list = (await cloud.ok(HEAD, 'user', 'messages', {})).items.filter((m) => ids.includes(m.requestId ?? ''));
    expect(list).toHaveLength(3);
    expect(list.map((m) => m.push).sort()).toEqual(['no_grant', 'no_grant', 'sent']);
    // The one-time grant is used up (ours and the platform's): the next tap asks for the long-term templates again.
    expect((await cloud.ok(HEAD, 'user', 'me', {})).subscribe).toEqual({ kind: 'long', tmplIds: [LONG_DEADLINE, LONG_PROGRESS] });
  });

  it('a resident who refuses hears nothing by push and still sees every step in the app', async () => {
    await tapPanel(cloud, R2, { [LONG_PROGRESS]: 'reject' });
    await clearDelivered();
    const d = await submit(R2, '家门口的下水道堵了');
    await cloud.ok(HANDLER, 'request', 'accept', v(d));
    await cloud.ok(HANDLER, 'request', 'reply', { id: d.id, version: d.version + 1, reply: '已通知市政所今天疏通。' });
    await timer();
    expect((await delivered()).filter((m) => m.touser === R2)).toEqual([]);
    const steps = (await cloud.ok(R2, 'user', 'messages', {})).items.filter((m) => m.requestId === d.id);
    expect(steps.map((m) => [m.title, m.push])).toEqual([
      ['已答复：家门口的下水道堵了', 'refused'],
      ['已签收：家门口的下水道堵了', 'refused'],
    ]);
  });

  it('WeChat’s 43101 (switched off in 设置) is recorded as refused, and the one-time fallback is tried', async () => {
    // 城关镇's cadre allowed the long-term template and one one-time message, then switched the long-term one off in 设置.
    await tapPanel(cloud, CHENGGUAN, { [LONG_DEADLINE]: 'accept' });
    await tapPanel(cloud, CHENGGUAN, { [ONCE_DEADLINE]: 'accept' });
    await changeSetting(cloud.url, CHENGGUAN, { itemSettings: { [LONG_DEADLINE]: 'reject' } });
    await clearDelivered();
    const first = await atHexi('村口的桥栏杆断了');
    await timer();
    // The long-term send was refused (43101); the one-time grant carried it.
    expect((await delivered()).filter((m) => m.touser === CHENGGUAN).map((m) => m.template_id)).toEqual([ONCE_DEADLINE]);
    const second = await atHexi('村里的路灯不亮了');
    await timer();
    const pushes = Object.fromEntries(
      (await cloud.ok(CHENGGUAN, 'user', 'messages', {})).items
        .filter((m) => m.requestId === first.id || m.requestId === second.id)
        .map((m) => [m.requestId, m.push]),
    );
    expect(pushes).toEqual({ [first.id]: 'sent', [second.id]: 'refused' });
  });
});

describe('the local WeChat keeps grants as the platform does', () => {
  const URL_ = () => cloud.url;
  const sendAs = async (touser: string, templateId: string): Promise<number> => {
    const res = (await sdk.openapi.subscribeMessage
      .send({ touser, templateId, page: 'pages/messages/index', data: { thing2: { value: '测试' } } })
      .catch((e: { errCode?: number }) => ({ errCode: e?.errCode ?? -1 }))) as { errCode?: number; errcode?: number };
    return res.errCode ?? res.errcode ?? 0;
  };
  const setting = async (openid: string) =>
    (await (await fetch(`${URL_()}/dev/subscribe/setting?openid=${openid}`)).json()) as { mainSwitch: boolean; itemSettings?: object };

  it('one-time grants are used up, long-term ones kept, 43101 when none', async () => {
    const who = 'platform-user-1';
    expect(await sendAs(who, ONCE_DEADLINE)).toBe(43101);
    expect(await panel(URL_(), who, { [ONCE_DEADLINE]: 'accept' })).toEqual({ ok: true, answers: { [ONCE_DEADLINE]: 'accept' } });
    await panel(URL_(), who, { [ONCE_DEADLINE]: 'accept' });
    expect([await sendAs(who, ONCE_DEADLINE), await sendAs(who, ONCE_DEADLINE), await sendAs(who, ONCE_DEADLINE)]).toEqual([0, 0, 43101]);

    expect(await sendAs(who, LONG_DEADLINE)).toBe(43101);
    await panel(URL_(), who, { [LONG_DEADLINE]: 'accept' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i += 1) codes.push(await sendAs(who, LONG_DEADLINE));
    expect(codes).toEqual([0, 0, 0, 0, 0]);
    // Switched off altogether: nothing goes, and a panel cannot even open (20004).
    await changeSetting(URL_(), who, { mainSwitch: false });
    expect(await sendAs(who, LONG_DEADLINE)).toBe(43101);
    expect(await panel(URL_(), who, { [ONCE_DEADLINE]: 'accept' })).toMatchObject({ ok: false, errCode: 20004 });
    expect(await setting(who)).toEqual({ mainSwitch: false });
    // One-time and long-term ids in one panel are refused (20002).
    expect(await panel(URL_(), 'platform-user-2', { [ONCE_DEADLINE]: 'accept', [LONG_DEADLINE]: 'accept' })).toMatchObject({
      ok: false,
      errCode: 20002,
    });
  });

  it('getSetting lists only the choices kept with 总是保持以上选择, which then answer by themselves', async () => {
    const who = 'platform-user-3';
    await panel(URL_(), who, { [LONG_PROGRESS]: 'reject' }, true);
    expect(await setting(who)).toEqual({ mainSwitch: true, itemSettings: { [LONG_PROGRESS]: 'reject' } });
    // The kept refusal answers the next panel whatever is tapped.
    expect(await panel(URL_(), who, { [LONG_PROGRESS]: 'accept' })).toEqual({ ok: true, answers: { [LONG_PROGRESS]: 'reject' } });
    expect(await sendAs(who, LONG_PROGRESS)).toBe(43101);
  });
});

const LEADERS_NEVER_ASKED = [
  { name: '陈建华', unitName: null, level: '县四大班子领导', why: 'none' },
  { name: '林志远', unitName: null, level: '县四大班子领导', why: 'none' },
  { name: '周敏', unitName: '东城街道办事处', level: '街道领导', why: 'none' },
  // the 包村干部 the demo seeds for 下访 (逢五必进)
  { name: '吴小军', unitName: '石门镇人民政府', level: '包村(居)干部', why: 'none' },
];

describe('nobody is silently unreachable', () => {
  it('the 督办台 lists exactly the cadres who receive nothing by push; a unit head their own unit', async () => {
    // Each demo cadre as the test leaves them: 人社局's cadre long-term, its head's one-time grant used up,
    // 住建局's refused, 城关镇's kept the long-term one off in 设置 and then switched notices off altogether,
    // 督查室's has one one-time message left.
    await tapPanel(cloud, HANDLER, { [LONG_DEADLINE]: 'accept' });
    await tapPanel(cloud, ZHUJIAN, { [LONG_DEADLINE]: 'reject', [LONG_PROGRESS]: 'reject' });
    await changeSetting(cloud.url, CHENGGUAN, { itemSettings: { [LONG_DEADLINE]: 'reject' } });
    await tapPanel(cloud, CHENGGUAN, { [LONG_DEADLINE]: 'accept' });
    await cloud.ok(CHENGGUAN, 'user', 'grantSubscriptions', { answers: {}, mainSwitch: false });
    await tapPanel(cloud, DUCHA, { [ONCE_DEADLINE]: 'accept' });
    const head = (await cloud.ok(HEAD, 'user', 'me', {})).subscribe;
    expect(head.kind).toBe('long'); // nothing usable: the head is asked again

    const all = await cloud.ok(ADMIN, 'county', 'unreachable', {});
    expect(all).toEqual({
      items: [
        { name: '孙丽', unitName: '城关镇人民政府', level: '镇领导', why: 'off' },
        { name: '赵明', unitName: '县住建局', level: '县直单位领导', why: 'refused' },
        { name: '王局长', unitName: '县人社局', level: '县直单位领导', why: 'none' },
        // The county leaders and the street leader the demo seeds for 接访 and duties never tapped the panel.
        ...LEADERS_NEVER_ASKED,
      ],
      cursor: null,
    });
    expect(await cloud.ok(HEAD, 'county', 'unreachable', {})).toEqual({
      items: [{ name: '王局长', unitName: '县人社局', level: '县直单位领导', why: 'none' }],
      cursor: null,
    });
    // Switched back on: still refused, as 设置 keeps the long-term template off (the tap above was answered by it).
    await cloud.ok(CHENGGUAN, 'user', 'grantSubscriptions', { answers: {}, mainSwitch: true });
    expect((await cloud.ok(ADMIN, 'county', 'unreachable', {})).items.map((x) => [x.name, x.why])).toEqual([
      ['孙丽', 'refused'],
      ['赵明', 'refused'],
      ['王局长', 'none'],
      ...LEADERS_NEVER_ASKED.map((x) => [x.name, x.why]),
    ]);
    // Turned on in 设置 → 通知管理, as the 消息 page reports it from wx.getSetting: off the list.
    await changeSetting(cloud.url, CHENGGUAN, { itemSettings: { [LONG_DEADLINE]: 'accept' } });
    await cloud.ok(CHENGGUAN, 'user', 'grantSubscriptions', { answers: {}, mainSwitch: true, itemSettings: { [LONG_DEADLINE]: 'accept' } });
    expect((await cloud.ok(ADMIN, 'county', 'unreachable', {})).items.map((x) => x.name)).toEqual([
      '赵明',
      '王局长',
      ...LEADERS_NEVER_ASKED.map((x) => x.name),
    ]);
    // Only the dispatcher and a unit head see it.
    expect(code(await cloud.call(HANDLER, 'county', 'unreachable', {}))).toBe('FORBIDDEN');
    expect(code(await cloud.call(R1, 'county', 'unreachable', {}))).toBe('FORBIDDEN');
    expect(code(await cloud.call(ADMIN, 'county', 'unreachable', { cursor: '!!' }))).toBe('INVALID_INPUT');
  });
});
