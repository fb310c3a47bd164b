/**
 * Per-caller limits (abuse): how many submissions, and how many other actions with typed text, one
 * person may make in an hour — numbers in `settings` (data). One counter document per person, kind
 * and hour, raised by a conditional update (one round trip); a call that is then refused for any
 * other reason gives its count back, so a refused call leaves nothing behind.
 */
import { AppError } from './errors';
import { _, db, insert } from './db';
import type { LimitSettings } from './directory';

export type LimitKind = 'submit' | 'text';

const HOUR = 3_600_000;
const MESSAGE: Record<LimitKind, string> = {
  submit: '您提交得太频繁了，请一小时后再试',
  text: '您操作得太频繁了，请一小时后再试',
};

interface CounterDoc {
  _id: string;
  n: number;
  hour: number;
}

const updated = (r: unknown): number => (r as { stats?: { updated?: number } } | undefined)?.stats?.updated ?? 0;

/** Takes one from the caller's allowance, or throws RATE_LIMITED; the answer gives it back. */
export async function takeAllowance(kind: LimitKind, openid: string, now: number, limits: LimitSettings): Promise<() => Promise<void>> {
  const max = limits[kind].perHour;
  const hour = Math.floor(now / HOUR);
  const id = `${kind}:${hour}:${openid}`;
  const bump = async (): Promise<boolean> =>
    updated(
      await db
        .collection('rate_limits')
        .where({ _id: id, n: _.lt(max) })
        .update({ data: { n: _.inc(1) } }),
    ) === 1;
  const giveBack = async (): Promise<void> => {
    await db
      .collection('rate_limits')
      .where({ _id: id, n: _.gt(0) })
      .update({ data: { n: _.inc(-1) } });
  };
  if (max < 1) throw new AppError('RATE_LIMITED', MESSAGE[kind]);
  // The hour's counter may be missing, made by a concurrent call, or removed again by a concurrent first call
  // that gave its allowance back (refused): each round tries the count, then making it.
  for (let round = 0; round < 3; round += 1) {
    if (await bump()) return giveBack;
    try {
      await insert<CounterDoc>('rate_limits', { _id: id, n: 1, hour });
      // The first of the hour made the document: giving back removes it, as if never called.
      return async () => {
        const res = (await db.collection('rate_limits').where({ _id: id, n: 1 }).remove()) as { stats?: { removed?: number } } | undefined;
        const gone = res?.stats?.removed ?? 0;
        if (gone !== 1) await giveBack();
      };
    } catch {
      // Someone made it first (a concurrent call): the count again.
    }
  }
  throw new AppError('RATE_LIMITED', MESSAGE[kind]);
}
