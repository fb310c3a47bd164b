/**
 * @jest-environment ./test/pages/environment.js
 *
 * 包案 (S4.5) as shipped (compiled package) against the real functions: the 信访局 gives a
 * registered letter to a county leader on 县领导包案; the 督办台 shows the case with its leader and
 * the duties still open; the leader finds it on 我的 → 我的包案 and ticks duties with notes; the
 * 信访局 ticks the rest and closes it (案结事了). The petitioner is on none of these pages.
 */
import { leaderKey } from '../../server/meet';
import { demoCase } from '../../scripts/demo-county';
import { actAs, answerDialog, harness, openPage, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const ADMIN = 'demo-admin';
const LEADER = 'demo-leader-1';
const TOWN = 'demo-cadre-chengguan';

test('包案 from the assignment to 案结事了: the 督办台, the leader’s page, the office', async () => {
  // the demo's key case's letter (a visit to 城关镇 with the petitioner's name and phone)
  const letter = await cloud().ok(ADMIN, 'admin', 'register', {
    ...demoCase.letter,
    clientId: 'page-case-letter-0001',
    receivedAt: Date.now() - 86_400_000,
  });

  actAs(ADMIN);
  const me = await openPage('pages/me/index');
  expect(me.$('#cases-admin')).toBeDefined();
  const page = await openPage('packages/meet/cases/index');
  expect(page.text()).toContain('没有包案中的案件');
  await tap(page, '#assign');
  expect(toastText(page)).toBe('请填写诉求编号');
  await typeInto(page, '#request-no', letter.no);
  await tap(page, '#assign');
  expect(toastText(page)).toBe('请选择包案的县领导');
  expect(page.text()).toContain('陈建华');
  await tap(page, `#leader-${leaderKey(LEADER)}`);
  await typeInto(page, '#case-note', '多次来访，请县领导包案');
  await tap(page, '#assign');
  expect(toastText(page)).toBe('已由陈建华包案');
  const leaderName = '陈建华';
  expect(page.text()).toContain(letter.no);
  expect(page.text()).toContain('未落实：包解决问题、包思想疏导、包稳定控制、包帮扶困难、包依法处置');
  expect(page.text()).not.toMatch(/周大海|13900005678/);
  const stored = (await cloud().dump()) as { collections: { meet_cases: { _id: string; leaderName: string }[] } };
  const caseId = stored.collections.meet_cases.find((c) => c.leaderName === leaderName)!._id;

  // the 督办台: which case, which leader, which duties are still open
  const board = await openPage('packages/admin/overdue/index');
  const block = board.$('.case-board-box')!.dom!.textContent!.replace(/\s+/g, ' ');
  expect(block).toContain(`${letter.no} · ${leaderName}包案`);
  expect(block).toContain('未落实：包解决问题、包思想疏导、包稳定控制、包帮扶困难、包依法处置');
  // the board is a component of the meet subpackage: its rows are found inside it
  board.$('.case-board-box')!.querySelector(`#board-case-${caseId}`)!.dispatchEvent('tap');
  await board.settle();
  expect(harness.lastNavigation!.url).toBe(`/packages/meet/case/index?id=${caseId}`);

  // the leader: 我的 → 我的包案 → the case; ticks 包思想疏导 with a note
  actAs(TOWN);
  expect((await openPage('pages/me/index')).$('#my-cases')).toBeUndefined();
  actAs(LEADER);
  expect((await openPage('pages/me/index')).$('#my-cases')).toBeDefined();
  const mine = await openPage('packages/meet/cases/index');
  expect(mine.$('#assign-form')).toBeUndefined();
  await tap(mine, `#case-${caseId}`);
  expect(harness.lastNavigation!.url).toBe(`/packages/meet/case/index?id=${caseId}`);
  const c = await openPage('packages/meet/case/index', { id: caseId });
  expect(c.text()).toContain(`包案领导：${leaderName}`);
  expect(c.text()).not.toMatch(/周大海|13900005678/);
  await tap(c, '#duty-counsel');
  expect(c.text()).toContain('包思想疏导的落实情况');
  await tap(c, '#done');
  expect(toastText(c)).toBe('落实情况请至少写5个字');
  await typeInto(c, '#duty-note', '已同信访人面谈两次，讲清宅基地政策');
  await tap(c, '#done');
  expect(toastText(c)).toBe('已落实');
  expect(c.$('#duty-counsel')!.dom!.textContent).toContain('已落实');
  expect(c.$('#duty-counsel')!.dom!.textContent).toContain(`${leaderName}：已同信访人面谈两次，讲清宅基地政策`);
  expect(c.$('#close-form')).toBeUndefined();
  expect(c.$('#still-open')!.dom!.textContent).toContain('还有4项没有落实');

  // the office ticks the rest and closes it
  actAs(ADMIN);
  const office = await openPage('packages/meet/case/index', { id: caseId });
  for (const duty of ['solve', 'stability', 'aid', 'law']) {
    await tap(office, `#duty-${duty}`);
    await typeInto(office, '#duty-note', '镇村干部已上门落实到位');
    await tap(office, '#done');
    expect(toastText(office)).toBe('已落实');
  }
  await tap(office, '#close');
  expect(toastText(office)).toBe('案结事了情况请至少写5个字');
  await typeInto(office, '#close-note', '纠纷已调处，信访人息诉罢访');
  await tap(office, '#close');
  expect(await answerDialog(office)).toContain(letter.no);
  expect(toastText(office)).toBe('已案结事了');
  expect(office.$('#closed')!.dom!.textContent).toContain('案结事了：纠纷已调处，信访人息诉罢访');

  const after = await openPage('packages/admin/overdue/index');
  expect(after.$('.case-board-box')!.dom!.textContent).toContain('没有包案中的案件');
  const list = await openPage('packages/meet/cases/index');
  await tap(list, '#box-closed');
  expect(list.$(`#case-${caseId}`)!.dom!.textContent).toContain('案结事了');
});
