/** 工作台: my unit's requests, 待办 and 已办, paginated; tap one to handle it. */
import type { RequestSummary } from '../../../../typings/index';
import { fetchInbox } from '../../../services/request';
import { Pager } from '../../../utils/pager';
import { toRow, type RequestRow } from '../../../utils/status';
import { showError } from '../../../utils/feedback';

type Box = 'todo' | 'done';

Page({
  data: { box: 'todo' as Box, rows: [] as RequestRow[], loading: true, finished: false, empty: false },
  pager: null as Pager<RequestSummary, RequestRow> | null,
  onLoad(options: Record<string, string | undefined>) {
    this.use(options.box === 'done' ? 'done' : 'todo');
  },
  onShow() {
    // Coming back from the handle page: what was done there moved between the boxes.
    void this.more(true);
  },
  onPullDownRefresh() {
    void this.more(true).then(() => wx.stopPullDownRefresh());
  },
  onReachBottom() {
    void this.more(false);
  },
  use(box: Box) {
    this.pager = new Pager((cursor?: string) => fetchInbox(box, cursor), toRow);
    this.setData({ box });
  },
  onTab(e: { detail: { name: Box } }) {
    if (e.detail.name === this.data.box) return;
    this.use(e.detail.name);
    this.setData({ rows: [], loading: true, empty: false, finished: false });
    void this.more(true);
  },
  async more(reset: boolean) {
    const pager = this.pager;
    if (!pager) return;
    try {
      const patch = await pager.load(reset);
      // A tab switch during the call made another pager current: drop the stale answer.
      if (patch && pager === this.pager) this.setData(patch);
    } catch (e) {
      this.setData({ loading: false });
      showError(this, e);
    }
  },
  onOpen(e: { detail: { id: string } }) {
    wx.navigateTo({ url: `/packages/cadre/handle/index?id=${e.detail.id}` });
  },
});
