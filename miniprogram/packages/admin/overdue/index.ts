/** 督办台 (admin): requests past their deadline, most overdue first, with how far the chase has gone; tap one to handle it. */
import { fetchOverdue, type OverdueItem } from '../../../services/admin';
import { chaseLabel, chaseTag } from '../../../utils/detailView';
import { showError } from '../../../utils/feedback';
import { Pager } from '../../../utils/pager';
import { toRow, type RequestRow } from '../../../utils/status';

const DAY = 86_400_000;

function overdueText(since: number, now: number): string {
  if (!since) return '';
  const days = Math.floor((now - since) / DAY);
  return days >= 1 ? `已超期${days}天` : '今日到期未办';
}

function toOverdueRow(s: OverdueItem): RequestRow {
  return { ...toRow(s), chaseLabel: chaseLabel(s.chase), chaseTag: chaseTag(s.chase), overdueText: overdueText(s.overdueSince, Date.now()) };
}

Page({
  data: { rows: [] as RequestRow[], loading: true, finished: false, empty: false, error: '' },
  pager: null as Pager<OverdueItem, RequestRow> | null,
  onLoad() {
    this.pager = new Pager(fetchOverdue, toOverdueRow);
  },
  onShow() {
    // Back from the handle page: what was done there may have left the list.
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
      if (patch) this.setData({ ...patch, error: '' });
    } catch (e) {
      this.setData({ loading: false, error: this.data.rows.length ? '' : (e as Error).message || '加载失败，请下拉重试' });
      if (this.data.rows.length) showError(this, e);
    }
  },
  onRetry() {
    this.setData({ loading: true, error: '' });
    void this.more(true);
  },
  onOpen(e: { detail: { id: string } }) {
    wx.navigateTo({ url: `/packages/cadre/handle/index?id=${e.detail.id}` });
  },
});
