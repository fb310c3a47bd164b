/** 活动签到 (S6.3): a signed-up member scans the venue's code on the day; the check-in counts toward the year. */
import type { VolActivityView } from '../../../../typings/index';
import { checkIn } from '../../../services/volunteer';
import { errorMessage } from '../../../utils/feedback';

Page({
  data: { loading: true, error: '', activity: null as VolActivityView | null },
  onLoad(options: Record<string, string | undefined>) {
    // From a 小程序码 the scene arrives URL-encoded.
    const scene = options.scene ? decodeURIComponent(options.scene) : '';
    void this.checkIn(scene);
  },
  async checkIn(scene: string) {
    if (!scene) {
      this.setData({ loading: false, error: '没有读到签到码，请对准活动现场的签到码重新扫描' });
      return;
    }
    try {
      this.setData({ loading: false, activity: await checkIn(scene) });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
});
