import type { IAppOption, Me } from '../typings/index';
import { fetchMe } from './services/user';
import { refreshUnread } from './utils/badge';

App<IAppOption>({
  globalData: { me: null },
  // Back in the foreground: notices may have come meanwhile (the 消息 tab's badge).
  onShow() {
    void refreshUnread();
  },
  async loadMe(force = false): Promise<Me> {
    if (this.globalData.me && !force) return this.globalData.me;
    const me = await fetchMe();
    this.globalData.me = me;
    return me;
  },
});
