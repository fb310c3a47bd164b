/**
 * 消息: every notice I was sent, newest first — also those WeChat could not push (no grant,
 * refused, an error), so nothing about my requests or my work is missed. Opening one marks it
 * read and goes to its request (a 民意调查 notice: to the survey).
 */
import type { IAppOption, MessageView } from '../../../typings/index';
import { fetchMessages, readMessage } from '../../services/user';
import { showUnread } from '../../utils/badge';
import { formatDateTime } from '../../utils/format';
import { openPage } from '../../utils/navigate';
import { Pager, pagedList, reloadList, usePager } from '../../utils/pager';
import { askSubscriptions, readNoticeSetting, reportNotices, type NoticeSetting } from '../../utils/subscribe';

/** How to turn notices back on, in the words of WeChat's own menus. */
const TURN_ON = '打开方法：点右上角「···」→「设置」→「通知管理」';

/** What the page says about notices in WeChat: switched off, some refused for good, or nothing. */
function noticeHint(s: NoticeSetting | null): string {
  if (!s) return '';
  if (!s.mainSwitch) return `微信通知已关闭，您在微信里收不到办理进度和提醒，只能在这里查看。${TURN_ON}，打开「接收通知」。`;
  if (Object.values(s.itemSettings ?? {}).some((v) => v !== 'accept'))
    return `您选择了不再接收部分提醒，这些消息只在这里显示。${TURN_ON}，打开对应的提醒。`;
  return '';
}

const KIND_LABEL: Record<MessageView['kind'], string> = { progress: '办理进度', deadline: '办理提醒', survey: '民意调查' };

/** The row's second line: what kind, which request, when — for a survey, until when it can be answered. */
function lineOf(m: MessageView): string {
  if (m.kind === 'survey') return `${KIND_LABEL.survey} · ${formatDateTime(m.at)}前可参加`;
  return `${KIND_LABEL[m.kind]} · ${m.no} · ${formatDateTime(m.kind === 'deadline' ? m.at : m.createdAt)}`;
}

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
  line: lineOf(m),
  pushNote: PUSH_NOTE[m.push],
});

Page({
  behaviors: [pagedList],
  data: { hint: '', canAsk: false },
  onShow() {
    void reloadList(this);
    // Back from 设置 → 通知管理: what it says now is shown, and told to the server (the outbox goes by it).
    void readNoticeSetting().then(async (setting) => {
      this.setData({ hint: noticeHint(setting) });
      await reportNotices({}, setting);
      this.showAsk(setting);
    });
  },
  /** 在微信里接收提醒: offered while a panel has something to ask and notices are not switched off. */
  showAsk(setting: NoticeSetting | null) {
    getApp<IAppOption>()
      .loadMe()
      .then(
        (me) => this.setData({ canAsk: me.subscribe.tmplIds.length > 0 && setting?.mainSwitch !== false }),
        () => undefined,
      );
  },
  onAsk() {
    // From the tap itself, before anything is awaited: WeChat shows the panel only then.
    void askSubscriptions().then(async () => this.showAsk(await readNoticeSetting()));
  },
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
    const row = (this.data as unknown as { rows: ReturnType<typeof toRow>[] }).rows[i];
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
