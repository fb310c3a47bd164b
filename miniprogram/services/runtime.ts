/**
 * Which cloud this build talks to. Only a develop build (DevTools, 开发版) may use the local cloud
 * and its demo identities; trial and release builds use wx.cloud whatever config.ts says.
 */
import { LOCAL_CLOUD_URL } from '../config';

function account(): { appId: string; envVersion: string } {
  try {
    const { appId, envVersion } = wx.getAccountInfoSync().miniProgram;
    return { appId, envVersion };
  } catch {
    // No account information: treat it as a release build, the safe side.
    return { appId: '', envVersion: 'release' };
  }
}

/** The local cloud's URL in a develop build that has one; '' in every other build. */
export function localCloudUrl(): string {
  return LOCAL_CLOUD_URL && account().envVersion === 'develop' ? LOCAL_CLOUD_URL : '';
}

/** What a developer must set before any cloud can answer, in plain words; null when one can. */
export function setupProblem(): string | null {
  if (localCloudUrl()) return null;
  const { appId } = account();
  if (appId && appId !== 'touristappid') return null;
  return '这个小程序还没有设置 AppID，无法连接云开发。本地调试：在 miniprogram/config.ts 把 LOCAL_CLOUD_URL 设为 npm start 打印的地址（默认 http://127.0.0.1:9777）；正式使用：在 project.config.json 填写本县小程序的 AppID，并在 miniprogram/config.ts 填写云开发环境 ID（CLOUD_ENV）。';
}
