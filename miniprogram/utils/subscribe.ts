/**
 * 订阅消息: WeChat only shows the subscription panel from a user's tap, so pages call
 * `askSubscriptions()` synchronously at the start of the tap handler (before any await), then go on
 * with their business action. The panel asks for what the server said (`me.subscribe`: long-term
 * templates where the county has them, else one-time ones; never both kinds at once). Its answers
 * and what wx.getSetting says (notices switched off, choices kept) are reported with
 * grantSubscriptions; a refusal, a missing API or any error is swallowed: it never blocks or delays
 * the action.
 */
import type { IAppOption, SubscribeAnswer } from '../../typings/index';
import { grantSubscriptions } from '../services/user';

type Answers = Record<string, SubscribeAnswer>;

/** What wx.getSetting({withSubscriptions: true}) says of subscription messages. */
export interface NoticeSetting {
  mainSwitch: boolean;
  itemSettings?: Record<string, 'accept' | 'reject' | 'ban'>;
}

const ANSWERS = new Set(['accept', 'acceptWithAudio', 'reject', 'ban', 'filter']);

function request(tmplIds: string[]): Promise<Answers> {
  return new Promise((resolve) => {
    try {
      wx.requestSubscribeMessage({
        tmplIds,
        success: (res) => {
          const r = res as unknown as Record<string, string>;
          resolve(Object.fromEntries(tmplIds.filter((t) => ANSWERS.has(r[t] ?? '')).map((t) => [t, r[t] as SubscribeAnswer])));
        },
        fail: () => resolve({}),
      });
    } catch {
      resolve({});
    }
  });
}

/** The phone's notice settings for this mini-program; null where the base library cannot say. */
export function readNoticeSetting(): Promise<NoticeSetting | null> {
  return new Promise((resolve) => {
    try {
      wx.getSetting({
        withSubscriptions: true,
        success: (res) => {
          const s = (res as { subscriptionsSetting?: { mainSwitch?: boolean; itemSettings?: Record<string, string> } })
            .subscriptionsSetting;
          if (!s || typeof s.mainSwitch !== 'boolean') return resolve(null);
          const items = Object.entries(s.itemSettings ?? {}).filter(([, v]) => v === 'accept' || v === 'reject' || v === 'ban');
          resolve({
            mainSwitch: s.mainSwitch,
            ...(items.length ? { itemSettings: Object.fromEntries(items) as NoticeSetting['itemSettings'] } : {}),
          });
        },
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}

let lastReported = '';

/** Tells the server what the panel and the settings say (the outbox sends by it); never rejects. */
export async function reportNotices(answers: Answers, setting: NoticeSetting | null): Promise<void> {
  const key = JSON.stringify([answers, setting]);
  // The same settings again with no new answers: nothing new to tell.
  if (!Object.keys(answers).length && (setting === null || key === lastReported)) return;
  try {
    const res = await grantSubscriptions({ answers, ...(setting ?? {}) });
    lastReported = key;
    const me = getApp<IAppOption>().globalData.me;
    if (me) me.subscribe = res.subscribe;
  } catch {
    // Not recorded: the next tap or visit to 消息 tells it again.
  }
}

/**
 * Opens the subscription panel (must be called from the tap itself) and records the answers.
 * Resolves with the accepted ids; never rejects.
 */
export function askSubscriptions(): Promise<string[]> {
  const ask = getApp<IAppOption>().globalData.me?.subscribe;
  if (!ask || !ask.tmplIds.length || typeof wx.requestSubscribeMessage !== 'function') return Promise.resolve([]);
  return request(ask.tmplIds).then(async (answers) => {
    await reportNotices(answers, await readNoticeSetting());
    return Object.keys(answers).filter((t) => answers[t] === 'accept' || answers[t] === 'acceptWithAudio');
  });
}

/** Loads who I am in the background, so the templates are at hand when the user taps. */
export function preloadMe(): void {
  getApp<IAppOption>()
    .loadMe()
    .catch(() => undefined);
}
