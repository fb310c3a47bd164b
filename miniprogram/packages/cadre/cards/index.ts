/** 我的连心卡: my unit's cards, exactly as a resident sees them after scanning. */
import { fetchUnitCards } from '../../../services/county';
import { formatDateTime } from '../../../utils/format';
import { errorMessage } from '../../../utils/feedback';

Page({
  data: { loading: true, error: '', cards: [] as Record<string, string>[] },
  onLoad() {
    void this.load();
  },
  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },
  async load() {
    try {
      const cards = await fetchUnitCards();
      this.setData({
        loading: false,
        error: '',
        cards: cards.map((c) => ({
          id: c.id, scene: c.scene, unitName: c.unitName, scope: c.scope, duties: c.duties, responsible: c.responsible,
          phone: c.phone, supervisionPhone: c.supervisionPhone, updated: formatDateTime(c.updatedAt),
        })),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
});
