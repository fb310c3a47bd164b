/**
 * Stored-data migrations the timer runs before its jobs, in batches, each exactly once (a marker in
 * `settings` says it is done, so a finished migration costs one read a run).
 *
 * Ratings: 好差评 used to be stored as 1 = 非常满意 … 5 = 非常不满意; it is now stored the way every
 * rating scale and the national 政务服务好差评 data read it, 5 = 非常满意 … 1 = 非常不满意. A rating
 * written on the new scale carries `scale`; one without it is turned over (6 − score) in the
 * request's rating and its 评价 event. The counters need nothing: they count satisfied ratings.
 */
import { _, db, findMany, getById } from '../db';
import type { RequestDoc } from '../requests';
import { BATCH, type JobCtx, type StepResult } from './chase';

/** The marker of a rating stored as 5 = 非常满意. */
export const RATING_SCALE = '5=非常满意' as const;

interface MigrationsDoc {
  _id: 'migrations';
  ratingScale?: 'done';
}

const flip = (s: number): number => 6 - s;

export async function migrate({ now, until }: Pick<JobCtx, 'now' | 'until'>): Promise<StepResult> {
  const marker = await getById<MigrationsDoc>('settings', 'migrations');
  if (marker?.ratingScale === 'done') return { examined: 0, done: 0 };
  let examined = 0;
  let done = 0;
  for (;;) {
    const batch = await findMany<RequestDoc>(
      'requests',
      { rating: _.neq(null), 'rating.scale': _.exists(false) },
      { limit: BATCH, fields: { rating: true, events: true, version: true } },
    );
    for (const doc of batch) {
      examined += 1;
      const rating = { ...doc.rating!, score: flip(doc.rating!.score), scale: RATING_SCALE };
      const events = doc.events.map((e) => (e.type === 'rate' && e.score !== undefined ? { ...e, score: flip(e.score) } : e));
      // The same version, unchanged: a concurrent change wins and the next batch reads it again. No new
      // version, since no event is added (the version counts events).
      const res = (await db
        .collection('requests')
        .where({ _id: doc._id, version: doc.version, 'rating.scale': _.exists(false) })
        .update({ data: { rating, events, updatedAt: now } })) as { stats?: { updated?: number } };
      if (res.stats?.updated === 1) done += 1;
    }
    if (batch.length === 0) {
      await db
        .collection('settings')
        .doc('migrations')
        .set({ data: { ratingScale: 'done' } });
      return { examined, done };
    }
    if (Date.now() >= until) return { examined, done };
  }
}
