/**
 * 干部履职统计: leaders furthest behind first — the county for the organisation department, the
 * unit for its head — each with a bar of how much of what is due is done, the rules behind, and
 * (组织部) the .xlsx export.
 */
import type { DutyStanding, IAppOption } from '../../../../typings/index';
import { exportDutyFigures, fetchDutyFigures } from '../../../services/duty';
import { showError, toast } from '../../../utils/feedback';
import { openWorkbook } from '../../../utils/openWorkbook';
import { Pager, pagedListWithErrorState, reloadList, usePager } from '../../../utils/pager';

interface Row {
  key: string;
  name: string;
  unit: string;
  behind: number;
  percent: number;
  missing: string;
}

const rowOf = (s: DutyStanding): Row => ({
  key: s.key,
  name: s.name,
  unit: `${s.unitName ?? ''} · ${s.level}`,
  behind: s.behind,
  percent: Math.round(s.share * 100),
  missing: s.figures
    .filter((f) => f.state === 'behind')
    .map((f) => `${f.label} ${f.value}/${f.target}`)
    .join('；'),
});

Page({
  behaviors: [pagedListWithErrorState],
  data: { county: false, rows: [] as Row[], exporting: false },
  async onLoad() {
    const me = await getApp<IAppOption>()
      .loadMe()
      .catch(() => null);
    this.setData({ county: !!me?.roles.includes('admin') });
    usePager(this, new Pager<DutyStanding, Row>(fetchDutyFigures, rowOf));
    await reloadList(this);
  },
  async onExport() {
    if (this.data.exporting) return;
    this.setData({ exporting: true });
    try {
      const file = await exportDutyFigures();
      await openWorkbook(file.fileName, file.base64).catch(() => toast(this, '文件已生成，但手机无法打开表格文件'));
    } catch (e) {
      showError(this, e);
    } finally {
      this.setData({ exporting: false });
    }
  },
});
