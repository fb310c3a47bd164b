/**
 * 党员服务台 (S6.1): my 党群连心服务卡 and its code, the residents paired with me against the county's
 * range (flagged outside it), this year's duties by kind; a pair opens its minute.
 */
import type { PairCount, PairView, VolunteerCardView } from '../../../../typings/index';
import { DUTY_KINDS } from '../../../shared/volunteers';
import { fetchPairs, fetchVolunteerCardCode, fetchVolunteerHome } from '../../../services/volunteer';
import { errorMessage } from '../../../utils/feedback';
import { openPage } from '../../../utils/navigate';
import { showCardCode } from '../../../utils/cardCode';
import { loadMore, Pager } from '../../../utils/pager';
import { pairFlag, pairRow, type PairRow } from '../view';

Page({
  data: {
    loading: true,
    error: '',
    year: 0,
    card: null as VolunteerCardView | null,
    pairCount: null as PairCount | null,
    flag: '',
    duties: [] as { kind: string; n: number }[],
    activities: { attended: 0, target: 0 },
    code: '',
    codeLoading: false,
    pairs: [] as PairRow[],
    more: false,
  },
  pager: null as Pager<PairView, PairRow> | null,
  onShow() {
    void this.load();
  },
  async load() {
    this.pager = new Pager(fetchPairs, pairRow);
    try {
      const [home, first] = await Promise.all([fetchVolunteerHome(), this.pager.load(true)]);
      this.setData({
        loading: false,
        error: '',
        year: home.year,
        card: home.card,
        pairCount: home.pairs,
        flag: pairFlag(home.pairs),
        duties: DUTY_KINDS.map((kind) => ({ kind, n: home.duties[kind] })),
        activities: home.activities,
        pairs: (first?.rows as PairRow[] | undefined) ?? [],
        more: first ? !first.finished : false,
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onMore() {
    void loadMore(this, this.pager!, 'pairs');
  },

  onPosts() {
    openPage('/packages/volunteer/posts/index');
  },
  onTeams() {
    openPage('/packages/volunteer/teams/index');
  },
  onAddPair() {
    openPage('/packages/volunteer/pair/index');
  },
  onPair(e: { currentTarget: { dataset: { id: string } } }) {
    openPage(`/packages/volunteer/pair/index?id=${e.currentTarget.dataset.id}`);
  },
  onShowCode() {
    void showCardCode(this, fetchVolunteerCardCode);
  },
});
