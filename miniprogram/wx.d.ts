/**
 * The base library as this app uses it, where miniprogram-api-typings 5.2.3 says otherwise:
 * merged into its global `WechatMiniprogram` namespace (types only; nothing of it ships).
 */
declare namespace WechatMiniprogram {
  /** Answers WeChat's question “may this private API run?” (隐私保护指引). */
  type PrivacyResolve = (res: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

  interface Wx {
    /** The listener gets the function to answer with, not a result (the typings have the latter). */
    onNeedPrivacyAuthorization(listener: (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void): void;
  }
}
