/** 我的诉求: my requests, newest first, paginated; tap one for its detail. */
import { fetchMyRequests } from '../../services/request';
import { Pager, pagedList } from '../../utils/pager';
import { toRow, type RequestRow } from '../../utils/status';

Page({
  data: { rows: [] as RequestRow[], loading: true, finished: false, empty: false },
  // Statuses change while the user is away (a reply, a rating made on the detail page): onShow reloads.
  ...pagedList(),
  onLoad() {
    this.pager = new Pager(fetchMyRequests, toRow);
  },
  onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
    wx.navigateTo({ url: `/packages/request/detail/index?id=${e.detail.id}` });
  },
  onSubmit() {
    wx.navigateTo({ url: '/packages/request/submit/index' });
  },
});
