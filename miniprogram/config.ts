/**
 * Where the cloud functions run.
 * - Production: `wx.cloud` in the county's own 云开发 environment (CLOUD_ENV).
 * - Development: set LOCAL_CLOUD_URL to the emulator `npm start` prints (e.g. http://127.0.0.1:9777)
 *   and tick “不校验合法域名” in DevTools; the 我的 page then offers the demo identities.
 */
export const CLOUD_ENV = 'lianxin-prod';
export const LOCAL_CLOUD_URL = '';
