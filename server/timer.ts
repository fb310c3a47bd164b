/**
 * The chase, run by the timer function: (1) records reminders, 催办, 督办 and 通报 on requests whose
 * indexed `nextCheckAt` has come; (2) turns every new audit event, exactly once, into the unit's
 * month counters and the messages to send; (3) sends the outbox as subscription messages. Each
 * step works in batches and stops before the invocation's time is up; the next run goes on.
 */
import { cloud } from './cloud';
import { _, casUpdate, db, decodeCursor, findMany, findPage, getById, type TxLike, type Where } from './db';
import { dueStage, nextCheck, type ChaseStage } from './domain/chase';
import { COUNTER_FIELDS, increments, type Counts } from './domain/figures';
import { messageData, type Template } from './domain/messages';
import type { UserDoc } from './caller';
import { loadDirectory } from './directory';
import type { AuditEvent, RequestDoc } from './requests';
import { STATUS_LABELS } from '../miniprogram/shared/domain';

export const BATCH = 50;

export interface CounterDoc extends Counts {
  _id: string;
  month: string;
  unitId: string;
  updatedAt: number;
}

export type NotificationState = 'pending' | 'sending' | 'sent' | 'no_quota' | 'skipped' | 'failed';

/** One message to send: a document first, so nothing is lost and nothing is sent twice. */
export interface NotificationDoc {
  _id: string;
  requestId: string;
  to: string;
  template: Template;
  page: string;
  values: (string | number)[];
  state: NotificationState;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  error: number | null;
}

const CHASE_NOTES: Record<ChaseStage, string> = {
  remind: '办理时限即将到期，请抓紧办理',
  urge: '已到办理时限，请立即办理（催办）',
  supervise: '已超过办理时限，转单位负责人和调度中心督办',
  notice: '超期未办，予以通报',
};
const CHASE_PHRASE: Record<ChaseStage, string> = { remind: '即将到期', urge: '催办', supervise: '督办', notice: '通报' };

export interface StepResult {
  examined: number;
  done: number;
}

/** (1) Record what the chase calls for on every request whose next check has come. */
export async function chase(now: number, until: number): Promise<StepResult> {
  let examined = 0;
  let done = 0;
  let cursor: string | null = null;
  do {
    const page: { items: RequestDoc[]; cursor: string | null } = await findPage<RequestDoc>(
      'requests', { nextCheckAt: _.lte(now) }, decodeCursor(cursor ?? undefined), BATCH, { content: false, photos: false }, { field: 'nextCheckAt', dir: 'asc' },
    );
    for (const doc of page.items) {
      if (Date.now() >= until) return { examined, done }; // the rest is still due: the next run takes it
      examined += 1;
      if (!doc.clock) continue;
      const due = dueStage(doc.clock, doc.policy, now);
      const clock = { ...doc.clock, level: due?.level ?? doc.clock.level };
      const set: Partial<RequestDoc> = { clock, nextCheckAt: nextCheck(clock, doc.policy), updatedAt: now };
      let events: AuditEvent[] = [];
      if (due) {
        events = [{
          seq: doc.events.length + 1, type: due.stage, at: now, actorId: 'system', actorRole: 'system', actorUnit: null,
          from: doc.status, to: doc.status, note: CHASE_NOTES[due.stage], unitId: doc.unitId,
        }];
        set.needsCount = true;
        if (due.level >= 2 && doc.overdueSince === null) set.overdueSince = doc.clock.due;
      }
      // A concurrent change wins; the next run sees the new clock.
      if (await casUpdate('requests', doc._id, doc.version, events.length ? { ...set, events: _.push(events) } : set)) done += 1;
    }
    cursor = page.cursor;
  } while (cursor && Date.now() < until);
  return { examined, done };
}

interface Message { to: string; template: Template; page: string; values: (string | number)[] }

