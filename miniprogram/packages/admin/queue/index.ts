/** 派单台 (admin): unrouted and returned requests; pick a unit and dispatch each one. */
import type { RequestDetail } from '../../../../typings/index';
import { EVENT_LABELS } from '../../../shared/domain';
import { dispatchRequest, fetchQueue } from '../../../services/admin';
import { Pager, pagedList } from '../../../utils/pager';
import { toRow, type RequestRow } from '../../../utils/status';
import { fetchRequest } from '../../../services/request';
import { confirmAction, showError, toast } from '../../../utils/feedback';
import { runAction } from '../../../utils/requestPage';
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
  requestId: '',
  ...unitPicker(),
  note: '',
  onLoad() {
    this.pager = new Pager(fetchQueue, toRow);
  },
  /** The sheet shows what a dispatcher needs of the request (loadDetail and runAction render it here). */
  renderDetail(d: RequestDetail): Record<string, unknown> {
    return { sheetLoading: false, current: { no: d.no, category: d.category, content: d.content, regionName: d.regionName ?? '', lastNote: lastNote(d) } };
  },
  async onOpen(e: { detail: { id: string } }) {
    this.detail = null;
    this.requestId = e.detail.id;
    this.unitId = '';
    this.note = '';
    this.setData({ sheet: true, sheetLoading: true, unitName: '', current: {} });
    try {
      const d = await fetchRequest(e.detail.id);
      this.detail = d;
      this.setData(this.renderDetail(d));
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
    const unitName = this.data.unitName;
    if (!(await confirmAction(this, '确认派单', `确定把诉求 ${d.no} 派给${unitName}吗？`, '确认派单'))) return;
    const note = this.note.trim();
    // Done or not (a stale version is reloaded and said), the list shows the queue as it is now.
    await runAction(this, (v) => dispatchRequest(v, this.unitId, note || undefined), `已派至${unitName}`);
    this.setData({ sheet: false });
    await this.more(true);
  },
});
