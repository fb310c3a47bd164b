/**
 * 阅批 (S4.1): the letters the 信访局 sent me (a leader) — 待阅批, 重要来信 first then the longest
 * waiting, and 已批示; tap one to read it and write the 批示 on the handle page.
 */
import type { LetterSummary } from '../../../../typings/index';
import { fetchLetters } from '../../../services/request';
import { Pager, pagedList, showBox } from '../../../utils/pager';
import { toRow, type RequestRow } from '../../../utils/status';
import { formatDateTime } from '../../../utils/format';
import { openPage } from '../../../utils/navigate';

type Box = 'todo' | 'done';

function letterRow(s: LetterSummary): RequestRow {
  return {
    ...toRow(s),
    chaseLabel: s.important ? '重要来信' : '',
    chaseTag: 'danger',
    next: s.instructedAt ? `${formatDateTime(s.instructedAt)}已批示` : `${formatDateTime(s.sentAt)}呈送，请阅批`,
    overdue: false,
  };
}

Page({
  data: { box: 'todo' as Box },
  // Coming back from the handle page (onShow reloads): a letter just instructed moves to 已批示.
  behaviors: [pagedList],
  onLoad(options: Record<string, string | undefined>) {
    this.use(options.box === 'done' ? 'done' : 'todo', false);
  },
  use(box: Box, changed: boolean) {
    showBox(this, box, new Pager((cursor?: string) => fetchLetters(box, cursor), letterRow), changed);
  },
  onTab(e: { detail: { name: Box } }) {
    if (e.detail.name !== this.data.box) this.use(e.detail.name, true);
  },
  onOpen(e: { detail: { id: string } }) {
    openPage(`/packages/cadre/handle/index?id=${e.detail.id}`);
  },
});
