/**
 * 管理员设置码: the county's first admin claims the role from the app with the one-time code
 * `npm run deploy` printed (user.claimSetup), instead of a call typed into DevTools' console.
 */
import type { IAppOption } from '../../../../typings/index';
import { SETUP_CODE } from '../../../shared/limits';
import { claimSetup } from '../../../services/user';
import { errorMessage } from '../../../utils/feedback';

Page({
  data: { busy: false, error: '', done: false, doneTitle: '' },
  code: '',
  onLoad() {
    // Someone who already is admin has nothing to claim.
    void getApp<IAppOption>()
      .loadMe()
      .then(
        (me) => {
          if (me.roles.includes('admin')) this.setData({ done: true, doneTitle: '您已经是管理员' });
        },
        () => undefined, // a failure shows when they claim
      );
  },
  onCode(e: { detail: string }) {
    this.code = e.detail;
    if (this.data.error) this.setData({ error: '' });
  },
  async onClaim() {
    if (this.data.busy) return;
    const code = this.code.trim().toUpperCase();
    if (!SETUP_CODE.pattern.test(code)) return this.setData({ error: SETUP_CODE.message });
    this.setData({ busy: true, error: '' });
    try {
      // The answer is who I am now: the app's roles change without another call.
      getApp<IAppOption>().globalData.me = await claimSetup(code);
      this.setData({ busy: false, done: true, doneTitle: '设置成功，您现在是管理员' });
    } catch (e) {
      this.setData({ busy: false, error: errorMessage(e) });
    }
  },
  onDone() {
    wx.switchTab({ url: '/pages/me/index', fail: () => undefined });
  },
});
