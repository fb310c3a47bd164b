/** 派单台 (admin): unrouted and returned requests; pick a unit and dispatch each one. */
import type { RequestDetail } from '../../../../typings/index';
import { EVENT_LABELS } from '../../../shared/domain';
import { TEXT } from '../../../shared/limits';
import { dispatchRequest, fetchQueue } from '../../../services/admin';
import { Pager, pagedList, reloadList, usePager } from '../../../utils/pager';
import { toRow } from '../../../utils/status';
import { fetchRequest } from '../../../services/request';
import { confirmAction, showError, toast } from '../../../utils/feedback';
import { runAction } from '../../../utils/requestPage';
import { chosenUnit, clearUnit, unitPicker } from '../../../utils/unitPicker';

/** The note a dispatcher needs: why it came back (退单 reason), or how it arrived. */
function lastNote(d: RequestDetail): string {
  const last = d.timeline[d.timeline.length - 1];
  if (!last || !last.note) return '';
  return `${EVENT_LABELS[last.type]}（${last.actor}）：${last.note}`;
}

Page({
  data: {
    noteMax: TEXT.dispatchNote.max,
    sheet: false,
    sheetLoading: false,
    current: {} as Record<string, string>,
    busy: false,
  },
  behaviors: [pagedList, unitPicker],
  detail: null as RequestDetail | null,
  requestId: '',
  note: '',
  onLoad() {
    usePager(this, new Pager(fetchQueue, toRow));
  },
  /** The sheet shows what a dispatcher needs of the request (loadDetail and runAction render it here). */
  renderDetail(d: RequestDetail): Record<string, unknown> {
    return {
      sheetLoading: false,
      current: { no: d.no, category: d.category, content: d.content, regionName: d.regionName ?? '', lastNote: lastNote(d) },
    };
  },
  async onOpen(e: { detail: { id: string } }) {
    this.detail = null;
    this.requestId = e.detail.id;
    this.note = '';
    clearUnit(this);
    this.setData({ sheet: true, sheetLoading: true, current: {} });
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
    const unit = chosenUnit(this);
    if (!unit) return toast(this, '请选择派至的单位');
    if (!(await confirmAction(this, '确认派单', `确定把诉求 ${d.no} 派给${unit.name}吗？`, '确认派单'))) return;
    const note = this.note.trim();
    // Done or not (a stale version is reloaded and said), the list shows the queue as it is now.
    await runAction(this, (v) => dispatchRequest(v, unit.id, note || undefined), `已派至${unit.name}`);
    this.setData({ sheet: false });
    await reloadList(this);
  },
});
