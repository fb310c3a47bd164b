/**
 * @jest-environment ./test/pages/environment.js
 *
 * 下访 (S4.3) as shipped (compiled package) against the real functions: a 包村干部 opens 下访记录
 * from 我的, reads what 逢五必进 asked of him in October 2026 and missed, and logs a visit; a county
 * leader logs his monthly 下访 with his key case taken along (带案下访); the admin's 下访情况 lists
 * who missed what.
 */
import { leaderKey } from '../../server/meet';
import { actAs, openPage, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const ADMIN = 'demo-admin';
const VILLAGE = 'demo-village-shimen';
const LEADER = 'demo-leader-1';
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

test('逢五必进: the 包村干部’s month, what he missed, a visit logged; the admin sees who missed what', async () => {
  actAs(VILLAGE);
  const me = await openPage('pages/me/index');
  expect(me.$('#my-visits')).toBeDefined();
  expect(me.$('#my-cases')).toBeUndefined();
  const page = await openPage('packages/meet/visits/index');
  expect(page.$('#asked')!.dom!.textContent).toContain('逢五必进');
  await typeInto(page, '#month', '2026-10');
  expect(page.$('#asked')!.dom!.textContent).toContain('这个月要求4天，已下访0天');
  expect(page.$('#missed')!.dom!.textContent).toBe('漏了4天：10月9日、10月16日、10月23日、10月30日');
  expect(page.$('#no-visits')).toBeDefined();

  await typeInto(page, '#visit-date', '2026-10-16');
  await tap(page, '#log');
  expect(toastText(page)).toBe('下访地点请至少写2个字');
  await typeInto(page, '#visit-place', '石门村村委会');
  await typeInto(page, '#visit-notes', '走访三组五户群众，收集灌溉用水问题');
  await tap(page, '#log');
  expect(toastText(page)).toBe('下访已记录');
  expect(page.$('#missed')!.dom!.textContent).toBe('漏了3天：10月9日、10月23日、10月30日');
  expect(page.text()).toContain('走访三组五户群众，收集灌溉用水问题');

  actAs(ADMIN);
  expect((await openPage('pages/me/index')).$('#visits-admin')).toBeDefined();
  const list = await openPage('packages/meet/missed/index');
  await typeInto(list, '#month', '2026-10');
  const row = list.$(`#missed-${leaderKey(VILLAGE)}`)!.dom!.textContent!.replace(/\s+/g, ' ');
  expect(row).toContain('吴小军 · 石门镇人民政府 · 包村(居)干部');
  expect(row).toContain('漏了3天：10月9日、10月23日、10月30日');
  expect(list.$(`#missed-${leaderKey(LEADER)}`)!.dom!.textContent).toContain('这个月还差1次下访');
  expect(list.$('#missed-count')!.dom!.textContent).toContain('有3人没有按要求下访');
});

test('带案下访: a county leader takes his key case along on this month’s 下访', async () => {
  const letter = await cloud().ok(ADMIN, 'admin', 'register', {
    clientId: 'page-visit-letter-0001',
    source: '来信',
    category: '求助',
    content: '石门村灌溉水渠多年失修，请求县领导协调解决。',
    receivedAt: Date.now() - 86_400_000,
    contactName: '周大海',
    unitId: 'unit-shimen',
    confidential: false,
  });
  const c = await cloud().ok(ADMIN, 'meet', 'assignCase', { requestNo: letter.no, leaderKey: leaderKey(LEADER) });

  actAs(LEADER);
  const page = await openPage('packages/meet/visits/index');
  expect(page.$('#asked')!.dom!.textContent).toContain('这个月要求1次，已下访0次');
  expect(page.$('#missed')!.dom!.textContent).toBe('这个月还差1次下访');
  await tap(page, `#take-${c.id}`);
  await typeInto(page, '#visit-place', '石门镇石门村');
  await typeInto(page, '#visit-notes', '带案下访，同信访人和村干部现场查看水渠');
  await tap(page, '#log');
  expect(toastText(page)).toBe('下访已记录');
  expect(page.$('#missed')).toBeUndefined();
  expect(page.$('#asked')!.dom!.textContent).toContain('已下访1次');
  expect(page.text()).toContain(`带案：${letter.no}`);
  const stored = (await cloud().dump()) as { collections: { down_visits: { visits: { date: string; cases: { id: string }[] }[] }[] } };
  expect(stored.collections.down_visits.flatMap((d) => d.visits).find((v) => v.cases.length)).toMatchObject({
    date: today(),
    cases: [{ id: c.id }],
  });
});
