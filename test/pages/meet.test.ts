/**
 * @jest-environment ./test/pages/environment.js
 *
 * The 接访 pages as shipped (compiled package) against the real functions: the admin's 接访排班 (a
 * sensitive period, a month generated from the rule, a swap, publishing); 今日接访 on the home
 * page, 本周接访 from it and from a card; a leader's own days on the home page; 约访 from the
 * leader's slot to the resident's booking, the office's confirmation, check-in by the venue's code
 * and the 纪要's request.
 */
import { actAs, answerDialog, emit, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

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

test('约访: a leader opens a slot; a resident books it from the home page; the office confirms; check-in by the venue’s code; the 纪要 becomes a request the resident follows', async () => {
  const LEADER = LEADERS[0]!;
  const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

  // the leader opens a slot three days ahead
  actAs(LEADER);
  expect((await openPage('pages/me/index')).$('#meet-desk')).toBeDefined();
  const desk = await openPage('packages/meet/desk/index');
  await tap(desk, '#open-slot');
  expect(toastText(desk)).toBe('接访地点请至少写2个字');
  await typeInto(desk, '#place', '县信访局三楼约访室');
  await typeInto(desk, '#date', inDays(3));
  await typeInto(desk, '#time', '09:30');
  await typeInto(desk, '#capacity', '2');
  await tap(desk, '#open-slot');
  expect(toastText(desk)).toBe('已开放预约');
  expect(desk.text()).toContain('09:30–10:30 已约0/2人');

  // a resident books it from the home page
  actAs(R1);
  const home = await openPage('pages/home/index');
  await tap(home, '#book-meet');
  expect(harness.lastNavigation?.url).toBe('/packages/meet/book/index');
  const book = await openPage('packages/meet/book/index');
  expect(book.text()).toContain('县领导 · 陈建华');
  expect(book.text()).toContain('县信访局三楼约访室 还可约2人');
  const offered = book.data.slots as { id: string; place: string }[];
  await tap(book, `#slot-${offered.find((x) => x.place === '县信访局三楼约访室')!.id}`);
  await tap(book, '#book');
  expect(toastText(book)).toBe('约访事项请至少写5个字');
  await typeInto(book, '#topic', '宅基地确权一直没有结果，想当面向领导说明');
  await typeInto(book, '#contact-name', '王秀英');
  await typeInto(book, '#contact-phone', '13800001234');
  await tap(book, '#book');
  expect(await answerDialog(book)).toContain('约访前一天还会提醒您');
  expect(harness.lastNavigation?.url).toBe('/packages/meet/mine/index');
  let mine = await openPage('packages/meet/mine/index');
  expect(mine.text()).toContain('已预约，待确认');
  expect(mine.text()).toContain('宅基地确权一直没有结果');
  expect(mine.$('.cancel')).toBeDefined();
  // another resident sees none of it
  actAs('demo-resident-2');
  expect((await openPage('packages/meet/mine/index')).text()).not.toContain('宅基地确权');

  // the office (the 信访局 for a county leader) sees who comes, phone masked, and confirms
  actAs(ADMIN);
  const office = await openPage('packages/meet/desk/index');
  expect(office.text()).toContain('王** 138****1234');
  expect(office.text()).not.toContain('王秀英');
  expect(office.text()).not.toContain('13800001234');
  await tap(office, '.booking .confirm');
  expect(toastText(office)).toBe('已确认');
  expect(office.text()).toContain('已确认');

  // today: a slot starting within the hour; she books it, prints nothing — the venue's code opens the check-in page
  const soon = await cloud().ok(LEADER, 'meet', 'openSlot', {
    clientId: 'page-slot-soon-0001',
    place: '县信访局一楼约访室',
    startAt: Date.now() + 30 * 60_000,
    minutes: 60,
    minNoticeHours: 0,
  });
  await cloud().ok(R1, 'meet', 'book', {
    clientId: 'page-book-soon-0001',
    slotId: soon.id,
    topic: '宅基地确权的材料补充说明',
    contactName: '王秀英',
  });
  actAs(LEADER);
  const leaderDesk = await openPage('packages/meet/desk/index');
  await tap(leaderDesk, `#slot-${soon.id} .venue-code`);
  expect(leaderDesk.$(`#slot-${soon.id} .code`)).toBeDefined();
  const venue = await cloud().ok(LEADER, 'meet', 'venueCode', { slotId: soon.id });

  actAs(R1);
  mine = await openPage('packages/meet/mine/index');
  harness.scanResult = { result: 'https://example.invalid/not-ours' };
  await tap(mine, '#scan');
  expect(toastText(mine)).toBe('这不是接访地点的签到码，请对准签到码重新扫描');
  const checkin = await openPage('packages/meet/checkin/index', { scene: venue.scene });
  expect(checkin.text()).toContain('签到成功');
  expect(checkin.text()).toContain('县信访局一楼约访室');
  actAs('demo-resident-2');
  expect((await openPage('packages/meet/checkin/index', { scene: venue.scene })).text()).toContain('您现在在这里没有约访');

  // the leader records the 纪要: the 住建局, 5 working days
  actAs(LEADER);
  const after = await openPage('packages/meet/desk/index');
  await tap(after, `#slot-${soon.id} .record`);
  await tap(after, '#save-outcome');
  expect(toastText(after)).toBe('接谈情况请至少写5个字');
  await typeInto(after, '#summary', '群众补充说明宅基地四至，材料齐全');
  await typeInto(after, '#measures', '县住建局会同城关镇核实后办理确权登记');
  await tap(after, '#unit');
  const units = after.data.unitColumns as string[];
  await emit(after, '#unit-picker', 'confirm', { index: units.indexOf('县住建局'), value: '县住建局' });
  await typeInto(after, '#days', '5');
  await tap(after, '#save-outcome');
  expect(toastText(after)).toBe('纪要已保存，已交责任单位办理');
  expect(after.text()).toContain('已转县住建局办理');

  actAs(R1);
  mine = await openPage('packages/meet/mine/index');
  expect(mine.text()).toContain('已接谈');
  await tap(mine, '.outcome');
  expect(parseUrl(harness.lastNavigation!.url).path).toBe('packages/request/detail/index');
});
