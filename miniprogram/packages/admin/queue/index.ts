/** 派单台 (admin): unrouted and returned requests; pick a unit and dispatch each one. */
import { EVENT_LABELS, type RequestDetail, type RequestSummary, type UnitView } from '../../../../typings/index';
import { dispatchRequest, fetchQueue } from '../../../services/admin';
import { fetchUnits } from '../../../services/county';
import { fetchRequest } from '../../../services/request';
import { Pager } from '../../../utils/pager';
import { toRow, type RequestRow } from '../../../utils/status';
import { confirmAction, errorMessage, isConflict, showError, toast } from '../../../utils/feedback';

/** The note a dispatcher needs: why it came back (退单 reason), or how it arrived. */
function lastNote(d: RequestDetail): string {
  const last = d.timeline[d.timeline.length - 1];
  if (!last || !last.note) return '';
  return `${EVENT_LABELS[last.type]}（${last.actor}）：${last.note}`;
}

Page({
  data: {
    rows: [] as RequestRow[],
    loading: true,
    finished: false,
    empty: false,
    sheet: false,
    sheetLoading: false,
    current: {} as Record<string, string>,
    unitName: '',
    unitPicker: false,
    unitColumns: [] as string[],
    busy: false,
  },
  pager: null as Pager<RequestSummary, RequestRow> | null,
  detail: null as RequestDetail | null,
  units: [] as UnitView[],
  unitId: '',
  note: '',
  onLoad() {
    this.pager = new Pager(fetchQueue, toRow);
  },
  onShow() {
    void this.more(true);
  },
  onPullDownRefresh() {
    void this.more(true).then(() => wx.stopPullDownRefresh());
  },
  onReachBottom() {
    void this.more(false);
  },
  async more(reset: boolean) {
    if (!this.pager) return;
    try {
      const patch = await this.pager.load(reset);
      if (patch) this.setData(patch);
    } catch (e) {
      this.setData({ loading: false });
      showError(this, e);
    }
  },
  async onOpen(e: { detail: { id: string } }) {
    this.detail = null;
    this.unitId = '';
    this.note = '';
    this.setData({ sheet: true, sheetLoading: true, unitName: '', current: {} });
    try {
      const d = await fetchRequest(e.detail.id);
      this.detail = d;
      this.setData({
        sheetLoading: false,
        current: { no: d.no, category: d.category, content: d.content, regionName: d.regionName ?? '', lastNote: lastNote(d) },
      });
    } catch (err) {
      this.setData({ sheet: false, sheetLoading: false });
      showError(this, err);
    }
  },
  onCloseSheet() {
    this.setData({ sheet: false });
  },
  async onPickUnit() {
    try {
      if (!this.units.length) this.units = await fetchUnits();
      this.setData({ unitPicker: true, unitColumns: this.units.map((u) => u.name) });
    } catch (e) {
      showError(this, e);
    }
  },
  onCloseUnits() {
    this.setData({ unitPicker: false });
  },
  onUnitPicked(e: { detail: { index: number } }) {
    const unit = this.units[e.detail.index];
    this.setData({ unitPicker: false });
    if (!unit) return;
    this.unitId = unit.id;
    this.setData({ unitName: unit.name });
  },
  onNote(e: { detail: string }) {
    this.note = e.detail;
  },
  async onDispatch() {
    const d = this.detail;
    if (!d || this.data.busy) return;
    if (!this.unitId) return toast(this, '请选择派至的单位');
    if (!(await confirmAction(this, '确认派单', `确定把诉求 ${d.no} 派给${this.data.unitName}吗？`, '确认派单'))) return;
    this.setData({ busy: true });
    try {
      const note = this.note.trim();
      await dispatchRequest({ id: d.id, version: d.version }, this.unitId, note || undefined);
      this.setData({ busy: false, sheet: false });
      toast(this, `已派至${this.data.unitName}`);
    } catch (e) {
      this.setData({ busy: false, sheet: false });
      toast(this, isConflict(e) ? `${errorMessage(e)}（已为您刷新）` : errorMessage(e));
    }
    await this.more(true);
  },
});
