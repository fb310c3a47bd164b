/** A scanned 连心卡: the unit, what it serves, who is responsible, phones; report to it from here. */
import type { CardView } from '../../../../typings/index';
import { fetchCard } from '../../../services/county';
import { errorMessage } from '../../../utils/feedback';
import { openPage, callPhone, setTitle } from '../../../utils/navigate';

Page({
  data: { loading: true, error: '', card: null as CardView | null },
  scene: '',
  onLoad(options: Record<string, string | undefined>) {
    // From a 小程序码 the scene arrives URL-encoded; from our own pages it is plain (decoding is harmless).
    this.scene = options.scene ? decodeURIComponent(options.scene) : '';
    void this.load();
  },
  async load() {
    if (!this.scene) {
      this.setData({ loading: false, error: '没有读到连心卡，请重新扫描' });
      return;
    }
    this.setData({ loading: true, error: '' });
    try {
      const card = await fetchCard(this.scene);
      setTitle(card.unitName);
      this.setData({ loading: false, card });
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
  onCallSupervision() {
    if (this.data.card) callPhone(this.data.card.supervisionPhone);
  },
  onReport() {
    openPage(`/packages/request/submit/index?scene=${encodeURIComponent(this.scene)}`);
  },
});
