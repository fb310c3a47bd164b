/**
 * @jest-environment ./test/pages/environment.js
 *
 * 消息 as shipped (the compiled package): every notice lands in the app, pushed or not; the tab
 * shows how many are unread; opening one goes to its request — against the real functions.
 */
import { actAs, harness, hook, openPage, parseUrl, tap, useTestCloud, type PageHandle } from './harness';
import { changeSetting, tapPanel } from '../helpers/subscribe';

const cloud = useTestCloud();
const CADRE = 'demo-cadre-renshe';
const RESIDENT = 'demo-resident-2';
/** 消息 is the third tab (app.json). */
const MESSAGES_TAB = 2;

let n = 0;
async function submit(content: string): Promise<{ id: string; no: string }> {
  return cloud().ok(RESIDENT, 'request', 'submit', {
    clientId: `page-notice-${(n += 1)}-${Date.now().toString(36)}`,
    category: '咨询',
    content,
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: false,
  });
}

/** The timer as its trigger runs it, until it has nothing left to do. */
async function timer(): Promise<void> {
  for (let i = 0; i < 10; i += 1) {
    const res = await cloud().raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });
    const d = (res as { data: { chase: { done: number }; project: { done: number }; send: { done: number } } }).data;
    if (d.chase.done + d.project.done + d.send.done === 0) return;
  }
}

/** The cadres the page's 收不到微信提醒的干部 list names, in order. */
function named(h: PageHandle<unknown>): string[] {
  const box = h.comp.querySelector('.unreachable-box');
  if (!box) return [];
  return box.querySelectorAll('.unreachable__who').map((el) => el.dom?.textContent ?? '');
}

