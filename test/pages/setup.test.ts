/**
 * @jest-environment ./test/pages/environment.js
 *
 * The county's first admin from the app: 我的 → 输入管理员设置码 (non-admins only), the code the
 * deploy printed, user.claimSetup through the real function; a malformed, wrong or used code is
 * refused in plain Chinese, and the right one makes the caller admin at once.
 */
import { db } from '../../server/db';
import { newSetupCode, setupCodeId } from '../../server/setup-code';
import { actAs, harness, openPage, tap, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
const IT = 'county-it-person';
const WRONG_OR_USED = '设置码不正确或已失效，请重新运行部署获取新的设置码';
let code = '';

beforeAll(async () => {
  // What `npm run deploy` stores: only the code's hash (scripts/deploy-data.ts).
  code = newSetupCode();
  const now = Date.now();
  await db
    .collection('setup_codes')
    .doc(setupCodeId(code))
    .set({ data: { createdAt: now, expiresAt: now + 7 * 86_400_000, usedBy: null, usedAt: null } });
});

test('我的 links to the setup page for non-admins only', async () => {
  actAs(IT);
  const me = await openPage('pages/me/index');
  expect(me.$('#setup')).toBeDefined();
  expect(me.text()).toContain('输入管理员设置码');
  expect(me.$('#queue')).toBeUndefined();

  actAs('demo-admin');
  expect((await openPage('pages/me/index')).$('#setup')).toBeUndefined();
});

test('a malformed, a wrong and then the right code: the caller becomes admin and 我的 opens the desk', async () => {
  actAs(IT);
  const p = await openPage('packages/admin/setup/index');
  await tap(p, '#claim');
  expect(p.text()).toContain('设置码是12位字母或数字，请核对');

  await typeInto(p, '#code', 'ABCDEFGH2345');
  await tap(p, '#claim');
  expect(p.text()).toContain(WRONG_OR_USED);
  expect((await cloud().ok(IT, 'user', 'me', {})).roles).not.toContain('admin');

  await typeInto(p, '#code', ` ${code.toLowerCase()} `);
  expect(p.text()).not.toContain(WRONG_OR_USED); // typing again clears the error
  await tap(p, '#claim');
  expect(p.text()).toContain('设置成功，您现在是管理员');
  expect(p.$('#code')).toBeUndefined();
  expect((await cloud().ok(IT, 'user', 'me', {})).roles).toContain('admin');

  await tap(p, '#to-me');
  expect(harness.lastNavigation).toEqual({ kind: 'switchTab', url: '/pages/me/index' });
  // The app's own idea of who I am changed with the answer: 我的 shows the desk without a reload.
  const me = await openPage('pages/me/index');
  expect(me.text()).toContain('调度员');
  expect(me.$('#queue')).toBeDefined();
  expect(me.$('#setup')).toBeUndefined();

  const again = await openPage('packages/admin/setup/index');
  expect(again.text()).toContain('您已经是管理员');
});

test('a used code is refused to anyone else, and changes nothing', async () => {
  actAs('someone-else');
  const p = await openPage('packages/admin/setup/index');
  await typeInto(p, '#code', code);
  await tap(p, '#claim');
  expect(p.text()).toContain(WRONG_OR_USED);
  expect((await cloud().ok('someone-else', 'user', 'me', {})).roles).toEqual(['resident']);
});
