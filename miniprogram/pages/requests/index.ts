/** 我的诉求: my requests, newest first, paginated; tap one for its detail. */
import type { RequestSummary } from '../../../typings/index';
import { fetchMyRequests } from '../../services/request';
import { Pager } from '../../utils/pager';
import { toRow, type RequestRow } from '../../utils/status';
import { showError } from '../../utils/feedback';

Page({
  data: { rows: [] as RequestRow[], loading: true, finished: false, empty: false },
  pager: null as Pager<RequestSummary, RequestRow> | null,
  onLoad() {
    this.pager = new Pager(fetchMyRequests, toRow);
  },
  onShow() {
    // Statuses change while the user is away (a reply, a rating made on the detail page).
    void this.reload();
  },
  onPullDownRefresh() {
    void this.reload().then(() => wx.stopPullDownRefresh());
  },
  onReachBottom() {
    void this.more(false);
  },
  reload() {
    return this.more(true);
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
  onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
    wx.navigateTo({ url: `/packages/request/detail/index?id=${e.detail.id}` });
  },
  onSubmit() {
    wx.navigateTo({ url: '/packages/request/submit/index' });
  },
});
