/**
 * A person's tap in a subscription panel, as the page makes it: WeChat (the local one) records the
 * answers and gives them to the page, which reports them with user.grantSubscriptions. Tests that
 * call the functions directly use this; page tests go through wx.requestSubscribeMessage.
 */
import type { SubscribeAnswer, SubscribeAsk } from '../../typings';

type Call = (
  openid: string,
  fn: 'user',
  action: 'grantSubscriptions',
  req: { answers: Record<string, SubscribeAnswer> },
) => Promise<unknown>;

export interface PanelResult {
  ok: boolean;
  answers?: Record<string, SubscribeAnswer>;
  errCode?: number;
}

/** The panel on the platform only (WeChat records it; the app is told nothing). */
export async function panel(url: string, openid: string, answers: Record<string, SubscribeAnswer>, keep = false): Promise<PanelResult> {
  const res = await fetch(`${url}/dev/subscribe/answer`, {
    method: 'POST',
    body: JSON.stringify({ openid, tmplIds: Object.keys(answers), answers, keep }),
  });
  return (await res.json()) as PanelResult;
}

/** The panel, then the page's report of its answers: what a tap on 允许 (or 拒绝) does. */
export async function tapPanel(
  cloud: { url: string; ok: Call },
  openid: string,
  answers: Record<string, SubscribeAnswer>,
  keep = false,
): Promise<SubscribeAsk | null> {
  const r = await panel(cloud.url, openid, answers, keep);
  if (!r.ok || !r.answers) return null;
  const res = (await cloud.ok(openid, 'user', 'grantSubscriptions', { answers: r.answers })) as { subscribe: SubscribeAsk };
  return res.subscribe;
}

/** The person changes 设置 → 通知管理 (接收通知, or a kept choice). */
export async function changeSetting(
  url: string,
  openid: string,
  change: { mainSwitch?: boolean; itemSettings?: Record<string, 'accept' | 'reject' | 'ban'> },
): Promise<void> {
  await fetch(`${url}/dev/subscribe/setting`, { method: 'POST', body: JSON.stringify({ openid, ...change }) });
}
