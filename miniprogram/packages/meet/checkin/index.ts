/** 约访签到: opened by scanning the venue's code on the day; checks in my booking here. */
import type { BookingView } from '../../../../typings/index';
import { checkIn } from '../../../services/meet';
import { loadScanned, sceneOf } from '../../../utils/scene';
import { replacePage } from '../../../utils/navigate';
import { largeTypeData } from '../../../utils/largeType';
import { whenOf } from '../view';

Page({
  data: { loading: true, error: '', booking: null as BookingView | null, when: '' },
  scene: '',
  onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    this.scene = sceneOf(options);
    void this.load();
  },
  load() {
    return loadScanned(this, '没有读到签到码，请重新扫描', async (scene) => {
      const booking = await checkIn(scene);
      return { booking, when: whenOf(booking.slot) };
    });
  },
  onMine() {
    replacePage('/packages/meet/mine/index');
  },
});
