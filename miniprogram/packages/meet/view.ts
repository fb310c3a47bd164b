/** How the 约访 pages show a slot and a booking: when, in the county's time, as people say it. */
import type { BookingView, SlotView } from '../../../typings/index';
import { WEEKDAYS } from '../../shared/meet';
import { formatDeadline } from '../../utils/format';

const BEIJING_OFFSET = 8 * 3600 * 1000;
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "12月4日 周四 09:00–10:00" */
export function whenOf(s: Pick<SlotView, 'startAt' | 'endAt'>): string {
  const a = new Date(s.startAt + BEIJING_OFFSET);
  const b = new Date(s.endAt + BEIJING_OFFSET);
  return `${a.getUTCMonth() + 1}月${a.getUTCDate()}日 ${WEEKDAYS[a.getUTCDay()]} ${pad(a.getUTCHours())}:${pad(a.getUTCMinutes())}–${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

export type SlotRow = SlotView & { when: string };
export const slotRows = (slots: readonly SlotView[]): SlotRow[] => slots.map((s) => ({ ...s, when: whenOf(s) }));

export type BookingRow = BookingView & { when: string; proposedWhen: string; outcomeDue: string };
export const bookingRow = (b: BookingView): BookingRow => ({
  ...b,
  when: whenOf(b.slot),
  proposedWhen: b.proposal?.slot ? whenOf(b.proposal.slot) : '',
  outcomeDue: b.outcome ? formatDeadline(b.outcome.dueAt) : '',
});
