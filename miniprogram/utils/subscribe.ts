/**
 * 订阅消息: WeChat only shows the subscription panel from a user's tap, so pages call
 * `askSubscriptions()` synchronously at the start of the tap handler (before any await), then go on
 * with their business action. Whatever the user accepts is recorded with grantSubscriptions; a
 * refusal, a missing API or any error is swallowed: it never blocks or delays the action.
 */
import type { IAppOption } from '../../typings/index';
import { grantSubscriptions } from '../services/user';

/** The template ids the county configured (non-null ones, at most 3 as WeChat allows). */
function subscriptionTemplates(): string[] {
  const me = getApp<IAppOption>().globalData.me;
  if (!me) return [];
  return Object.values(me.templates)
    .filter((t): t is string => typeof t === 'string' && t.length > 0)
    .slice(0, 3);
}

function request(tmplIds: string[]): Promise<string[]> {
  return new Promise((resolve) => {
    try {
      wx.requestSubscribeMessage({
        tmplIds,
        success: (res) => resolve(tmplIds.filter((t) => (res as Record<string, string>)[t] === 'accept')),
        fail: () => resolve([]),
      });
    } catch {
      resolve([]);
    }
  });
}

/**
 * Opens the subscription panel (must be called from the tap itself) and records what was accepted.
 * Resolves with the accepted ids; never rejects.
 */
export function askSubscriptions(): Promise<string[]> {
  const tmplIds = subscriptionTemplates();
  if (!tmplIds.length || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve([]);
  return request(tmplIds).then(async (accepted) => {
    if (!accepted.length) return [];
    try {
      await grantSubscriptions(accepted);
      return accepted;
    } catch {
      return [];
    }
  });
}

/** Loads who I am in the background, so the templates are at hand when the user taps. */
export function preloadMe(): void {
  getApp<IAppOption>()
    .loadMe()
    .catch(() => undefined);
}
