/**
 * @jest-environment ./test/pages/environment.js
 *
 * Teams and activities (S6.2, S6.3) on the compiled package against the real functions: the admin's
 * desk sets up a team and reads every team's and member's year; the leader plans an activity on the
 * proposed 党员志愿服务日 or today; a member joins, signs up, and checks in by scanning the venue's
 * code from 首页; the member's 服务台 counts it against the year's target.
 */
import { actAs, emit, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const ADMIN = 'demo-admin';
const LEADER = 'demo-volunteer-2';
const MEMBER = 'demo-volunteer-1';
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

test('desk → team → plan → join → sign up → check in by the venue code → the year counts it', async () => {
  actAs(ADMIN);
  const me = await openPage('pages/me/index');
  expect(me.$('#vol-desk')).toBeDefined();
  const desk = await openPage('packages/volunteer/desk/index');
  // both demo members are behind: too few pairs, no activity yet
  expect(desk.text()).toContain('结对群众不足10户');
  expect(desk.text()).toContain('参加活动0次（每年至少2次）');
  await tap(desk, '#create-team');
  expect(toastText(desk)).toBe('服务队名称请至少写4个字');
  await typeInto(desk, '#team-name', '幸福社区环保志愿服务队');
  await tap(desk, '#create-team');
  expect(toastText(desk)).toBe('请选择服务领域');
  await emit(desk, '#skill', 'change', '环境保护');
  await emit(desk, '#organizer', 'change', '团县委');
  await typeInto(desk, '#leader', 'v-hezhiyuan');
  await tap(desk, '#create-team');
  expect(desk.text()).toContain('幸福社区环保志愿服务队');
  expect(desk.$('#team-row-0')!.dom!.textContent).toContain('已开展活动0次（每年至少6次）');

  // the leader finds the team from the 服务台; the date offered is the next 党员志愿服务日
  actAs(LEADER);
  const home = await openPage('packages/volunteer/home/index');
  expect(home.$('#activities')!.dom!.textContent).toBe('0/2');
  await tap(home, '#teams');
  expect(harness.lastNavigation?.url).toBe('/packages/volunteer/teams/index');
  const teams = await openPage('packages/volunteer/teams/index');
  expect(teams.text()).toContain('我是队长');
  await tap(teams, '#team-0');
  const nav = parseUrl(harness.lastNavigation!.url);
  let team = await openPage(nav.path, nav.query);
  expect(team.data.date).toBe(team.data.proposedDate);
  expect(team.text()).toContain('党员志愿服务日（每月第2个星期六）');
  await tap(team, '#plan');
  expect(toastText(team)).toBe('活动内容请至少写4个字');
  await typeInto(team, '#title', '社区垃圾分类宣传');
  await typeInto(team, '#place', '幸福社区广场');
  await typeInto(team, '#capacity', '0');
  await tap(team, '#plan');
  expect(toastText(team)).toBe('人数请填写1到500之间的整数');
  await typeInto(team, '#capacity', '1');
  await emit(team, '#date', 'change', { value: today() });
  await tap(team, '#plan');
  expect(team.text()).toContain('社区垃圾分类宣传');
  expect(team.text()).toContain('已报名0/1人');

  // a member joins and takes the one place
  actAs(MEMBER);
  const list = await openPage('packages/volunteer/teams/index');
  await tap(list, '#join-0');
  expect(list.text()).toContain('已加入');
  team = await openPage(nav.path, nav.query);
  await tap(team, '#signup-0');
  expect(team.text()).toContain('我已报名');
  expect(team.text()).toContain('已报名1/1人');
  expect(team.$('#code-0')).toBeUndefined();

  // the leader shows the venue code; the member scans it from 首页 on the day
  actAs(LEADER);
  team = await openPage(nav.path, nav.query);
  expect(team.$('#signup-0')).toBeUndefined();
  await tap(team, '#code-0');
  expect(team.$('#venue-code')).toBeDefined();
  const dump = (await cloud().dump()) as { collections: Record<string, { title?: string; venueScene?: string }[]> };
  const scene = dump.collections.vol_activities!.find((a) => a.title === '社区垃圾分类宣传')!.venueScene!;

  actAs(MEMBER);
  const first = await openPage('pages/home/index');
  harness.scanResult = { path: `packages/volunteer/checkin/index?scene=${scene}` };
  await tap(first, '#scan');
  const checkinNav = parseUrl(harness.lastNavigation!.url);
  expect(checkinNav).toEqual({ path: 'packages/volunteer/checkin/index', query: { scene } });
  const checkin = await openPage(checkinNav.path, checkinNav.query);
  expect(checkin.text()).toContain('签到成功');
  expect(checkin.$('#checked')!.dom!.textContent).toBe('社区垃圾分类宣传');
  const mine = await openPage('packages/volunteer/home/index');
  expect(mine.$('#activities')!.dom!.textContent).toBe('1/2');

  // the team's year counts it, on the desk too
  actAs(ADMIN);
  const after = await openPage('packages/volunteer/desk/index');
  expect(after.text()).toContain('幸福社区环保志愿服务队');
  expect(after.text()).toContain('已开展活动1次（每年至少6次）');
});
