/**
 * 下访情况 (admin, S4.3): in a month, everyone a 下访 rule binds who missed something — the days a
 * 包村干部 did not go (逢五必进), the county leaders still short of their monthly 下访 — most missed first.
 */
import type { MissedVisit } from '../../../../typings/index';
import { fetchMissedVisits } from '../../../services/leaders';
import { errorMessage } from '../../../utils/feedback';
import { countyDate, dueLines } from '../leaders';

const rowOf = (p: MissedVisit) => ({
  key: p.key,
  who: `${p.name} · ${p.unitName} · ${p.level}`,
  rule: p.due.rule ?? '',
  missed: dueLines(p.due).missed,
});

Page({
  data: { loading: true, error: '', month: countyDate().slice(0, 7), rows: [] as ReturnType<typeof rowOf>[], total: 0 },
  onLoad() {
    void this.load();
  },
  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },
  async load() {
    try {
      const r = await fetchMissedVisits(this.data.month);
      this.setData({ loading: false, error: '', rows: r.people.map(rowOf), total: r.total });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onMonth(e: { detail: string }) {
    const month = e.detail.trim();
    if (!/^20\d\d-(0[1-9]|1[0-2])$/.test(month)) return;
    this.setData({ month, loading: true });
    void this.load();
  },
});