describe('消息', () => {
  test('a cadre sees new work not pushed, with the unread count on the tab; opening it goes to the request and reads it', async () => {
    const r = await submit('社保卡丢了怎么补办？');
    await timer();
    actAs(CADRE);
    const page = await openPage('pages/messages/index');
    const text = page.text();
    expect(text).toContain('待签收：社保卡丢了怎么补办？');
    expect(text).toContain(`办理提醒 · ${r.no}`);
    expect(text).toContain('未推送');
    const unread = Number(harness.badges.get(MESSAGES_TAB));
    expect(unread).toBeGreaterThanOrEqual(1);

    const rows = page.comp.querySelectorAll('.message');
    const i = (page.data.rows as { title: string }[]).findIndex((x) => x.title === '待签收：社保卡丢了怎么补办？');
    rows[i]!.dispatchEvent('tap');
    await page.settle();
    const nav = parseUrl(harness.lastNavigation!.url);
    expect(nav).toEqual({ path: 'packages/cadre/handle/index', query: { id: r.id } });
    expect(unread === 1 ? harness.badges.has(MESSAGES_TAB) : Number(harness.badges.get(MESSAGES_TAB))).toBe(
      unread === 1 ? false : unread - 1,
    );
    expect((page.data.rows as { read: boolean }[])[i]!.read).toBe(true);

    // The request the message opens, as the cadre sees it.
    const handle = await openPage(nav.path, nav.query);
    expect(handle.text()).toContain('社保卡丢了怎么补办？');

    // Shown again later: still read.
    await hook(page, 'onShow');
    expect((page.data.rows as { title: string; read: boolean }[]).find((x) => x.title === '待签收：社保卡丢了怎么补办？')!.read).toBe(true);
  });

  test('a resident who refused every notice still sees each step of the request in the app', async () => {
    await tapPanel(cloud(), RESIDENT, { 'demo-tmpl-progress-long': 'reject' });
    const r = await submit('小区门口的路灯坏了一个月');
    await timer();
    const detail = await cloud().ok(CADRE, 'request', 'detail', { id: r.id });
    await cloud().ok(CADRE, 'request', 'accept', { id: r.id, version: detail.version });
    await cloud().ok(CADRE, 'request', 'reply', { id: r.id, version: detail.version + 1, reply: '已安排路灯所本周内修复。' });
    await timer();

    actAs(RESIDENT);
    const page = await openPage('pages/messages/index');
    const mine = (page.data.rows as { title: string; line: string; pushNote: string; url: string }[]).filter((x) =>
      x.url.endsWith(`?id=${r.id}`),
    );
    expect(mine.map((x) => [x.title, x.pushNote])).toEqual([
      ['已答复：小区门口的路灯坏了一个月', '未推送'],
      ['已签收：小区门口的路灯坏了一个月', '未推送'],
    ]);
    expect(mine.every((x) => x.url === `/packages/request/detail/index?id=${r.id}`)).toBe(true);
    expect(harness.badges.get(MESSAGES_TAB)).toBe(String(mine.length));
  });

  test('someone with no notices sees an explanation, and no badge', async () => {
    actAs('demo-cadre-zhujian');
    const page = await openPage('pages/messages/index');
    expect(page.text()).toContain('还没有消息');
    expect(harness.badges.has(MESSAGES_TAB)).toBe(false);
  });

  test('notices switched off in WeChat: 消息 says in plain words how to turn them on, and the 督办台 knows', async () => {
    const OFF = 'demo-cadre-ducha';
    await changeSetting(cloud().url, OFF, { mainSwitch: false });
    actAs(OFF);
    const page = await openPage('pages/messages/index');
    const hint = page.$('#notice-hint');
    expect(hint).toBeDefined();
    expect(page.text()).toContain('微信通知已关闭');
    expect(page.text()).toContain('点右上角「···」→「设置」→「通知管理」，打开「接收通知」');
    // No panel to offer while notices are off.
    expect(page.$('#ask')).toBeUndefined();
    const all = await cloud().ok('demo-admin', 'county', 'unreachable', {});
    expect(all.items.find((x) => x.name === '钱督查')?.why).toBe('off');
  });

  test('在微信里接收提醒: one tap allows the long-term templates, and ten notices then reach the cadre in WeChat', async () => {
    actAs(CADRE);
    harness.subscribe = 'accept';
    const page = await openPage('pages/messages/index');
    expect(page.text()).not.toContain('微信通知已关闭');
    await tap(page, '#ask');
    expect(harness.subscribeCalls).toEqual([['demo-tmpl-deadline-long', 'demo-tmpl-progress-long']]);
    await page.settle(60);
    expect(page.$('#ask')).toBeUndefined(); // nothing left to ask
    await fetch(`${cloud().url}/dev/messages`, { method: 'DELETE' });
    for (let i = 0; i < 10; i += 1) await submit(`第${i + 1}件：养老保险转移怎么办？`);
    await timer();
    const sent = (
      (await (await fetch(`${cloud().url}/dev/messages`)).json()) as { messages: { data: { touser: string; template_id: string } }[] }
    ).messages.filter((m) => m.data.touser === CADRE);
    expect(sent.map((m) => m.data.template_id)).toEqual(Array(10).fill('demo-tmpl-deadline-long'));
  });

  test('the 督办台 and a unit head’s 工作台 name the cadres who receive nothing by push', async () => {
    actAs('demo-admin');
    const desk = await openPage('packages/admin/overdue/index');
    const text = desk.text();
    expect(text).toContain('收不到微信提醒的干部');
    const listed = named(desk);
    expect(listed).toEqual([
      '孙丽 · 城关镇人民政府 · 镇领导',
      '钱督查 · 县政府督查室 · 县直单位领导',
      '赵明 · 县住建局 · 县直单位领导',
      '王局长 · 县人社局 · 县直单位领导',
      // The demo's county leaders (接访) and street leader (duties), who were never asked: without a unit, none is shown.
      '陈建华 · 县四大班子领导',
      '林志远 · 县四大班子领导',
      '周敏 · 东城街道办事处 · 街道领导',
      // and the 包村干部 (下访)
      '吴小军 · 石门镇人民政府 · 包村(居)干部',
    ]);
    expect(text).toContain('关闭了微信通知');
    expect(text).toContain('「设置」→「通知管理」');
    expect(text).not.toContain('李建国');

    actAs('demo-head-renshe');
    const inbox = await openPage('packages/cadre/inbox/index');
    expect(named(inbox)).toEqual(['王局长 · 县人社局 · 县直单位领导']);
    // A cadre who is not the head sees no such list.
    actAs(CADRE);
    const own = await openPage('packages/cadre/inbox/index');
    expect(own.text()).not.toContain('收不到微信提醒的干部');
  });
});
