/** 我的诉求: my requests, newest first, paginated; tap one for its detail. */
import { fetchMyRequests } from '../../services/request';
import { Pager, pagedList, usePager } from '../../utils/pager';
import { toMyRow } from '../../utils/status';
import { openPage } from '../../utils/navigate';
import { largeTypeData } from '../../utils/largeType';

Page({
  // Statuses change while the user is away (a reply, a rating made on the detail page): onShow reloads.
  behaviors: [pagedList],
  onLoad() {
    this.setData(largeTypeData());
    usePager(this, new Pager(fetchMyRequests, toMyRow));
  },
  onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
    openPage(`/packages/request/detail/index?id=${e.detail.id}`);
  },
  onSubmit() {
    openPage('/packages/request/submit/index');
  },
});
