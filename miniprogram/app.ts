import type { IAppOption, Me } from '../typings/index';
import { fetchMe } from './services/user';

App<IAppOption>({
  globalData: { me: null },
  async loadMe(force = false): Promise<Me> {
    if (this.globalData.me && !force) return this.globalData.me;
    const me = await fetchMe();
    this.globalData.me = me;
    return me;
  },
});