const staffPage = (id: string) => `packages/cadre/handle/index?id=${id}`;
const residentPage = (id: string) => `packages/request/detail/index?id=${id}`;
/** Events a petitioner hears about. */
const TOLD_TO_PETITIONER = new Set(['accept', 'reply', 'reject', 'merge', 'extendDecide', 'reviewAnswer', 'reopen']);

/** Who works where, read once per timer run (many events name the same unit). */
class Recipients {
  private admins: Promise<string[]> | null = null;
  private readonly staff = new Map<string, Promise<UserDoc[]>>();

  async of(unitId: string | null, who: 'unit' | 'heads' | 'admins'): Promise<string[]> {
    this.admins ??= findMany<UserDoc>('users', { roles: 'admin' }, { limit: 100, fields: { _id: true } }).then((us) => us.map((u) => u._id));
    if (who === 'admins' || unitId === null) return this.admins;
    let staff = this.staff.get(unitId);
    if (!staff) this.staff.set(unitId, (staff = findMany<UserDoc>('users', { unitId }, { limit: 100, fields: { _id: true, head: true } })));
    const people = await staff;
    if (who === 'unit') return people.map((u) => u._id);
    return [...new Set([...people.filter((u) => u.head).map((u) => u._id), ...(await this.admins)])];
  }
}

/** Who is told what about these new events. */
async function messagesFor(doc: RequestDoc, events: readonly AuditEvent[], recipients: Recipients): Promise<Message[]> {
  const out: Message[] = [];
  for (const e of events) {
    if (TOLD_TO_PETITIONER.has(e.type)) {
      for (const to of [doc.requesterId, ...doc.followers]) {
        out.push({ to, template: 'progress', page: residentPage(doc._id), values: [doc.no, STATUS_LABELS[e.to], doc.title, e.at] });
      }
    }
    const newWork = (e.type === 'submit' || e.type === 'register' || e.type === 'dispatch' || e.type === 'transfer') && e.to === 'assigned';
    if (newWork) {
      for (const to of await recipients.of(e.toUnitId ?? e.unitId, 'unit')) {
        out.push({ to, template: 'deadline', page: staffPage(doc._id), values: [doc.no, doc.title, '待签收', doc.acceptDueAt] });
      }
    }
    if (e.type === 'remind' || e.type === 'urge' || e.type === 'supervise' || e.type === 'notice') {
      const who = e.type === 'supervise' ? 'heads' : e.type === 'notice' ? 'admins' : 'unit';
      for (const to of await recipients.of(doc.unitId, who)) {
        out.push({ to, template: 'deadline', page: staffPage(doc._id), values: [doc.no, doc.title, CHASE_PHRASE[e.type], doc.clock?.due ?? doc.dueAt] });
      }
    }
  }
  return out;
}

/**
 * (2) Apply new audit events exactly once: counters and outbox documents in one transaction with
 * the request's `countedSeq`, so a crash or a second run can neither skip nor double them.
 */
