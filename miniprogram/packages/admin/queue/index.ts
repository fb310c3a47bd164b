/**
 * 派单台 (admin): unrouted and returned requests; pick a unit and dispatch each one — with co-handling
 * units when several must work on it (联合办理: the chosen unit leads and answers the whole).
 */
import type { RequestDetail, UnitView } from '../../../../typings/index';
import { fetchUnits } from '../../../services/county';
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
    // 联合办理: the co-handling units chosen, and their picker
    coUnits: [] as UnitView[],
    coNames: '',
    coPicker: false,
    coColumns: [] as string[],
  },
  /** Every unit (read once) and those the co-handling picker offers now. */
  units: [] as UnitView[],
  coOffered: [] as UnitView[],
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
    this.setData({ sheet: true, sheetLoading: true, current: {}, coUnits: [], coNames: '' });
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
  /** 联合办理: another unit to help, never the lead nor one already chosen. */
  async onPickCo() {
    try {
      if (!this.units.length) this.units = await fetchUnits();
      const taken = new Set([chosenUnit(this)?.id, ...this.data.coUnits.map((u) => u.id)]);
      this.coOffered = this.units.filter((u) => !taken.has(u.id));
      this.setData({ coPicker: true, coColumns: this.coOffered.map((u) => u.name) });
    } catch (err) {
      showError(this, err);
    }
  },
  onCloseCo() {
    this.setData({ coPicker: false });
  },
  onCoPicked(e: { detail: { index: number } }) {
    const unit = this.coOffered[e.detail.index];
    const coUnits = unit ? [...this.data.coUnits, unit] : this.data.coUnits;
    this.setData({ coPicker: false, coUnits, coNames: coUnits.map((u) => u.name).join('、') });
  },
  onRemoveCo(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const coUnits = this.data.coUnits.filter((u) => u.id !== e.currentTarget.dataset.id);
    this.setData({ coUnits, coNames: coUnits.map((u) => u.name).join('、') });
  },
  async onDispatch() {
    const d = this.detail;
    if (!d || this.data.busy) return;
    const unit = chosenUnit(this);
    if (!unit) return toast(this, '请选择派至的单位');
    const co = this.data.coUnits.filter((u) => u.id !== unit.id);
    const joint = co.length ? `，由${co.map((u) => u.name).join('、')}协办` : '';
    if (
      !(await confirmAction(this, '确认派单', `确定把诉求 ${d.no} 派给${unit.name}${co.length ? '牵头办理' : ''}${joint}吗？`, '确认派单'))
    )
      return;
    const note = this.note.trim();
    // Done or not (a stale version is reloaded and said), the list shows the queue as it is now.
    await runAction(
      this,
      (v) =>
        dispatchRequest(
          v,
          unit.id,
          note || undefined,
          co.map((u) => u.id),
        ),
      `已派至${unit.name}${joint}`,
    );
    this.setData({ sheet: false });
    await reloadList(this);
  },
});
