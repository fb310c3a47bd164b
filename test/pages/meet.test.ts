/**
 * @jest-environment ./test/pages/environment.js
 *
 * The 接访 pages as shipped (compiled package) against the real functions: the admin's 接访排班 (a
 * sensitive period, a month generated from the rule, a swap, publishing); 今日接访 on the home
 * page, 本周接访 from it and from a card; a leader's own days on the home page.
 */
import { actAs, answerDialog, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const ADMIN = 'demo-admin';
const R1 = 'demo-resident-1';
const LEADERS = ['demo-leader-1', 'demo-leader-2'];
const countyToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

test('接访排班: a sensitive period, October generated over 国庆 and its Thursdays, a swap, then published', async () => {
  actAs(ADMIN);
  const me = await openPage('pages/me/index');
  expect(me.$('#meet-roster')).toBeDefined();
  actAs(R1);
  expect((await openPage('pages/me/index')).$('#meet-roster')).toBeUndefined();

  actAs(ADMIN);
  const page = await openPage('packages/meet/roster/index');
  expect(page.text()).toContain('县领导轮流接访');
  expect(page.text()).toContain('城关镇人民政府');
  await tap(page, '#add-period');
  expect(toastText(page)).toBe('敏感时期名称请至少写2个字');
  await typeInto(page, '#period-name', '国庆节');
  await typeInto(page, '#period-from', '2026-10-01');
  await typeInto(page, '#period-to', '2026-10-07');
  await tap(page, '#add-period');
  expect(page.text()).toContain('国庆节 2026-10-01 至 2026-10-07');

  await typeInto(page, '#month', '2026-10');
  expect(page.$('#no-roster')).toBeDefined();
  await tap(page, '#generate');
  expect(page.$('#roster-title')!.dom!.textContent).toBe('县领导 2026-10（草稿，11天）');
  expect(page.$('#day-2026-10-01')!.dom!.textContent).toContain('敏感时期');
  expect(page.$('#day-2026-10-08')!.dom!.textContent).toContain('周四');
  const before = page.$('#day-2026-10-08')!.dom!.textContent!;
  const was = before.includes('陈建华') ? '陈建华' : '林志远';
  const other = was === '陈建华' ? '林志远' : '陈建华';

  await tap(page, '#day-2026-10-08');
  const swap = page.$('#day-2026-10-08 .leader');
  expect(swap!.dom!.textContent).toContain(`换成 ${other}`);
  await tap(page, '#day-2026-10-08 .leader');
  expect(toastText(page)).toBe('已换班');
  expect(page.$('#day-2026-10-08')!.dom!.textContent).toContain(other);

  await tap(page, '#publish');
  expect(await answerDialog(page)).toContain('县领导2026-10的接访安排');
  expect(page.$('#roster-title')!.dom!.textContent).toBe('县领导 2026-10（已公布，11天）');
  expect(page.$('#publish')).toBeUndefined();
  const stored = (await cloud().dump()) as { collections: Record<string, { _id: string; leaderName?: string }[]> };
  expect(stored.collections.meet_days!.find((d) => d._id === 'county-2026-10-08')!.leaderName).toBe(other);
});

test('今日接访 on the home page, 本周接访 from it and from a card, and a leader’s own days', async () => {
  const today = countyToday();
  // this month's county and town rosters, published (made through the functions the admin page calls)
  await cloud().ok(ADMIN, 'meet', 'setPeriod', { name: '重要会议期间', from: today, to: today });
  for (const scope of ['county', 'unit-chengguan']) {
    const r = await cloud().ok(ADMIN, 'meet', 'generate', { scope, month: today.slice(0, 7) });
    await cloud().ok(ADMIN, 'meet', 'publish', { rosterId: r.id, version: r.version });
  }
  const board = await cloud().ok(R1, 'meet', 'board', {});
  const countyLeader = board.receptions[0]!.leaderName;

  actAs(R1);
  const home = await openPage('pages/home/index');
  const block = home.$('#receptions')!.dom!.textContent!.replace(/\s+/g, ' ');
  expect(block).toContain(`县领导 ${countyLeader}`);
  expect(block).toContain('县信访局接待大厅 08:30–12:00');
  expect(block).toContain('城关镇人民政府 孙丽');
  expect(home.$('#my-days')).toBeUndefined();
  await tap(home, '#week');
  expect(harness.lastNavigation?.url).toBe('/packages/meet/week/index');

  const week = await openPage('packages/meet/week/index');
  expect(week.text()).toContain('本周接访');
  expect(week.text()).toContain(`${today}`);
  expect(week.text()).toContain('敏感时期');
  // from the home page, the week is the county leaders' (today's list has every unit)
  expect(week.$('.week')!.dom!.textContent).toContain('县领导');

  const card = await openPage('packages/request/card/index', { scene: 'c-chengguan-01' });
  await tap(card, '#receptions');
  const nav = parseUrl(harness.lastNavigation!.url);
  expect(nav).toEqual({ path: 'packages/meet/week/index', query: { scene: 'c-chengguan-01' } });
  const fromCard = await openPage(nav.path, nav.query);
  expect(fromCard.text()).toContain('城关镇人民政府 · 孙丽');
  expect(fromCard.text()).toContain(`县领导 · ${countyLeader}`);

  // the leader on today's county roster sees the day on their home page
  const ids = await Promise.all(LEADERS.map(async (id) => ({ id, mine: (await cloud().ok(id, 'meet', 'board', {})).mine })));
  const leader = ids.find((x) => x.mine.some((d) => d.date === today))!.id;
  actAs(leader);
  const own = await openPage('pages/home/index');
  expect(own.$('#my-days')!.dom!.textContent).toContain(`${today}`);
  expect(own.$('#my-days')!.dom!.textContent).toContain('县领导 · 县信访局接待大厅');
});
