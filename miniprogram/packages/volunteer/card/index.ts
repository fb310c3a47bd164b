/** A party member's 党群连心服务卡, scanned by a resident (S6.1): who the member is, the five duties, how to reach them. */
import type { VolunteerCardView } from '../../../../typings/index';
import { fetchVolunteerCard } from '../../../services/volunteer';
import { errorMessage } from '../../../utils/feedback';
import { largeTypeData } from '../../../utils/largeType';
import { callPhone, openPage, setTitle } from '../../../utils/navigate';

Page({
  data: { loading: true, error: '', card: null as VolunteerCardView | null, duties: '' },
  // Not rendered: the scene key of the scanned code.
  scene: '',
  onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    // From a 小程序码 the scene arrives URL-encoded.
    this.scene = options.scene ? decodeURIComponent(options.scene) : '';
    void this.load();
  },
  async load() {
    if (!this.scene) {
      this.setData({ loading: false, error: '没有读到服务卡，请重新扫描' });
      return;
    }
    this.setData({ loading: true, error: '' });
    try {
      const card = await fetchVolunteerCard(this.scene);
      setTitle(`${card.name}的服务卡`);
      this.setData({ loading: false, card, duties: card.duties.join('、') });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
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
