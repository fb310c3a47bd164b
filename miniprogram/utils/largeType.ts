/**
 * 大字模式: the resident pages drawn 1.3× larger (text and touch targets alike), for people for
 * whom even WeChat's largest font is small. Kept on the phone; each resident page applies it when
 * it loads, and switching it reloads the app so every open page follows.
 */
const KEY = 'largeType';

/** The data a resident page renders the mode from (`<view class="page {{large ? 'large' : ''}}">`). */
export function largeTypeData(): { large: boolean } {
  try {
    return { large: wx.getStorageSync<boolean>(KEY) === true };
  } catch {
    return { large: false };
  }
}

/** Turns the mode on or off and reopens the app at `url`, so the pages already open redraw. */
export function setLargeType(on: boolean, url: string): void {
  wx.setStorageSync(KEY, on);
  wx.reLaunch({ url, fail: () => undefined });
}
