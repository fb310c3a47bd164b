/**
 * 统计 (cadre: my unit; admin: every unit, 20 a page by name, under the county's totals): one month's
 * 响应率 / 解决率 / 满意率 and overdue count, with the counts behind each rate.
 */
import type { Figures, IAppOption } from '../../../../typings/index';
import { fetchFigures } from '../../../services/county';
import { Pager, pagedListWithErrorState, reloadList, usePager } from '../../../utils/pager';

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

function toFigureRow(f: Figures & { unitId: string; unitName: string }): FigureRow {
  return {
    unitId: f.unitId,
    unitName: f.unitName,
    received: f.received,
    response: percent(f.responseRate),
    responseBase: `按时签收 ${f.signedInTime} / 应签收 ${f.responseDue}`,
    resolution: percent(f.resolutionRate),
    resolutionBase: `群众说解决 ${f.resolved} / 评价 ${f.rated}`,
    satisfaction: percent(f.satisfactionRate),
    satisfactionBase: `满意 ${f.satisfied} / 评价 ${f.rated}`,
    overdue: f.overdue,
  };
}

Page({
  behaviors: [pagedListWithErrorState],
  data: {
    month: '',
    monthText: '',
    maxMonth: '',
    scope: '',
    /** The county's totals (an admin's), shown above the units. */
    county: null as FigureRow | null,
  },
  onLoad() {
    const month = monthNow();
    this.setData({ month, monthText: monthLabel(month), maxMonth: month });
    this.useMonth(month);
    void getApp<IAppOption>()
      .loadMe()
      .then(
        (me) => this.setData({ scope: me.roles.includes('admin') ? '全县各单位' : (me.unitName ?? '本单位') }),
        () => undefined, // the list shows the failure
      );
  },
  /** The month's pages; the first one also brings the county's totals. */
  useMonth(month: string) {
    const fetch = async (cursor?: string) => {
      const page = await fetchFigures(month, cursor);
      if (!cursor && month === this.data.month) {
        this.setData({ county: page.county ? toFigureRow({ ...page.county, unitId: 'county', unitName: '全县合计' }) : null });
      }
      return page;
    };
    usePager(this, new Pager(fetch, toFigureRow));
  },
  onMonth(e: { detail: { value: string } }) {
    const month = String(e.detail.value).slice(0, 7);
    if (!/^\d{4}-\d{2}$/.test(month) || month === this.data.month) return;
    this.setData({ month, monthText: monthLabel(month), county: null, rows: [], loading: true, error: '' });
    this.useMonth(month);
    void reloadList(this);
  },
});
