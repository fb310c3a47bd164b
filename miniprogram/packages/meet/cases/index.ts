/**
 * 包案 (S4.5): key cases and their county leaders, the duties still open first in each row. The
 * 信访局 (admin) gives a case to a county leader by the request's number; a leader sees their own,
 * a leader's office (their unit's cadres) their leaders'. Tap a case to tick its duties.
 */
import type { CaseView } from '../../../../typings/index';
import { LEAD_TEXT } from '../../../shared/leaders';
import { tooShort } from '../../../shared/limits';
import { assignCase, fetchCases } from '../../../services/leaders';
import { openPage } from '../../../utils/navigate';
import { Pager, pagedListWithErrorState, reloadList, usePager } from '../../../utils/pager';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { caseRow } from '../leaders';

Page({
  behaviors: [pagedListWithErrorState],
  data: {
    box: 'open' as 'open' | 'closed',
    leaders: [] as { key: string; name: string }[],
    leaderKey: '',
  },
  requestNo: '',
  note: '',
  onLoad() {
    this.usePagerOf('open');
  },
  usePagerOf(box: 'open' | 'closed') {
    const fetch = async (cursor?: string) => {
      const page = await fetchCases(box, cursor);
      if (page.leaders.length) this.setData({ leaders: page.leaders });
      return page;
    };
    usePager(this, new Pager(fetch, (c: CaseView) => caseRow(c)));
  },
  onBox(e: { currentTarget: { dataset: { box: 'open' | 'closed' } } }) {
    const box = e.currentTarget.dataset.box;
    if (box === this.data.box) return;
    this.setData({ box, rows: [], loading: true });
    this.usePagerOf(box);
    void reloadList(this);
  },
  onOpen(e: { currentTarget: { dataset: { id: string } } }) {
    openPage(`/packages/meet/case/index?id=${e.currentTarget.dataset.id}`);
  },
  onRequestNo(e: { detail: string }) {
    this.requestNo = e.detail.trim();
  },
  onNote(e: { detail: string }) {
    this.note = e.detail.trim();
  },
  onLeader(e: { currentTarget: { dataset: { key: string } } }) {
    this.setData({ leaderKey: e.currentTarget.dataset.key });
  },
  async onAssign() {
    if (!this.requestNo) return toast(this, '请填写诉求编号');
    if (!this.data.leaderKey) return toast(this, '请选择包案的县领导');
    if (this.note && this.note.length < LEAD_TEXT.caseNote.min) return toast(this, tooShort(LEAD_TEXT.caseNote));
    try {
      const c = await assignCase(this.requestNo, this.data.leaderKey, this.note);
      toastSuccess(this, `已由${c.leaderName}包案`);
      this.setData({ box: 'open' });
      this.usePagerOf('open');
      await reloadList(this);
    } catch (e) {
      showError(this, e);
    }
  },
});
