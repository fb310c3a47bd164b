/**
 * The 消息 tab's unread badge. The tab's index is read from app.json's tab bar order; a failure
 * (no tab bar on this page, an old base library) only leaves the badge as it was.
 */
import { fetchUnread } from '../services/user';

/** 消息 is the third tab (首页, 我的诉求, 消息, 我的). */
const MESSAGES_TAB = 2;

export function showUnread(unread: number): void {
  if (unread > 0) wx.setTabBarBadge({ index: MESSAGES_TAB, text: unread > 99 ? '99+' : String(unread), fail: () => undefined });
  else wx.removeTabBarBadge({ index: MESSAGES_TAB, fail: () => undefined });
}

/** Asks the server how many notices are unread and shows it on the tab; never rejects. */
export function refreshUnread(): Promise<void> {
  return fetchUnread().then(
    ({ unread }) => showUnread(unread),
    () => undefined,
  );
}
