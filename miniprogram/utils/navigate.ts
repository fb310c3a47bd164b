/**
 * The wx calls a page makes and does not wait for. Each passes a `fail` callback, so none returns
 * a promise that could reject unnoticed (a cancelled phone call, a full page stack).
 */

/** Opens a page; when the page stack is full (10 pages), replaces the current one instead. */
export function openPage(url: string): void {
  wx.navigateTo({ url, fail: () => wx.redirectTo({ url, fail: () => undefined }) });
}

/** Dials a number; the user may cancel, which is not an error. */
export function callPhone(phoneNumber: string): void {
  wx.makePhoneCall({ phoneNumber, fail: () => undefined });
}

export function previewPhotos(urls: string[], current?: string): void {
  wx.previewImage({ urls, current, fail: () => undefined });
}

export function setTitle(title: string): void {
  wx.setNavigationBarTitle({ title, fail: () => undefined });
}

/** Replaces the current page (after a form is done, so 返回 does not reopen it). */
export function replacePage(url: string): void {
  wx.redirectTo({ url, fail: () => undefined });
}
