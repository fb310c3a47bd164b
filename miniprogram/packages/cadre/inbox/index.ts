/** 工作台: my unit's requests, 待办 and 已办, and 协办 (联合办理: parts my unit owes), paginated; tap one to handle it. */
import { fetchInbox } from '../../../services/request';
import { Pager, pagedList, showBox } from '../../../utils/pager';
import { toRow } from '../../../utils/status';
import { openPage } from '../../../utils/navigate';
import type { IAppOption } from '../../../../typings/index';

type Box = 'todo' | 'done' | 'co';

Page({
  data: { box: 'todo' as Box, head: false },
  // Coming back from the handle page (onShow reloads): what was done there moved between the boxes.
  behaviors: [pagedList],
  onLoad(options: Record<string, string | undefined>) {
    this.use(options.box === 'done' || options.box === 'co' ? options.box : 'todo', false);
    // A unit head also sees who in the unit receives no 微信 notice.
    getApp<IAppOption>()
      .loadMe()
      .then(
        (me) => this.setData({ head: me.head }),
        () => undefined,
      );
  },
  use(box: Box, changed: boolean) {
    showBox(this, box, new Pager((cursor?: string) => fetchInbox(box, cursor), toRow), changed);
  },
  onTab(e: { detail: { name: Box } }) {
    if (e.detail.name !== this.data.box) this.use(e.detail.name, true);
  },
  onOpen(e: { detail: { id: string } }) {
    openPage(`/packages/cadre/handle/index?id=${e.detail.id}`);
  },
});
