/** A party member's 党群连心服务卡, scanned by a resident (S6.1): who the member is, the five duties, how to reach them. */
import type { VolunteerCardView } from '../../../../typings/index';
import { fetchVolunteerCard } from '../../../services/volunteer';
import { loadScanned, sceneOf } from '../../../utils/scene';
import { largeTypeData } from '../../../utils/largeType';
import { callPhone, openPage, setTitle } from '../../../utils/navigate';

Page({
  data: { loading: true, error: '', card: null as VolunteerCardView | null, duties: '' },
  // Not rendered: the scene key of the scanned code.
  scene: '',
  onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    this.scene = sceneOf(options);
    void this.load();
  },
  load() {
    return loadScanned(this, '没有读到服务卡，请重新扫描', async (scene) => {
      const card = await fetchVolunteerCard(scene);
      setTitle(`${card.name}的服务卡`);
      return { card, duties: card.duties.join('、') };
    });
  },
  onRetry() {
    void this.load();
  },
  onCallPhone() {
    if (this.data.card) callPhone(this.data.card.phone);
  },
  onClaim() {
    openPage('/packages/request/claim/index?from=volunteer');
  },
});
