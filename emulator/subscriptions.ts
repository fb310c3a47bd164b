/**
 * WeChat's own record of 订阅消息 grants, as the platform keeps it (the function never sees it; it
 * learns of it by subscribeMessage.send's answer):
 * - a one-time template (一次性订阅): each 允许 in the panel allows one message; a send uses it;
 * - a long-term template (长期订阅, for 政务民生 and similar categories): one 允许 allows messages
 *   until the user turns it off; a send keeps it;
 * - with none, or with notices switched off (设置 → 通知管理 → 接收通知), a send answers 43101.
 * Which templates are long-term is the mini-program console's (PUT /dev/subscribe/templates); the
 * panel's answers come from the phone (POST /dev/subscribe/answer, the page harness's
 * wx.requestSubscribeMessage), and wx.getSetting({withSubscriptions: true}) reads the settings.
 */

export type Kind = 'long' | 'once';
export type PanelAnswer = 'accept' | 'acceptWithAudio' | 'reject' | 'ban' | 'filter';
type Kept = 'accept' | 'reject' | 'ban';

interface UserState {
  /** 接收通知 in 设置 → 通知管理. */
  mainSwitch: boolean;
  /** One-time messages allowed and not sent, by template. */
  once: Map<string, number>;
  /** Long-term templates the user allows now. */
  long: Set<string>;
  /** 总是保持以上选择，不再询问: the panel is not shown again for these; it answers by itself. */
  kept: Map<string, Kept>;
}

/** wx.requestSubscribeMessage's outcome: the answers (success) or the failure it calls back with. */
export type PanelResult = { ok: true; answers: Record<string, PanelAnswer> } | { ok: false; errCode: number; errMsg: string };

export class Subscriptions {
  private readonly kinds = new Map<string, Kind>();
  private readonly users = new Map<string, UserState>();

  private user(openid: string): UserState {
    let u = this.users.get(openid);
    if (!u) this.users.set(openid, (u = { mainSwitch: true, once: new Map(), long: new Set(), kept: new Map() }));
    return u;
  }

  kindOf(templateId: string): Kind {
    return this.kinds.get(templateId) ?? 'once';
  }

  /** The console: which templates are long-term (the rest are one-time). */
  setKinds(kinds: Record<string, Kind>): void {
    for (const [id, k] of Object.entries(kinds)) this.kinds.set(id, k);
  }

  /**
   * The user taps through a panel: `answers` is what they choose for each id (ids they kept earlier
   * answer by themselves); `keep` ticks 总是保持以上选择. As WeChat: notices switched off fail with
   * 20004, one-time and long-term ids together with 20002.
   */
  answer(openid: string, tmplIds: string[], answers: Record<string, PanelAnswer>, keep = false): PanelResult {
    const u = this.user(openid);
    if (!u.mainSwitch) return { ok: false, errCode: 20004, errMsg: 'requestSubscribeMessage:fail The main switch is switched off' };
    if (new Set(tmplIds.map((t) => this.kindOf(t))).size > 1)
      return { ok: false, errCode: 20002, errMsg: 'requestSubscribeMessage:fail 模板消息类型既有一次性的又有永久的' };
    const out: Record<string, PanelAnswer> = {};
    for (const id of tmplIds) {
      const a: PanelAnswer = u.kept.get(id) ?? answers[id] ?? 'reject';
      out[id] = a;
      if (keep && !u.kept.has(id) && a !== 'filter') u.kept.set(id, a === 'acceptWithAudio' ? 'accept' : (a as Kept));
      const yes = a === 'accept' || a === 'acceptWithAudio';
      if (this.kindOf(id) === 'long') {
        if (yes) u.long.add(id);
        else if (a === 'reject' || a === 'ban') u.long.delete(id);
      } else if (yes) u.once.set(id, (u.once.get(id) ?? 0) + 1);
    }
    return { ok: true, answers: out };
  }

  /** 设置 → 通知管理: the main switch, and a kept choice changed (a long-term template turned off or on). */
  setting(openid: string, change: { mainSwitch?: boolean; itemSettings?: Record<string, Kept> }): void {
    const u = this.user(openid);
    if (change.mainSwitch !== undefined) u.mainSwitch = change.mainSwitch;
    for (const [id, v] of Object.entries(change.itemSettings ?? {})) {
      u.kept.set(id, v);
      if (this.kindOf(id) === 'long') {
        if (v === 'accept') u.long.add(id);
        else u.long.delete(id);
      } else if (v !== 'accept') u.once.delete(id);
    }
  }

  /** wx.getSetting({withSubscriptions: true}).subscriptionsSetting: itemSettings lists only the kept choices. */
  subscriptionsSetting(openid: string): { mainSwitch: boolean; itemSettings?: Record<string, Kept> } {
    const u = this.user(openid);
    return u.kept.size ? { mainSwitch: u.mainSwitch, itemSettings: Object.fromEntries(u.kept) } : { mainSwitch: u.mainSwitch };
  }

  /** subscribeMessage.send: 0 when a grant allows it (a one-time one is used), else 43101; 40003/40037 for a missing user or template. */
  send(touser: unknown, templateId: unknown): number {
    if (typeof touser !== 'string' || !touser) return 40003;
    if (typeof templateId !== 'string' || !templateId) return 40037;
    const u = this.user(touser);
    if (!u.mainSwitch) return 43101;
    if (this.kindOf(templateId) === 'long') return u.long.has(templateId) ? 0 : 43101;
    const left = u.once.get(templateId) ?? 0;
    if (left < 1) return 43101;
    u.once.set(templateId, left - 1);
    return 0;
  }

  reset(): void {
    this.users.clear();
  }
}
