/**
 * The in-app message list (消息): every outbox entry is also its recipient's message, whatever
 * became of the push, so the app is the channel that always arrives. Read by its recipient only.
 */
import type { MessageView, Page, PushOutcome } from '../typings';
import { db, decodeCursor, findMany, findPage } from './db';
import { AppError } from './errors';
import type { NotificationDoc } from './jobs/outbox';
import { maskPhonesIn } from './domain/privacy';

const PAGE_SIZE = 20;

/** What a recipient is told of the push: still to go, arrived, or why not. */
const PUSH: Record<NotificationDoc['state'], PushOutcome> = {
  pending: 'pending',
  sending: 'pending',
  sent: 'sent',
  no_grant: 'no_grant',
  refused: 'refused',
  error: 'error',
  no_quota: 'no_grant',
  skipped: 'no_grant',
  failed: 'error',
};

function view(n: NotificationDoc): MessageView {
  if (n.template === 'survey') {
    // survey: [survey name, closes at, what it asks]
    const [name, closesAt, note] = n.values;
    return {
      id: n._id,
      requestId: null,
      no: '',
      kind: 'survey',
      title: maskPhonesIn(`${String(name)}：${String(note)}`),
      at: Number(closesAt),
      createdAt: n.createdAt,
      read: n.read === true,
      push: PUSH[n.state],
      url: `/${n.page}`,
    };
  }
  const [no, a, b, at] = n.values;
  // progress: [no, status label, title, at]; deadline: [no, title, phrase, due]
  const title = n.template === 'progress' ? `${String(a)}：${String(b)}` : `${String(b)}：${String(a)}`;
  return {
    id: n._id,
    requestId: n.requestId,
    no: String(no),
    kind: n.template,
    // Stored masked; masked again so a message written before masking never shows a number.
    title: maskPhonesIn(title),
    at: Number(at),
    createdAt: n.createdAt,
    read: n.read === true,
    push: PUSH[n.state],
    url: `/${n.page}`,
  };
}

/** The badge shows 99+ beyond this: counting further would read documents nobody looks at. */
const UNREAD_CAP = 100;

/** How many of a person's messages are unread, up to UNREAD_CAP (ids only, from the to_read index). */
export async function unreadOf(openid: string): Promise<number> {
  const ids = await findMany<{ _id: string }>('notifications', { to: openid, read: false }, { limit: UNREAD_CAP, fields: { _id: true } });
  return ids.length;
}

export async function messagesOf(openid: string, cursor: string | undefined): Promise<Page<MessageView> & { unread: number }> {
  const [page, unread] = await Promise.all([
    findPage<NotificationDoc>('notifications', { to: openid }, decodeCursor(cursor), PAGE_SIZE, {
      requestId: true,
      template: true,
      page: true,
      values: true,
      state: true,
      read: true,
      createdAt: true,
    }),
    unreadOf(openid),
  ]);
  return { items: page.items.map(view), cursor: page.cursor, unread };
}

/** Marks one of the caller's messages read: only while unread and only the caller's own (compare-and-set). */
export async function readMessage(openid: string, messageId: string, now: number): Promise<{ unread: number }> {
  const res = (await db
    .collection('notifications')
    .where({ _id: messageId, to: openid, read: false })
    .update({ data: { read: true, readAt: now } })) as { stats?: { updated?: number } };
  if (res.stats?.updated !== 1) {
    // Already read (a second tap, a retry) is fine; someone else's or no such message is not found.
    const mine = await findMany<{ _id: string }>('notifications', { _id: messageId, to: openid }, { limit: 1, fields: { _id: true } });
    if (!mine.length) throw new AppError('NOT_FOUND', '这条消息不存在');
  }
  return { unread: await unreadOf(openid) };
}
