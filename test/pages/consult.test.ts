/**
 * @jest-environment ./test/pages/environment.js
 *
 * 三问决策 (S1.4) on the compiled pages against the real functions: the office creates a
 * consultation on 三问决策管理 and opens 问需; a resident finds it under 民意调查, votes once and
 * comments; after the timer counts the votes the bars show them; the office answers and closes the
 * phase, and the public timeline shows each step.
 */
import { tallyVotes } from '../../server/jobs/surveys';
import { actAs, answerDialog, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
let consultUrl = { path: '', query: {} as Record<string, string> };

test('the office creates a consultation on 三问决策管理 and opens 问需 after a confirmation', async () => {
  actAs('demo-admin');
  const admin = await openPage('packages/admin/consults/index');
  expect(admin.text()).toContain('还没有决策征询');
  await typeInto(admin, '#title', '城区停车场建设');
  await typeInto(admin, '#background', '县城老城区停车难，县政府拟新建公共停车场，现征求群众意见。');
  await tap(admin, '#create');
  expect(toastText(admin)).toBe('问需：征询问题请至少写4个字');
  for (const [i, q, o] of [
    [0, '您最需要在哪里停车？', '老城区、医院附近'],
    [1, '您支持哪个建设方案？', '地下停车场、立体停车楼'],
    [2, '停车场建成后好用吗？', '好用、不好用'],
  ] as const) {
    await typeInto(admin, `#question-${i}`, q);
    await typeInto(admin, `#options-${i}`, o);
  }
  await tap(admin, '#create');
  consultUrl = parseUrl(harness.lastNavigation!.url);
  expect([consultUrl.path, consultUrl.query.manage]).toEqual(['packages/survey/consult/index', '1']);
  expect(admin.text()).toContain('未发布');

  const page = await openPage(consultUrl.path, consultUrl.query);
  expect(page.text()).toContain('问需未开始');
  await tap(page, '#open-phase');
  expect(await answerDialog(page)).toContain('开始“问需”？');
  expect(page.text()).toContain('问需征询中');
  expect(page.text()).toContain('开始征询');
});

test('a resident finds it under 民意调查, votes once and comments without their name', async () => {
  actAs('demo-resident-1');
  const list = await openPage('packages/survey/list/index');
  expect(list.text()).toContain('城区停车场建设');
  expect(list.text()).toContain('问需进行中');
  const page = await openPage('packages/survey/consult/index', { id: consultUrl.query.id });
  expect(page.$('#open-phase')).toBeUndefined(); // no office controls for a resident
  await tap(page, '#option-0-0');
  expect(toastText(page)).toBe('投票成功');
  expect(page.text()).toContain('老城区（我的选择）');
  await tap(page, '#option-0-1'); // a second tap changes nothing: one vote a phase
  const dump = (await cloud().dump()) as { collections: { consult_votes: { option: number }[] } };
  expect(dump.collections.consult_votes.map((v) => v.option)).toEqual([0]);

  await typeInto(page, '#comment', '东门一带最缺车位');
  await tap(page, '#send');
  expect(toastText(page)).toBe('意见已发表');
  expect(page.text()).toContain('东门一带最缺车位');
  expect(JSON.stringify(await cloud().dump())).not.toMatch(/"(authorId|openid)":"demo-resident-1"/);
});

test('the timer counts the votes; the office answers and closes 问需; the timeline is public', async () => {
  await tallyVotes({ until: Date.now() + 60_000 });
  actAs('demo-admin');
  const page = await openPage('packages/survey/consult/index', consultUrl.query);
  expect(page.text()).toContain('老城区1票');
  await tap(page, '#close-phase');
  expect(toastText(page)).toBe('阶段答复请至少写10个字');
  await typeInto(page, '#summary', '群众最需要老城区停车，选址定在老城区东侧。');
  await tap(page, '#close-phase');
  expect(await answerDialog(page)).toContain('答复将公开在时间线上');
  expect(page.text()).toContain('答复：群众最需要老城区停车，选址定在老城区东侧。');

  actAs('demo-resident-2');
  const seen = await openPage('packages/survey/consult/index', { id: consultUrl.query.id });
  expect(seen.text()).toContain('问需已答复');
  expect(seen.text()).toContain('问需答复');
  expect(seen.$('#comment')).toBeUndefined(); // between phases nobody comments
});
