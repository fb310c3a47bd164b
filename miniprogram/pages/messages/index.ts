/**
 * 消息: every notice I was sent, newest first — also those WeChat could not push (no grant,
 * refused, an error), so nothing about my requests or my work is missed. Opening one marks it
 * read and goes to its request.
 */
import type { MessageView } from '../../../typings/index';
import { fetchMessages, readMessage } from '../../services/user';
import { showUnread } from '../../utils/badge';
import { formatDateTime } from '../../utils/format';
import { openPage } from '../../utils/navigate';
import { Pager, pagedList, usePager } from '../../utils/pager';

const KIND_LABEL: Record<MessageView['kind'], string> = { progress: '办理进度', deadline: '办理提醒' };

/** What a row says of the push: nothing when it arrived, else that it is only here. */
const PUSH_NOTE: Record<MessageView['push'], string> = {
  pending: '',
  sent: '',
  no_grant: '未推送',
  refused: '未推送',
  error: '未推送',
};

const toRow = (m: MessageView) => ({
  id: m.id,
  url: m.url,
  read: m.read,
  title: m.title,
  line: `${KIND_LABEL[m.kind]} · ${m.no} · ${formatDateTime(m.kind === 'deadline' ? m.at : m.createdAt)}`,
  pushNote: PUSH_NOTE[m.push],
});

Page({
  behaviors: [pagedList],
  onLoad() {
    usePager(
      this,
      new Pager(
        (cursor?: string) =>
          fetchMessages(cursor).then((page) => {
            showUnread(page.unread);
            return page;
          }),
        toRow,
      ),
    );
  },
  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const i = Number(e.currentTarget.dataset.index);
    const row = (this.data.rows as ReturnType<typeof toRow>[])[i];
    if (!row) return;
    openPage(row.url);
    if (!row.read) {
      this.setData({ [`rows[${i}].read`]: true });
      readMessage(row.id).then(
        ({ unread }) => showUnread(unread),
        () => undefined, // still unread on the server: it shows again as unread next time
      );
    }
  },
});
