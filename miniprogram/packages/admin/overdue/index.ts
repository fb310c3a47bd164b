/** 督办台 (admin): requests past their deadline, most overdue first, with how far the chase has gone; tap one to handle it. */
import { fetchOverdue, type OverdueItem } from '../../../services/admin';
import { chaseLabel, chaseTag } from '../../../utils/detailView';
import { Pager, pagedListWithErrorState, usePager } from '../../../utils/pager';
import { toRow, type RequestRow } from '../../../utils/status';
import { openPage } from '../../../utils/navigate';

const DAY = 86_400_000;

function overdueText(since: number, now: number): string {
  if (!since) return '';
  const days = Math.floor((now - since) / DAY);
  return days >= 1 ? `已超期${days}天` : '今日到期未办';
}

function toOverdueRow(s: OverdueItem): RequestRow {
  return {
    ...toRow(s),
    chaseLabel: chaseLabel(s.chase),
    chaseTag: chaseTag(s.chase),
    overdueText: overdueText(s.overdueSince, Date.now()),
  };
}

Page({
  // Back from the handle page (onShow reloads): what was done there may have left the list.
  behaviors: [pagedListWithErrorState],
  onLoad() {
    usePager(this, new Pager(fetchOverdue, toOverdueRow));
  },
  onOpen(e: { detail: { id: string } }) {
    openPage(`/packages/cadre/handle/index?id=${e.detail.id}`);
  },
});
