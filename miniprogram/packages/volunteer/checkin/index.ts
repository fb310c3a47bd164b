/** 活动签到 (S6.3): a signed-up member scans the venue's code on the day; the check-in counts toward the year. */
import type { VolActivityView } from '../../../../typings/index';
import { checkIn } from '../../../services/volunteer';
import { loadScanned, sceneOf } from '../../../utils/scene';

Page({
  data: { loading: true, error: '', activity: null as VolActivityView | null },
  scene: '',
  onLoad(options: Record<string, string | undefined>) {
    this.scene = sceneOf(options);
    void loadScanned(this, '没有读到签到码，请对准活动现场的签到码重新扫描', async (scene) => ({ activity: await checkIn(scene) }));
  },
});
