/**
 * The timer's first job, the chase: records 提醒, 催办, 督办 and 通报 on every request whose indexed
 * `nextCheckAt` has come, in batches, stopping when the run's time is up (the next run goes on).
 */
import { _, casUpdate, decodeCursor, findPage } from '../db';
import type { Directory } from '../directory';
import { dueStage, nextCheck, type ChaseStage } from '../domain/chase';
import { auditEvent, SYSTEM, type AuditEvent, type RequestDoc } from '../requests';

export const BATCH = 50;

/** What a timer job did in one run. */
export interface StepResult {
  examined: number;
  done: number;
}

/** What a timer job is given: the county's directory, the time it acts at, and when to stop. */
export interface JobCtx {
  dir: Directory;
  now: number;
  until: number;
}

const CHASE_NOTES: Record<ChaseStage, string> = {
  remind: '办理时限即将到期，请抓紧办理',
  urge: '已到办理时限，请立即办理（催办）',
  supervise: '已超过办理时限，转单位负责人和调度中心督办',
  notice: '超期未办，予以通报',
};

/** Record what the chase calls for on every request whose next check has come. */
export async function chase({ dir, now, until }: JobCtx): Promise<StepResult> {
  let examined = 0;
  let done = 0;
  let cursor: string | null = null;
  do {
    const page: { items: RequestDoc[]; cursor: string | null } = await findPage<RequestDoc>(
      'requests',
      { nextCheckAt: _.lte(now) },
      decodeCursor(cursor ?? undefined),
      BATCH,
      { content: false, photos: false },
      { field: 'nextCheckAt', dir: 'asc' },
    );
    for (const doc of page.items) {
      if (Date.now() >= until) return { examined, done }; // the rest is still due: the next run takes it
      examined += 1;
      if (!doc.clock) continue;
      const due = dueStage(doc.clock, doc.policy, now, dir.calendar);
      const clock = { ...doc.clock, level: due?.level ?? doc.clock.level };
      const set: Partial<RequestDoc> = { clock, nextCheckAt: nextCheck(clock, doc.policy, dir.calendar), updatedAt: now };
      let events: AuditEvent[] = [];
      if (due) {
        events = [auditEvent(doc, due.stage, SYSTEM, now, { note: CHASE_NOTES[due.stage] })];
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
