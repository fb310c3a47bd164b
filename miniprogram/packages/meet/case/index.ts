/**
 * A 包案 (S4.5): the key case (its request as staff lists show it: no petitioner), its county leader
 * and the five duties with their notes. The leader or their office chooses a duty, writes what was
 * done and marks it 已落实 (or not yet); the 信访局 closes the case (案结事了) once all five are.
 */
import type { CaseView } from '../../../../typings/index';
import { CASE_DUTY_LABELS, LEAD_TEXT, type CaseDuty } from '../../../shared/leaders';
import { tooShort } from '../../../shared/limits';
import { closeCase, fetchCase, tickDuty } from '../../../services/leaders';
import { confirmAction, errorMessage, isConflict, showError, toast, toastSuccess } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { dutyRows } from '../leaders';

Page({
  data: {
    loading: true,
    error: '',
    c: null as CaseView | null,
    duties: [] as ReturnType<typeof dutyRows>,
    closedWhen: '',
    chosen: '' as CaseDuty | '',
    chosenLabel: '',
  },
  id: '',
  note: '',
  closeNote: '',
  onLoad(q: Record<string, string | undefined>) {
    this.id = q.id ?? '';
    void this.load();
  },
  async load() {
    try {
      this.show(await fetchCase(this.id));
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  show(c: CaseView) {
    this.setData({ loading: false, error: '', c, duties: dutyRows(c), closedWhen: c.closedAt ? formatDateTime(c.closedAt) : '' });
  },
  onDuty(e: { currentTarget: { dataset: { key: CaseDuty } } }) {
    if (!this.data.c?.canTick) return;
    this.note = '';
    const key = this.data.chosen === e.currentTarget.dataset.key ? '' : e.currentTarget.dataset.key;
    this.setData({ chosen: key, chosenLabel: key ? CASE_DUTY_LABELS[key] : '' });
  },
  onNote(e: { detail: string }) {
    this.note = e.detail.trim();
  },
  onCloseNote(e: { detail: string }) {
    this.closeNote = e.detail.trim();
  },
  async save(done: boolean) {
    const c = this.data.c;
    const duty = this.data.chosen;
    if (!c || !duty) return;
    if (this.note.length < LEAD_TEXT.dutyNote.min) return toast(this, tooShort(LEAD_TEXT.dutyNote));
    try {
      this.show(await tickDuty(c, duty, done, this.note));
      this.setData({ chosen: '' });
      toastSuccess(this, done ? '已落实' : '已记下');
    } catch (e) {
      if (isConflict(e)) await this.load();
      showError(this, e);
    }
  },
  onDone() {
    void this.save(true);
  },
  onNotYet() {
    void this.save(false);
  },
  async onClose() {
    const c = this.data.c;
    if (!c) return;
    if (this.closeNote.length < LEAD_TEXT.closeNote.min) return toast(this, tooShort(LEAD_TEXT.closeNote));
    if (!(await confirmAction(this, '案结事了', `确认${c.request.no}已案结事了、信访人息诉罢访？`, '确认'))) return;
    try {
      this.show(await closeCase(c, this.closeNote));
      toastSuccess(this, '已案结事了');
    } catch (e) {
      if (isConflict(e)) await this.load();
      showError(this, e);
    }
  },
});
