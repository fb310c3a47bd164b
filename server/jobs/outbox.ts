/**
 * The outbox: who is told what about a request's new events (written by the figures job in the
 * same transaction as the counters), and the timer's third job, sending pending messages as
 * subscription messages by the grants each user gave: a long-term template first, else a
 * one-time one (used up by the send). Each entry records what became of it; whatever it is, the
 * entry is also its recipient's message in the app (notices.ts).
 */
import { STATUS_LABELS } from '../../miniprogram/shared/domain';
import type { UserDoc } from '../caller';
import { cloud } from '../cloud';
import { db, findAll, findMany, getById } from '../db';
import { loseGrant, useOneTimeGrant } from '../grants';
import { candidates, grantOf, usable } from '../subscriptions';
import { messageData, type Template } from '../domain/messages';
import { maskPhonesIn } from '../domain/privacy';
import type { ChaseStage } from '../domain/chase';
import type { AuditEvent, RequestDoc } from '../requests';
import { constituentsOf } from '../reps';
import { BATCH, type JobCtx, type StepResult } from './chase';

/**
 * pending → sending → sent; or no_grant (no template, never allowed, one-time grants used up),
 * refused (the user said no, switched notices off, or the platform answered 43101), error (another
 * platform error three times). no_quota, skipped and failed are how entries before issue 19 say it.
 */
type NotificationState = 'pending' | 'sending' | 'sent' | 'no_grant' | 'refused' | 'error' | 'no_quota' | 'skipped' | 'failed';

/** One message to send: a document first, so nothing is lost and nothing is sent twice. */
export interface NotificationDoc {
  _id: string;
  /** The request it is about; null for a survey's notice (announceSurveys). */
  requestId: string | null;
  /** The survey it invites to (a 民意调查 notice). */
  surveyId?: string;
  to: string;
  template: Template;
  page: string;
  values: (string | number)[];
  state: NotificationState;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  error: number | null;
  /** The recipient opened it in 消息 (the in-app list is every notice, pushed or not). */
  read: boolean;
  readAt: number | null;
}

/** What every new outbox entry starts as: to be sent, unread. */
export const unsent = (
  now: number,
): Pick<NotificationDoc, 'state' | 'attempts' | 'createdAt' | 'sentAt' | 'error' | 'read' | 'readAt'> => ({
  state: 'pending',
  attempts: 0,
  createdAt: now,
  sentAt: null,
  error: null,
  read: false,
  readAt: null,
});

export interface Message {
  to: string;
  template: Template;
  page: string;
  values: (string | number)[];
}

const CHASE_PHRASE: Record<ChaseStage, string> = { remind: '即将到期', urge: '催办', supervise: '督办', notice: '通报' };
const staffPage = (id: string) => `packages/cadre/handle/index?id=${id}`;
const residentPage = (id: string) => `packages/request/detail/index?id=${id}`;
/** A constituent's opinions, with what became of them (S9): where the outcome of a representatives' proposal is read. */
const constituentPage = 'packages/rep/mine/index';
/** Events that are a proposal's outcome at a unit: every constituent whose opinion went in is told (S9.4). */
const TOLD_TO_CONSTITUENTS = new Set(['reply', 'reject']);
/** Events a petitioner hears about. */
const TOLD_TO_PETITIONER = new Set(['accept', 'reply', 'reject', 'merge', 'extendDecide', 'reviewAnswer', 'reopen', 'reroute']);

/** Who works where, read once per timer run (many events name the same unit); every one, page by page. */
export class Recipients {
  private admins: Promise<string[]> | null = null;
  private readonly staff = new Map<string, Promise<UserDoc[]>>();

  async of(unitId: string | null, who: 'unit' | 'heads' | 'admins'): Promise<string[]> {
    this.admins ??= findAll<UserDoc>('users', { roles: 'admin' }, { _id: true }).then((us) => us.map((u) => u._id));
    if (who === 'admins' || unitId === null) return this.admins;
    let staff = this.staff.get(unitId);
    if (!staff) this.staff.set(unitId, (staff = findAll<UserDoc>('users', { unitId }, { _id: true, head: true })));
    const people = await staff;
    if (who === 'unit') return people.map((u) => u._id);
    return [...new Set([...people.filter((u) => u.head).map((u) => u._id), ...(await this.admins)])];
  }
}

