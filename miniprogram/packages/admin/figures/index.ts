/**
 * 统计 (cadre: my unit; admin: every unit): one month's 响应率 / 解决率 / 满意率 and overdue count per
 * unit, with the counts behind each rate. Rows are shown 20 at a time.
 */
import type { IAppOption, UnitFigures } from '../../../../typings/index';
import { fetchFigures } from '../../../services/county';
import { errorMessage } from '../../../utils/feedback';

const SHOWN = 20;
const BEIJING_OFFSET = 8 * 3600 * 1000;

/** "2026-11" of this moment in Beijing. */
function monthNow(): string {
  const d = new Date(Date.now() + BEIJING_OFFSET);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const monthLabel = (m: string): string => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(r === 1 || r === 0 ? 0 : 1)}%`);

interface FigureRow {
  unitId: string;
  unitName: string;
  received: number;
  response: string;
  responseBase: string;
  resolution: string;
  resolutionBase: string;
  satisfaction: string;
  satisfactionBase: string;
  overdue: number;
}

function toFigureRow(f: UnitFigures): FigureRow {
  return {
    unitId: f.unitId,
    unitName: f.unitName,
    received: f.received,
    response: percent(f.responseRate),
    responseBase: `按时签收 ${f.signedInTime} / 收到 ${f.received}`,
    resolution: percent(f.resolutionRate),
    resolutionBase: `解决 ${f.resolved} / 收到 ${f.received}`,
    satisfaction: percent(f.satisfactionRate),
    satisfactionBase: `满意 ${f.satisfied} / 评价 ${f.rated}`,
    overdue: f.overdue,
  };
}

Page({
  data: {
    month: '',
    monthText: '',
    maxMonth: '',
    scope: '',
    loading: true,
    error: '',
    rows: [] as FigureRow[],
    more: false,
  },
  all: [] as FigureRow[],
  onLoad() {
    const month = monthNow();
    this.setData({ month, monthText: monthLabel(month), maxMonth: month });
    void this.load();
  },
  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },
  onReachBottom() {
    const shown = this.data.rows.length;
    if (shown >= this.all.length) return;
    const patch: Record<string, unknown> = { more: shown + SHOWN < this.all.length };
    this.all.slice(shown, shown + SHOWN).forEach((r, i) => { patch[`rows[${shown + i}]`] = r; });
    this.setData(patch);
  },
  onMonth(e: { detail: { value: string } }) {
    const month = String(e.detail.value).slice(0, 7);
    if (!/^\d{4}-\d{2}$/.test(month) || month === this.data.month) return;
    this.setData({ month, monthText: monthLabel(month) });
    void this.load();
  },
  async load() {
    this.setData({ loading: true, error: '' });
    const month = this.data.month;
    try {
      const [figures, me] = await Promise.all([fetchFigures(month), getApp<IAppOption>().loadMe().catch(() => null)]);
      if (month !== this.data.month) return; // another month was picked meanwhile
      this.all = figures.map(toFigureRow);
      const admin = me?.roles.includes('admin') ?? false;
      this.setData({
        loading: false,
        scope: admin ? '全县各单位' : me?.unitName ?? '本单位',
        rows: this.all.slice(0, SHOWN),
        more: this.all.length > SHOWN,
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e), rows: [] });
    }
  },
  onRetry() {
    void this.load();
  },
});
