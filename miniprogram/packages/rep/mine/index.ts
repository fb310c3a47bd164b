/** 我的意见: what I told representatives, what it went into, and each unit's answer; claim a record made for me. */
import type { OpinionView } from '../../../../typings/index';
import { claimOpinion, fetchMyOpinions, withdrawOpinion } from '../../../services/rep';
import { confirmAction, showError, toast, toastSuccess } from '../../../utils/feedback';
import { Pager } from '../../../utils/pager';
import { opinionRow, type OpinionRow } from '../view';

Page({
  data: { loading: true, empty: false, finished: false, rows: [] as OpinionRow[], claiming: false },
  pager: null as Pager<OpinionView, OpinionRow> | null,
  code: '',
  onLoad() {
    this.pager = new Pager(fetchMyOpinions, opinionRow);
  },
  onShow() {
    void this.load(true);
  },
  onReachBottom() {
    void this.load(false);
  },
  async load(reset: boolean) {
    try {
      const patch = await this.pager!.load(reset);
      if (patch) this.setData(patch);
    } catch (e) {
      this.setData({ loading: false });
      showError(this, e);
    }
  },
  onCode(e: { detail: string }) {
    this.code = e.detail;
  },
  async onClaim() {
    const code = this.code.trim().toUpperCase();
    if (!/^[2-9A-Z]{8}$/.test(code)) {
      toast(this, '认领码是8位字母或数字，请核对');
      return;
    }
    this.setData({ claiming: true });
    try {
      await claimOpinion(code);
      this.setData({ claiming: false });
      toastSuccess(this, '已认领');
      await this.load(true);
    } catch (e) {
      this.setData({ claiming: false });
      showError(this, e);
    }
  },
  async onWithdraw(e: { currentTarget: { dataset: { index: number } } }) {
    const row = this.data.rows[e.currentTarget.dataset.index];
    if (!row) return;
    if (!(await confirmAction(this, '撤回意见', '撤回后代表不会再汇总这条意见，记录会保留。确定撤回吗？', '撤回'))) return;
    try {
      await withdrawOpinion(row.id, row.version);
      toastSuccess(this, '已撤回');
      await this.load(true);
    } catch (err) {
      showError(this, err);
    }
  },
});
