/** 我的连心卡: my unit's cards, exactly as a resident sees them after scanning. */
import { fetchCardCode, fetchUnitCards } from '../../../services/county';
import { showError } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { wholeList } from '../../../utils/pager';

Page({
  data: { cards: [] as Record<string, string>[], codes: {} as Record<string, string>, codeLoading: '' },
  behaviors: [wholeList],
  /** Shows a card's 小程序码 (long-press to save and print): residents scan it to reach the card. */
  async onShowCode(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (this.data.codeLoading) return;
    this.setData({ codeLoading: id });
    try {
      const { image } = await fetchCardCode(id);
      this.setData({ codeLoading: '', [`codes.${id}`]: image });
    } catch (err) {
      this.setData({ codeLoading: '' });
      showError(this, err);
    }
  },
  async fetchAll() {
    const cards = await fetchUnitCards();
    return {
      cards: cards.map((c) => ({
        id: c.id,
        scene: c.scene,
        unitName: c.unitName,
        scope: c.scope,
        duties: c.duties,
        responsible: c.responsible,
        phone: c.phone,
        supervisionPhone: c.supervisionPhone,
        updated: formatDateTime(c.updatedAt),
      })),
    };
  },
});
