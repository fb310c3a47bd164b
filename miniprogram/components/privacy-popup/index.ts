/**
 * The 隐私保护指引 prompt. When a private API (scanCode, chooseMedia, makePhoneCall) needs the
 * user's consent, WeChat calls wx.onNeedPrivacyAuthorization; the page showing now answers with
 * this popup. Put `<privacy-popup />` on every page that uses such an API.
 */
type PrivacyResolve = (res: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
type PrivacyListener = (resolve: PrivacyResolve, info: { referrer: string }) => void;

interface PrivacyWx {
  onNeedPrivacyAuthorization?: (listener: PrivacyListener) => void;
  getPrivacySetting?: (opts: { success: (r: { needAuthorization: boolean; privacyContractName: string }) => void }) => void;
  openPrivacyContract?: (opts: object) => void;
}

const privacyWx = wx as unknown as PrivacyWx;

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
      if (!privacyWx.onNeedPrivacyAuthorization) return;
      privacyWx.onNeedPrivacyAuthorization((resolve) => {
        (this as unknown as { pending?: PrivacyResolve }).pending = resolve;
        this.setData({ show: true });
      });
      privacyWx.getPrivacySetting?.({ success: (r) => this.setData({ contractName: r.privacyContractName }) });
    },
    answer(event: 'agree' | 'disagree') {
      const self = this as unknown as { pending?: PrivacyResolve };
      self.pending?.(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event });
      self.pending = undefined;
      this.setData({ show: false });
    },
    onAgree() {
      this.answer('agree');
    },
    onRefuse() {
      this.answer('disagree');
    },
    onOpenContract() {
      privacyWx.openPrivacyContract?.({});
    },
  },
});
