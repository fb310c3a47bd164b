/**
 * Where the cloud functions run.
 * - Trial and release builds (体验版, 正式版): always `wx.cloud` in the county's 云开发 environment:
 *   CLOUD_ENV, or the mini-program's default environment when it is ''.
 * - Develop builds (DevTools, 开发版) when LOCAL_CLOUD_URL is set: the local cloud `npm start` runs,
 *   with the demo identities on the 我的 page. Ignored by every other build (services/runtime.ts),
 *   so a release can never point at a laptop. Set it to '' to try a develop build on 云开发.
 */
export const CLOUD_ENV = '';
export const LOCAL_CLOUD_URL = 'http://127.0.0.1:9777';
