/**
 * @jest-environment ./test/pages/environment.js
 *
 * 统计 against the real functions, in a county with more units than a page: an admin sees the
 * county's totals and the first 20 units by name, the rest when reaching the bottom; a cadre only
 * their own unit; a month with nothing counted says so.
 */
import { db } from '../../server/db';
import { project } from '../../server/jobs/figures';
import { units as demoUnits } from '../../scripts/demo-county';
import { actAs, emit, hook, openPage, useTestCloud, type PageHandle } from './harness';

const cloud = useTestCloud();
const EXTRA = 30;
const pad = (i: number) => String(i).padStart(3, '0');
/** The unit rows the page shows (the county's totals are not one). */
const unitRows = (h: PageHandle) => h.comp.querySelectorAll('.fig--unit');

beforeAll(async () => {
  // Before any function call, so the functions' directory has them.
  await Promise.all(
    Array.from({ length: EXTRA }, (_, i) =>
      db
        .collection('units')
        .doc(`unit-page-${pad(i)}`)
        .set({ data: { name: `测试单位${pad(i)}`, kind: '县直单位' } }),
    ),
  );
  const s = await cloud().ok('demo-resident-1', 'request', 'submit', {
    clientId: 'figures-page-000001',
    category: '咨询',
    scene: 'c-renshe-01',
    content: '咨询养老保险转移接续手续',
    confidential: false,
    mayContact: false,
  });
  const d = await cloud().ok('demo-cadre-renshe', 'request', 'detail', { id: s.id });
  await cloud().ok('demo-cadre-renshe', 'request', 'accept', { id: d.id, version: d.version });
  await project({ now: Date.now(), until: Date.now() + 60_000 });
});

test('an admin sees the county’s totals, then every unit 20 at a time by name', async () => {
  actAs('demo-admin');
  const f = await openPage('packages/admin/figures/index');
  expect(f.$('#county')).toBeDefined();
  expect(f.text()).toContain('全县各单位');
  expect(f.text()).toContain('全县合计收到 1 件');
  expect(unitRows(f)).toHaveLength(20);
  // 测试单位… (cè) come before 城关镇 (chéng) and the 县… units (xiàn): those are on the next page.
  expect(f.text()).toContain('测试单位019');
  expect(f.text()).not.toContain('县人社局');
  expect(f.text()).toContain('上拉查看更多单位');

  await hook(f, 'onReachBottom');
  expect(unitRows(f)).toHaveLength(EXTRA + demoUnits.length);
  expect(f.text()).toContain('县人社局收到 1 件');
  expect(f.text()).toContain('按时签收 1 / 应签收 1');
  expect(f.text()).toContain('群众说解决 0 / 评价 0');
  expect(f.text()).toContain('没有更多了');
  await hook(f, 'onReachBottom'); // nothing more to load
  expect(unitRows(f)).toHaveLength(EXTRA + demoUnits.length);

  await emit(f, '#month', 'change', { value: '2020-01' });
  expect(f.text()).toContain('2020年1月还没有统计数据');
  expect(f.$('#county')).toBeUndefined();
});

test('a cadre sees their own unit, without the county’s totals', async () => {
  actAs('demo-cadre-renshe');
  const mine = await openPage('packages/admin/figures/index');
  expect(mine.text()).toContain('县人社局收到 1 件');
  expect(unitRows(mine)).toHaveLength(1);
  expect(mine.$('#county')).toBeUndefined();
  expect(mine.text()).not.toContain('测试单位');
});
