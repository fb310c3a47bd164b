/** 派单台 (admin): unrouted and returned requests; pick a unit and dispatch each one. */
import type { RequestDetail } from '../../../../typings/index';
import { EVENT_LABELS } from '../../../shared/domain';
import { dispatchRequest, fetchQueue } from '../../../services/admin';
import { fetchRequest } from '../../../services/request';
import { Pager, pagedList } from '../../../utils/pager';
import { toRow, type RequestRow } from '../../../utils/status';
import { confirmAction, errorMessage, isConflict, showError, toast } from '../../../utils/feedback';
import { UNIT_PICKER_DATA, unitPicker } from '../../../utils/unitPicker';

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
    ...UNIT_PICKER_DATA,
    busy: false,
  },
  ...pagedList(),
  detail: null as RequestDetail | null,
  ...unitPicker(),
  note: '',
  onLoad() {
    this.pager = new Pager(fetchQueue, toRow);
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
