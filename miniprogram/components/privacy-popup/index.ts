/**
 * The 隐私保护指引 prompt. When a private API (scanCode, chooseMedia, makePhoneCall) needs the
 * user's consent, WeChat calls wx.onNeedPrivacyAuthorization; the page showing now answers with
 * this popup. Put `<privacy-popup />` on every page that uses such an API.
 */
type PrivacyResolve = WechatMiniprogram.PrivacyResolve;

/** The answer WeChat waits for; one authorization is pending at a time, whichever page asked. */
let pending: PrivacyResolve | undefined;

Component({
  data: { show: false, contractName: '' },
  lifetimes: {
    attached() {
      this.listen();
    },
  },
  pageLifetimes: {
    // The listener is global: whichever page is showing takes it over.
    show() {
      this.listen();
    },
  },
  methods: {
    listen() {
      // Base libraries before 2.32.3 (and the page tests' simulator) have no privacy API.
      if (typeof wx.onNeedPrivacyAuthorization !== 'function') return;
      wx.onNeedPrivacyAuthorization((resolve: PrivacyResolve) => {
        pending = resolve;
        this.setData({ show: true });
      });
      wx.getPrivacySetting({ success: (r) => this.setData({ contractName: r.privacyContractName }) });
    },
    answer(event: 'agree' | 'disagree') {
      pending?.(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event });
      pending = undefined;
      this.setData({ show: false });
    },
    onAgree() {
      this.answer('agree');
    },
    onRefuse() {
      this.answer('disagree');
    },
    onOpenContract() {
      if (typeof wx.openPrivacyContract === 'function') wx.openPrivacyContract({});
    },
  },
});
