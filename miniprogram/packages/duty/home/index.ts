/** 干部履职: my figures against every rule of my level this period, my contact points, the three records I keep. */
import type { ContactPointView } from '../../../../typings/index';
import { fetchDutyHome, fetchPointCode } from '../../../services/duty';
import { errorMessage, showError } from '../../../utils/feedback';
import { openPage } from '../../../utils/navigate';
import { figureRow, recordRow, type FigureRow } from '../view';

Page({
  data: {
    loading: true,
    error: '',
    title: '',
    behind: 0,
    figures: [] as FigureRow[],
    points: [] as ContactPointView[],
    records: [] as ReturnType<typeof recordRow>[],
    code: '',
    codeOf: '',
  },
  onShow() {
    void this.load();
  },
  async load() {
    try {
      const h = await fetchDutyHome();
      const figures = h.figures.map(figureRow);
      this.setData({
        loading: false,
        error: '',
        title: `${h.name ?? ''} · ${h.level}`,
        behind: figures.filter((f) => f.behind).length,
        figures,
        points: h.points,
        records: h.recent.map(recordRow),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onVisit() {
    openPage('/packages/duty/visit/index');
  },
  onReport() {
    openPage('/packages/duty/note/index?kind=report');
  },
  onTalk() {
    openPage('/packages/duty/note/index?kind=talk');
  },
  onReliefs() {
    openPage('/packages/duty/reliefs/index');
  },
  async onPointCode(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    try {
      const c = await fetchPointCode(e.currentTarget.dataset.id);
      this.setData({ code: c.image, codeOf: e.currentTarget.dataset.id });
    } catch (err) {
      showError(this, err);
    }
  },
});
