/** 我的连心卡: my unit's cards, exactly as a resident sees them after scanning. */
import { fetchUnitCards } from '../../../services/county';
import { formatDateTime } from '../../../utils/format';
import { wholeList } from '../../../utils/pager';

Page({
  data: { loading: true, error: '', cards: [] as Record<string, string>[] },
  ...wholeList(),
  async fetchAll() {
    const cards = await fetchUnitCards();
    return {
      cards: cards.map((c) => ({
        id: c.id, scene: c.scene, unitName: c.unitName, scope: c.scope, duties: c.duties, responsible: c.responsible,
        phone: c.phone, supervisionPhone: c.supervisionPhone, updated: formatDateTime(c.updatedAt),
      })),
    };
  },
});
