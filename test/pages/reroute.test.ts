/**
 * @jest-environment ./test/pages/environment.js
 *
 * 领导交办 on the compiled package: a resident brings a request 城关镇 has to a 约访 with 县领导
 * 陈建华; his 接访事项纪要 on the 约访工作台 names the 住建局 and 3 working days; the request moves
 * there (the 住建局 has it to sign for), and the resident follows it on their own detail page.
 */
import { actAs, emit, openPage, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const LEADER = 'demo-leader-1';
const R1 = 'demo-resident-1';

/** The resident's request, carried from the first step to the second. */
let own: { id: string };

test('the leader’s 纪要 on the 约访工作台 names the 住建局 for the request the booking brought', async () => {
  // 河西村 is 城关镇's by the routing catalogue.
  own = await cloud().ok(R1, 'request', 'submit', {
    clientId: 'reroute-page-000001',
    category: '求助',
    content: '河西村桥头护栏损坏，晚上过桥很危险',
    regionId: 'vil-hexi',
    confidential: false,
    mayContact: false,
  });
  const slot = await cloud().ok(LEADER, 'meet', 'openSlot', {
    clientId: 'reroute-page-slot-01',
    place: '县信访局一楼约访室',
    startAt: Date.now() + 30 * 60_000,
    minutes: 60,
    minNoticeHours: 0,
  });
  await cloud().ok(R1, 'meet', 'book', {
    clientId: 'reroute-page-book-01',
    slotId: slot.id,
    topic: '桥头护栏的事想当面说明',
    contactName: '王秀英',
    requestId: own.id,
  });
  const venue = await cloud().ok(LEADER, 'meet', 'venueCode', { slotId: slot.id });
  await cloud().ok(R1, 'meet', 'checkIn', { scene: venue.scene });

  actAs(LEADER);
  const desk = await openPage('packages/meet/desk/index');
  await tap(desk, `#slot-${slot.id} .record`);
  await typeInto(desk, '#summary', '群众说明护栏损坏的位置和时间');
  await typeInto(desk, '#measures', '县住建局三日内设置临时警示并修复护栏');
  await tap(desk, '#unit');
  const units = desk.data.unitColumns as string[];
  await emit(desk, '#unit-picker', 'confirm', { index: units.indexOf('县住建局'), value: '县住建局' });
  await typeInto(desk, '#days', '3');
  await tap(desk, '#save-outcome');
  expect(toastText(desk)).toBe('纪要已保存，已交责任单位办理');
  expect(desk.text()).toContain('已转县住建局办理');
});

test('the request moves to the 住建局, and the resident follows it on their own page', async () => {
  // The 住建局 has it to sign for; 城关镇 no longer does.
  actAs('demo-cadre-zhujian');
  const inbox = await openPage('packages/cadre/inbox/index');
  expect((inbox.data.rows as { id: string }[]).map((r) => r.id)).toContain(own.id);
  actAs('demo-cadre-chengguan');
  expect((await openPage('packages/cadre/handle/index', { id: own.id })).text()).not.toContain('河西村桥头护栏');

  // The resident follows the same request: who handles it now, and the leader's step in plain words.
  actAs(R1);
  const mine = await openPage('packages/request/detail/index', { id: own.id });
  expect(mine.text()).toContain('县住建局');
  expect(mine.text()).toContain('领导交给单位办理');
  expect(mine.text()).toContain('陈建华（县领导）');
  expect(mine.text()).toContain('县住建局三日内设置临时警示并修复护栏');
});