export async function project(now: number, until: number): Promise<StepResult> {
  let examined = 0;
  let done = 0;
  const failed = new Set<string>();
  const recipients = new Recipients();
  for (;;) {
    const where: Where = failed.size ? { needsCount: true, _id: _.nin([...failed]) } : { needsCount: true };
    const batch = await findMany<RequestDoc>('requests', where, { limit: BATCH, fields: { content: false, photos: false } });
    for (const doc of batch) {
      examined += 1;
      const fresh = doc.events.filter((e) => e.seq > doc.countedSeq);
      const messages = await messagesFor(doc, fresh, recipients);
      const inc = increments(fresh);
      const applied = await db.runTransaction(async (tx: TxLike) => {
        const cur = (await tx.collection('requests').doc(doc._id).get()).data as RequestDoc;
        if (cur.version !== doc.version || cur.countedSeq !== doc.countedSeq) return false; // changed meanwhile: next round
        for (const [id, { month, unitId, add }] of inc) {
          const prev = (await tx.collection('counters').doc(id).get().catch(() => ({ data: null }))).data as CounterDoc | null;
          const next: Omit<CounterDoc, '_id'> = { month, unitId, updatedAt: now, ...Object.fromEntries(COUNTER_FIELDS.map((f) => [f, (prev?.[f] ?? 0) + add[f]])) } as Omit<CounterDoc, '_id'>;
          await tx.collection('counters').doc(id).set({ data: next });
        }
        for (const [i, m] of messages.entries()) {
          const last = fresh[fresh.length - 1]!;
          const n: Omit<NotificationDoc, '_id'> = { requestId: doc._id, ...m, state: 'pending', attempts: 0, createdAt: now, sentAt: null, error: null };
          await tx.collection('notifications').doc(`${doc._id}-${last.seq}-${i}`).set({ data: n });
        }
        const lastSeq = doc.events[doc.events.length - 1]?.seq ?? 0;
        await tx.collection('requests').doc(doc._id).update({ data: { countedSeq: lastSeq, needsCount: false } });
        return true;
      });
      if (applied) done += 1;
      else failed.add(doc._id);
    }
    if (batch.length < BATCH || Date.now() >= until) return { examined, done };
  }
}

interface SendResult { errCode?: number; errcode?: number }

/** (3) Send pending messages: each is marked before the call, so a crash never sends it twice. */
export async function send(now: number, until: number): Promise<StepResult & { sent: number; noQuota: number }> {
  const { subscribe } = await loadDirectory();
  let examined = 0;
  let done = 0;
  let sent = 0;
  let noQuota = 0;
  for (;;) {
    const batch = await findMany<NotificationDoc>('notifications', { state: 'pending' }, { orderBy: [['createdAt', 'asc']], limit: BATCH });
    for (const n of batch) {
      examined += 1;
      const templateId = subscribe[n.template];
      const user = await getById<UserDoc>('users', n.to);
      let state: NotificationState;
      let error: number | null = null;
      if (!templateId) state = 'skipped';
      else if ((user?.grants?.[templateId] ?? 0) < 1) state = 'no_quota';
      else {
        const claimed = await db.collection('notifications').where({ _id: n._id, state: 'pending' }).update({ data: { state: 'sending', attempts: n.attempts + 1 } });
        if ((claimed as { stats?: { updated?: number } }).stats?.updated !== 1) continue; // another run has it
        const res = (await cloud.openapi.subscribeMessage
          .send({ touser: n.to, templateId, page: n.page, data: messageData(n.template, n.values), miniprogramState: 'formal' })
          .catch((e: { errCode?: number }) => ({ errCode: e?.errCode ?? -1 }))) as SendResult;
        const code = res.errCode ?? res.errcode ?? 0;
        error = code === 0 ? null : code;
        state = code === 0 ? 'sent' : code === 43101 ? 'no_quota' : n.attempts + 1 >= 3 ? 'failed' : 'pending';
        if (code === 0) {
          await db.collection('users').where({ _id: n.to, [`grants.${templateId}`]: _.gt(0) }).update({ data: { [`grants.${templateId}`]: _.inc(-1) } });
        }
      }
      if (state === 'sent') sent += 1;
      if (state === 'no_quota') noQuota += 1;
      await db.collection('notifications').doc(n._id).update({ data: { state, error, sentAt: state === 'sent' ? now : null } });
      done += 1;
    }
    if (batch.length < BATCH || Date.now() >= until) return { examined, done, sent, noQuota };
  }
}

/** One timer run: the three steps, each within what is left of the time. */
export async function runTimer(now: number, budgetMs = 2_200): Promise<{ chase: StepResult; project: StepResult; send: StepResult & { sent: number; noQuota: number } }> {
  const until = Date.now() + budgetMs;
  await loadDirectory(); // the county's calendar days, before any deadline is computed
  const c = await chase(now, until);
  const p = await project(now, until);
  const s = await send(now, until);
  return { chase: c, project: p, send: s };
}
