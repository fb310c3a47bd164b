/** 约访签到: opened by scanning the venue's code on the day; checks in my booking here. */
import type { BookingView } from '../../../../typings/index';
import { checkIn } from '../../../services/meet';
import { errorMessage } from '../../../utils/feedback';
import { replacePage } from '../../../utils/navigate';
import { largeTypeData } from '../../../utils/largeType';
import { whenOf } from '../view';

Page({
  data: { loading: true, error: '', booking: null as BookingView | null, when: '' },
  scene: '',
  onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    // From a 小程序码 the scene arrives URL-encoded.
    this.scene = options.scene ? decodeURIComponent(options.scene) : '';
    void this.load();
  },
  async load() {
    if (!this.scene) {
      this.setData({ loading: false, error: '没有读到签到码，请重新扫描' });
      return;
    }
    this.setData({ loading: true, error: '' });
    try {
      const booking = await checkIn(this.scene);
      this.setData({ loading: false, booking, when: whenOf(booking.slot) });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onMine() {
    replacePage('/packages/meet/mine/index');
  },
});
