/**
 * The day-before reminder of a 约访 (S4.4): each booking whose reminder is due goes into the outbox
 * once (the entry's _id is the booking's), so the send step pushes it as a subscription message and
 * it is the resident's message in 消息 either way.
 */
import { _, db, findMany, insert } from '../db';
import { formatDue } from '../domain/calendar';
import { slotsOf, type BookingDoc, type SlotDoc } from '../appointments';
import { unsent } from './outbox';
import { BATCH, type StepResult } from './chase';

/** Where the resident reads their bookings. */
const BOOKINGS_PAGE = 'packages/meet/mine/index';

export async function remindMeetings({ now, until }: { now: number; until: number }): Promise<StepResult> {
  let examined = 0;
  let done = 0;
  for (;;) {
    const due = await findMany<BookingDoc>(
      'meet_bookings',
      { reminded: false, remindAt: _.lte(now) },
      { orderBy: [['remindAt', 'asc']], limit: BATCH, fields: { events: false } },
    );
    const slots = await slotsOf(due);
    for (const b of due) {
      examined += 1;
      const s: SlotDoc | undefined = slots.get(b.slotId);
      if (s && (b.status === 'booked' || b.status === 'confirmed') && s.startAt > now) {
        const entry = {
          requestId: b._id,
          to: b.residentId,
          template: 'progress' as const,
          page: BOOKINGS_PAGE,
          // progress: [number, state, title, time] — the meeting's day, 明日约访, who and where, when
          values: [formatDue(s.startAt).slice(0, 11), '明日约访提醒', `${s.leaderName} ${s.place}`, s.startAt],
          ...unsent(now),
        };
        // Written before the booking is marked: a crash between the two finds the entry there and adds none.
        await insert('notifications', { _id: `meet-remind-${b._id}`, ...entry }).catch(() => undefined);
      }
      await db
        .collection('meet_bookings')
        .where({ _id: b._id, reminded: false })
        .update({ data: { reminded: true } });
      done += 1;
    }
    if (due.length < BATCH || Date.now() >= until) return { examined, done };
  }
}