/** Who is told what about these new events. */
export async function messagesFor(doc: RequestDoc, events: readonly AuditEvent[], recipients: Recipients): Promise<Message[]> {
  const out: Message[] = [];
  // A message is read on a lock screen and by whoever holds the phone: a number typed into the text is masked for everyone.
  const title = maskPhonesIn(doc.title);
  for (const e of events) {
    if (TOLD_TO_PETITIONER.has(e.type)) {
      // A registered 信访 item nobody has claimed has no one on the app to tell (its answer goes by letter).
      for (const to of [doc.requesterId, ...doc.followers].filter((x): x is string => x !== null)) {
        out.push({ to, template: 'progress', page: residentPage(doc._id), values: [doc.no, STATUS_LABELS[e.to], title, e.at] });
      }
    }
    if (TOLD_TO_CONSTITUENTS.has(e.type) && doc.proposalId) {
      for (const to of await constituentsOf(doc.proposalId)) {
        out.push({ to, template: 'progress', page: constituentPage, values: [doc.no, STATUS_LABELS[e.to], title, e.at] });
      }
    }
    const newWork =
      (e.type === 'submit' || e.type === 'register' || e.type === 'dispatch' || e.type === 'transfer' || e.type === 'reroute') &&
      e.to === 'assigned';
    if (newWork) {
      for (const to of await recipients.of(e.toUnitId ?? e.unitId, 'unit')) {
        out.push({ to, template: 'deadline', page: staffPage(doc._id), values: [doc.no, title, '待签收', doc.acceptDueAt] });
      }
    }
    // 阅批 (S4.1): the leader is told of a letter to read; the 批示 reaches whoever handles it (the 信访局 while unrouted).
    if (e.type === 'toLeader' && doc.leader) {
      out.push({
        to: doc.leader.id,
        template: 'deadline',
        page: staffPage(doc._id),
        values: [doc.no, title, doc.leader.important ? '重要来信' : '请阅批', doc.dueAt],
      });
    }
    // 联合办理: each co-handling unit is asked for its part; the lead unit is told when one comes in.
    if (e.type === 'dispatch') {
      for (const unitId of e.coUnitIds ?? []) {
        for (const to of await recipients.of(unitId, 'unit')) {
          out.push({ to, template: 'deadline', page: staffPage(doc._id), values: [doc.no, title, '请协办', doc.dueAt] });
        }
      }
    }
    if (e.type === 'coReply' && doc.unitId) {
      // Whether this part was the last one, as of the event (not of the request now).
      const answered = doc.events.filter((x) => x.type === 'coReply' && x.seq <= e.seq).length;
      const phrase = answered >= (doc.coUnits ?? []).length ? '协办已齐' : '协办意见';
      for (const to of await recipients.of(doc.unitId, 'unit')) {
        out.push({ to, template: 'deadline', page: staffPage(doc._id), values: [doc.no, title, phrase, doc.dueAt] });
      }
    }
    if (e.type === 'instruct') {
      for (const to of await recipients.of(doc.unitId, 'unit')) {
        out.push({ to, template: 'deadline', page: staffPage(doc._id), values: [doc.no, title, '领导批示', doc.dueAt] });
      }
    }
    if (e.type === 'remind' || e.type === 'urge' || e.type === 'supervise' || e.type === 'notice') {
      const who = e.type === 'supervise' ? 'heads' : e.type === 'notice' ? 'admins' : 'unit';
      for (const to of await recipients.of(doc.unitId, who)) {
        out.push({
          to,
          template: 'deadline',
          page: staffPage(doc._id),
          values: [doc.no, title, CHASE_PHRASE[e.type], doc.clock?.due ?? doc.dueAt],
        });
      }
    }
  }
  return out;
}

interface SendResult {
  errCode?: number;
  errcode?: number;
}

export type SendStepResult = StepResult & { sent: number; noGrant: number; refused: number };

/** WeChat's answer when it holds no grant: 用户拒绝接受消息 (refused, switched off, or none left). */
const NO_GRANT = 43101;

/** Send pending messages: each is marked before the call, so a crash never sends it twice. */
export async function send({ dir, now, until }: JobCtx): Promise<SendStepResult> {
  let examined = 0;
  let done = 0;
  let sent = 0;
  let noGrant = 0;
  let refused = 0;
  for (;;) {
    // One batch at a time; the loop reads the next until none is left or the time is up.
    const batch = await findMany<NotificationDoc>('notifications', { state: 'pending' }, { orderBy: [['createdAt', 'asc']], limit: BATCH });
    for (const n of batch) {
      examined += 1;
      const templates = candidates(dir, n.template);
      const user = await getById<UserDoc>('users', n.to);
      const ways = user?.pushOff ? [] : templates.filter((t) => usable(grantOf(user, t), t));
      let state: NotificationState;
      let error: number | null = null;
      if (!ways.length) {
        const said = templates.map((t) => grantOf(user, t)?.answer);
        state = user?.pushOff || said.some((a) => a === 'reject' || a === 'ban') ? 'refused' : 'no_grant';
      } else {
        const claimed = await db
          .collection('notifications')
          .where({ _id: n._id, state: 'pending' })
          .update({ data: { state: 'sending', attempts: n.attempts + 1 } });
        if ((claimed as { stats?: { updated?: number } }).stats?.updated !== 1) continue; // another run has it
        state = 'refused';
        for (const t of ways) {
          const res = (await cloud.openapi.subscribeMessage
            .send({ touser: n.to, templateId: t.id, page: n.page, data: messageData(n.template, n.values), miniprogramState: 'formal' })
            .catch((e: { errCode?: number }) => ({ errCode: e?.errCode ?? -1 }))) as SendResult;
          const code = res.errCode ?? res.errcode ?? 0;
          error = code === 0 ? null : code;
          if (code === 0) {
            state = 'sent';
            if (t.kind === 'once') await useOneTimeGrant(user!, t.id);
            break;
          }
          if (code !== NO_GRANT) {
            state = n.attempts + 1 >= 3 ? 'error' : 'pending';
            break;
          }
          // The platform holds no such grant: ours was wrong (switched off, used elsewhere); the next template may do.
          await loseGrant(user!, t.id, t.kind, now);
        }
      }
      if (state === 'sent') sent += 1;
      if (state === 'no_grant') noGrant += 1;
      if (state === 'refused') refused += 1;
      await db
        .collection('notifications')
        .doc(n._id)
        .update({ data: { state, error, sentAt: state === 'sent' ? now : null } });
      done += 1;
    }
    if (batch.length < BATCH || Date.now() >= until) return { examined, done, sent, noGrant, refused };
  }
}
