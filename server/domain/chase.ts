/**
 * The chase (S4.1 件件有答复): for the deadline that binds a request now, the moments to remind the
 * handler (at `remindAt` of the time), 催办 at the deadline, 督办 a working day after, 通报 after
 * `noticeAfter` overdue working days. Pure: the timer asks what is due and writes it down.
 */
import type { Calendar } from './calendar';

const CHASE_STAGES = ['remind', 'urge', 'supervise', 'notice'] as const;
export type ChaseStage = (typeof CHASE_STAGES)[number];

/** The chase of one clock: when it started, when it runs out, how far the chase has gone (0 = not yet). */
export interface Clock {
  start: number;
  due: number;
  level: number;
}

export interface ChasePolicy {
  remindAt: number;
  noticeAfter: number;
}

/** When each stage falls due, in order. */
function stageTimes(clock: Pick<Clock, 'start' | 'due'>, p: ChasePolicy, cal: Calendar): number[] {
  const span = Math.max(0, clock.due - clock.start);
  return [
    clock.start + Math.floor(span * p.remindAt),
    clock.due,
    cal.deadline(clock.due, { unit: 'workingDays', n: 1 }),
    cal.deadline(clock.due, { unit: 'workingDays', n: Math.max(1, p.noticeAfter) }),
  ];
}

/** The next moment the timer must look at this clock, or null when the chase is over. */
export function nextCheck(clock: Clock, p: ChasePolicy, cal: Calendar): number | null {
  return stageTimes(clock, p, cal)[clock.level] ?? null;
}

/**
 * The stage to record now: the furthest one already due beyond the clock's level (a timer that
 * was down does not send every missed reminder, only where things stand), or null.
 */
export function dueStage(clock: Clock, p: ChasePolicy, now: number, cal: Calendar): { stage: ChaseStage; level: number } | null {
  const times = stageTimes(clock, p, cal);
  let level = clock.level;
  while (level < times.length && times[level]! <= now) level += 1;
  return level > clock.level ? { stage: CHASE_STAGES[level - 1]!, level } : null;
}
