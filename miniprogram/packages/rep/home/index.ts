/** 党代表工作台: this year's progress against the county's target, my card and its code, the opinions I hold. */
import type { OpinionView, RepCardView, RepHome, RepProgress } from '../../../../typings/index';
import { fetchRepCardCode, fetchRepHome, fetchRepOpinions } from '../../../services/rep';
import { errorMessage } from '../../../utils/feedback';
import { openPage } from '../../../utils/navigate';
import { showCardCode } from '../../../utils/cardCode';
import { loadMore, Pager } from '../../../utils/pager';
import { opinionRow, type OpinionRow } from '../view';

Page({
  data: {
    loading: true,
    error: '',
    year: 0,
    progress: null as RepProgress | null,
    behind: 0,
    card: null as RepCardView | null,
    group: null as RepHome['group'],
    code: '',
    codeLoading: false,
    opinions: [] as OpinionRow[],
    more: false,
  },
  pager: null as Pager<OpinionView, OpinionRow> | null,
  onShow() {
    void this.load();
  },
  async load() {
    this.pager = new Pager(fetchRepOpinions, opinionRow);
    try {
      const [home, first] = await Promise.all([fetchRepHome(), this.pager.load(true)]);
      const p = home.progress;
      this.setData({
        loading: false,
        error: '',
        year: p.year,
        progress: p,
        behind: Math.max(0, p.peopleTarget - p.people),
        card: home.card,
        group: home.group,
        opinions: (first?.rows as OpinionRow[] | undefined) ?? [],
        more: first ? !first.finished : false,
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onMore() {
    void loadMore(this, this.pager!, 'opinions');
  },

  onRecordVisit() {
    openPage('/packages/rep/record/index?kind=visit');
  },
  onRecordOpinion() {
    openPage('/packages/rep/record/index?kind=opinion');
  },
  onGroup() {
    openPage('/packages/rep/compile/index');
  },
  onShowCode() {
    void showCardCode(this, fetchRepCardCode);
  },
});
