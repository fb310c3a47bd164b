/**
 * @jest-environment ./test/pages/environment.js
 *
 * A release can never point at a laptop: which cloud each kind of build talks to
 * (wx.getAccountInfoSync().miniProgram.envVersion), on the compiled package, whose config.ts
 * has the local cloud's URL set as a fresh clone does.
 */
import { actAs, harness, openPage, toastText, useTestCloud } from './harness';

useTestCloud({ requests: false });

const APPID = 'wx5e1a2c3b4d6f7089';

test.each(['trial', 'release'] as const)('a %s build calls wx.cloud only and offers no demo identities', async (envVersion) => {
  harness.account = { appId: APPID, envVersion };
  actAs('demo-admin');
  const me = await openPage('pages/me/index');
  expect(me.text()).toContain('派单台');
  expect(me.text()).not.toContain('本地调试');
  expect(me.$('#dev-identity')).toBeFalsy();
  expect(harness.cloudCalls).toBeGreaterThan(0);
  expect(harness.requests).toEqual([]);
  const home = await openPage('pages/home/index');
  expect(home.text()).toContain('扫连心卡');
});

test('a develop build uses the local cloud and offers the demo identities there', async () => {
  harness.account = { appId: 'touristappid', envVersion: 'develop' };
  actAs(null);
  const me = await openPage('pages/me/index');
  expect(me.text()).toContain('本地调试身份');
  expect(harness.requests).toEqual(['http://127.0.0.1:9777/functions/user']);
  expect(harness.cloudCalls).toBe(0);
});

test('with the placeholder appid and no local cloud the app says what to set, not 网络不给力', async () => {
  harness.account = { appId: 'touristappid', envVersion: 'release' };
  actAs('demo-resident-1');
  const home = await openPage('pages/home/index');
  expect(home.text()).toContain('还差一步设置');
  expect(home.text()).toContain('AppID');
  expect(home.text()).not.toContain('扫连心卡');
  const me = await openPage('pages/me/index');
  expect(toastText(me)).toContain('LOCAL_CLOUD_URL');
  expect(toastText(me)).not.toContain('网络不给力');
  expect(harness.cloudCalls).toBe(0);
  expect(harness.requests).toEqual([]);
});
