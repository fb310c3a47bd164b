/**
 * The timer's second job: every new audit event, exactly once, into the unit's month counters, the
 * county's month counter (unitId COUNTY: the admin's totals) and the outbox — all in one
 * transaction with the request's `countedSeq`, so a crash or a second run can neither skip nor
 * double them.
 */
import { _, db, findMany, type TxLike, type Where } from '../db';
import { COUNTER_FIELDS, increments, type Counts } from '../domain/figures';
import type { RequestDoc } from '../requests';
import { BATCH, type JobCtx, type StepResult } from './chase';
import { messagesFor, Recipients, unsent, type NotificationDoc } from './outbox';

export interface CounterDoc extends Counts {
  _id: string;
  month: string;
  /** The unit, or COUNTY for the whole county's month. */
  unitId: string;
  updatedAt: number;
}

/** Apply new audit events exactly once: counters and outbox documents. */
export async function project({ now, until }: Omit<JobCtx, 'dir'>): Promise<StepResult> {
  let examined = 0;
  let done = 0;
  const failed = new Set<string>();
  const recipients = new Recipients();
  for (;;) {
    const where: Where = failed.size ? { needsCount: true, _id: _.nin([...failed]) } : { needsCount: true };
    // One batch at a time; the loop reads the next until none is left or the time is up.
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
          const prev = (
            await tx
              .collection('counters')
              .doc(id)
              .get()
              .catch(() => ({ data: null }))
          ).data as CounterDoc | null;
          const next: Omit<CounterDoc, '_id'> = {
            month,
            unitId,
            updatedAt: now,
            ...Object.fromEntries(COUNTER_FIELDS.map((f) => [f, (prev?.[f] ?? 0) + add[f]])),
          } as Omit<CounterDoc, '_id'>;
          await tx.collection('counters').doc(id).set({ data: next });
        }
        for (const [i, m] of messages.entries()) {
          const last = fresh[fresh.length - 1]!;
          const n: Omit<NotificationDoc, '_id'> = { requestId: doc._id, ...m, ...unsent(now) };
          await tx.collection('notifications').doc(`${doc._id}-${last.seq}-${i}`).set({ data: n });
        }
        const lastSeq = doc.events[doc.events.length - 1]?.seq ?? 0;
        await tx
          .collection('requests')
          .doc(doc._id)
          .update({ data: { countedSeq: lastSeq, needsCount: false } });
        return true;
      });
      if (applied) done += 1;
      else failed.add(doc._id);
    }
    if (batch.length < BATCH || Date.now() >= until) return { examined, done };
  }
}
