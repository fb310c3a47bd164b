/**
 * @jest-environment ./test/pages/environment.js
 *
 * 连心卡 (S7) on the compiled package: a cadre edits their own card and a resident scanning its code
 * reads the change; an admin picks a unit, sees its cadres' cards and takes one out of use, whose code
 * then says so and leads to the unit's card.
 */
import { cadreCardKeys } from '../../server/domain/cardKeys';
import { actAs, emit, harness, openPage, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const CHENGGUAN = 'demo-cadre-chengguan';
const ZHUJIAN = 'demo-cadre-zhujian';

test('a cadre edits their own card; its printed code shows the change at once; a wrong phone is said at the field', async () => {
  actAs(CHENGGUAN);
  const me = await openPage('pages/me/index');
  await tap(me, '#cards');
  expect(harness.lastNavigation!.url).toBe('/packages/cadre/cards/index');
  const { _id: id, scene } = cadreCardKeys(CHENGGUAN);
  const p = await openPage('packages/cadre/cards/index');
  expect(p.text()).toContain('孙丽 · 城关镇人民政府');
  expect(p.text()).toContain('便民服务中心主任');
  expect(p.$(`#revoke-${id}`)).toBeUndefined();

  await tap(p, `#edit-${id}`);
  await typeInto(p, '#field-post', '城关镇便民服务中心主任');
  await typeInto(p, '#field-phone', '6634-56');
  await tap(p, '#save');
  expect(p.text()).toContain('电话请填写固定电话（如0000-6612345）或11位手机号码');
  await typeInto(p, '#field-phone', '0000-6634569');
  await tap(p, '#save');
  expect(toastText(p)).toContain('已保存');
  expect(p.data.editing).toBe('');
  expect(p.text()).toContain('城关镇便民服务中心主任');

  // 发放: the unit's card, 200 copies to the village meeting.
  await tap(p, '#handout-card-chengguan-1');
  await typeInto(p, '#copies', '200');
  await typeInto(p, '#hand-to', '河西村村民大会');
  await tap(p, '#confirm-handout');
  expect(toastText(p)).toContain('已登记发放');
  expect(p.$('#card-card-chengguan-1')!.dom!.textContent).toContain('已发放 200 张');

  actAs('demo-resident-1');
  const card = await openPage('packages/request/card/index', { scene });
  expect(card.text()).toContain('孙丽');
  expect(card.text()).toContain('城关镇便民服务中心主任');
  expect(card.$('#intent-ask')).toBeDefined();
  await tap(card, '#phone');
  expect(harness.calls.at(-1)).toEqual({ phoneNumber: '0000-6634569' });
});

test('an admin picks a unit, sees its cadres’ cards and takes one out of use; its code then leads to the unit', async () => {
  actAs('demo-admin');
  const me = await openPage('pages/me/index');
  await tap(me, '#cards-admin');
  expect(harness.lastNavigation!.url).toBe('/packages/cadre/cards/index?admin=1');
  const p = await openPage('packages/cadre/cards/index', { admin: '1' });
  expect(p.text()).toContain('选择一个单位');
  const units = p.data.unitColumns as string[];
  await emit(p, '#unit-picker', 'confirm', { index: units.indexOf('县住建局'), value: '县住建局' });
  const { _id: id, scene } = cadreCardKeys(ZHUJIAN);
  expect(p.text()).toContain('赵明 · 县住建局');
  expect(p.$(`#show-code-${id}`)).toBeUndefined();

  await tap(p, `#revoke-${id}`);
  await typeInto(p, '#reason', '已调离本单位');
  await tap(p, '#confirm-revoke');
  expect(toastText(p)).toContain('已停用');
  expect(p.text()).toContain('已停用：已调离本单位');
  expect(p.$(`#edit-${id}`)).toBeUndefined();

  actAs('demo-resident-2');
  const gone = await openPage('packages/request/card/index', { scene });
  expect(gone.text()).toContain('这张连心卡已经停用');
  expect(gone.text()).toContain('请联系县住建局');
  expect(gone.text()).not.toContain('赵明');
  expect(gone.$('#intent-ask')).toBeUndefined();
  await tap(gone, '#unit-card');
  expect(harness.lastNavigation!.url).toBe('/packages/request/card/index?scene=c-zhujian-01');
  const unit = await cloud().ok('demo-resident-2', 'county', 'card', { scene: 'c-zhujian-01' });
  expect(unit.active).toBe(true);
});
