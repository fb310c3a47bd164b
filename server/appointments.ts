/**
 * 约访 (S4.4): a leader's (or their office's) slots and the residents' bookings — the documents,
 * the booking rules (notice, horizon, capacity, cancellation cut-off: the slot carries them, the
 * county's defaults are data), who may act for the office, and how each party sees a booking. A
 * resident sees only their own; the office sees the resident's name and phone masked.
 */
import { createHash } from 'crypto';
import type { BookingView, OfficeBookingView, SlotView } from '../typings';
import { BOOKING_STATUS_LABELS, type BookingStatus } from '../miniprogram/shared/meet';
import type { Caller } from './caller';
import { _, findMany, getById } from './db';
import { AppError } from './errors';
import { countyTime } from './domain/calendar';
import { maskName, maskPhone } from './domain/privacy';

/** The county's booking rules (`settings/meetBooking`), used when a slot names none of its own. */
export interface BookingRules {
  _id: 'meetBooking';
  minNoticeHours: number;
  horizonDays: number;
  cancelHours: number;
  capacity: number;
}
const DEFAULT_RULES: BookingRules = { _id: 'meetBooking', minNoticeHours: 24, horizonDays: 30, cancelHours: 12, capacity: 5 };
export const bookingRules = async (): Promise<BookingRules> => (await getById<BookingRules>('settings', 'meetBooking')) ?? DEFAULT_RULES;

/** A slot (`meet_slots`): a leader receives by appointment at a place and time. */
export interface SlotDoc {
  _id: string;
  clientId: string;
  leaderId: string;
  leaderName: string;
  /** The leader's unit, whose cadres act as the office; null for a county leader (the 信访局 does). */
  unitId: string | null;
  unitName: string;
  place: string;
  /** The venue's check-in code scene, derived from the place: one printed code per venue. */
  venueScene: string;
  startAt: number;
  endAt: number;
  capacity: number;
  booked: number;
  minNoticeHours: number;
  horizonDays: number;
  cancelHours: number;
  status: 'open' | 'closed';
  /** The published reception day it was opened from, if any. */
  dayId?: string;
  version: number;
  createdAt: number;
}

export interface BookingEvent {
  seq: number;
  type: 'book' | 'cancel' | 'reschedule' | 'confirm' | 'propose' | 'checkIn' | 'record' | 'noShow';
  at: number;
  actorId: string;
  note: string | null;
}

/** A booking (`meet_bookings`, _id from the resident and the slot: one per person and slot). */
export interface BookingDoc {
  _id: string;
  clientId: string;
  slotId: string;
  residentId: string;
  leaderId: string;
  unitId: string | null;
  topic: string;
  contactName: string;
  contactPhone: string | null;
  /** One of the resident's own requests the meeting is about. */
  requestId: string | null;
  status: BookingStatus;
  /** The day-before reminder: when it is due, and whether the outbox has it. */
  remindAt: number;
  reminded: boolean;
  proposal: { slotId: string; note: string } | null;
  outcome: { requestId: string; requestNo: string; unitName: string; dueAt: number; created: boolean } | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  events: BookingEvent[];
}

/** Bookings that hold a seat. */
export const ACTIVE: readonly BookingStatus[] = ['booked', 'confirmed', 'proposed', 'checkedIn'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const bookingId = (openid: string, slotId: string): string =>
  createHash('sha256').update(`booking:${openid}:${slotId}`).digest('hex').slice(0, 24);
export const venueSceneOf = (place: string): string =>
  `v-${createHash('sha256')
    .update(`venue:${place.replace(/\s+/g, '')}`)
    .digest('hex')
    .slice(0, 14)}`;

/** 09:00 of the county day before the meeting: the reminder goes out then (at once if booked later). */
export function remindAtOf(startAt: number): number {
  const day = countyTime(startAt).startOf('day').valueOf() - 8 * HOUR; // the county's midnight, as epoch ms
  return day - DAY + 9 * HOUR;
}

export const bookingEvent = (
  b: Pick<BookingDoc, 'events'>,
  type: BookingEvent['type'],
  actorId: string,
  at: number,
  note: string | null = null,
): BookingEvent => ({ seq: b.events.length + 1, type, at, actorId, note });

/** Whether a slot may be booked now, else the rule it breaks. */
export function bookingRefusal(s: SlotDoc, now: number): string | null {
  if (s.status !== 'open') return '这个时段已停止预约';
  if (s.startAt - now < s.minNoticeHours * HOUR) return `约访请至少提前${s.minNoticeHours}小时预约`;
  if (s.startAt - now > s.horizonDays * DAY) return `只能预约${s.horizonDays}天以内的约访`;
  if (s.booked >= s.capacity) return '这个时段已约满，请选择其他时段';
  return null;
}

/** Whether the resident may still cancel or move a booking (the cut-off before the meeting). */
export const cancelRefusal = (s: SlotDoc, b: BookingDoc, now: number): string | null =>
  b.status === 'proposed' || s.startAt - now >= s.cancelHours * HOUR
    ? null
    : `约访开始前${s.cancelHours}小时内不能再取消或改期，请直接联系接访单位`;

/** The slot's leader, their unit's cadres (the office), or the 信访局 (admin). */
export function actsForOffice(caller: Caller, s: Pick<SlotDoc, 'leaderId' | 'unitId'>): boolean {
  if (caller.openid === s.leaderId || caller.roles.includes('admin')) return true;
  return caller.roles.includes('cadre') && s.unitId !== null && caller.unitId === s.unitId;
}

export async function loadSlot(id: string): Promise<SlotDoc> {
  const s = await getById<SlotDoc>('meet_slots', id);
  if (!s) throw new AppError('NOT_FOUND', '没有找到这个约访时段');
  return s;
}

/** A booking the caller may see: the resident's own, or the office's; anyone else hears it does not exist. */
export async function visibleBooking(caller: Caller, id: string): Promise<{ b: BookingDoc; s: SlotDoc; office: boolean }> {
  const b = await getById<BookingDoc>('meet_bookings', id);
  const s = b ? await getById<SlotDoc>('meet_slots', b.slotId) : null;
  if (!b || !s) throw new AppError('NOT_FOUND', '没有找到这个约访，或者您无权查看');
  const office = actsForOffice(caller, s);
  if (b.residentId !== caller.openid && !office) throw new AppError('NOT_FOUND', '没有找到这个约访，或者您无权查看');
  return { b, s, office };
}

export const slotView = (s: SlotDoc): SlotView => ({
  id: s._id,
  leaderName: s.leaderName,
  unitName: s.unitName,
  place: s.place,
  startAt: s.startAt,
  endAt: s.endAt,
  capacity: s.capacity,
  left: Math.max(0, s.capacity - s.booked),
  minNoticeHours: s.minNoticeHours,
  horizonDays: s.horizonDays,
  cancelHours: s.cancelHours,
  open: s.status === 'open',
});

/** The slots of some bookings (and of their proposals), in one read. */
export async function slotsOf(bookings: readonly BookingDoc[]): Promise<Map<string, SlotDoc>> {
  const ids = [...new Set(bookings.flatMap((b) => [b.slotId, ...(b.proposal ? [b.proposal.slotId] : [])]))];
  if (!ids.length) return new Map();
  const slots = await findMany<SlotDoc>('meet_slots', { _id: _.in(ids) }, { limit: ids.length });
  return new Map(slots.map((s) => [s._id, s]));
}

export function bookingView(b: BookingDoc, slots: Map<string, SlotDoc>, now: number): BookingView {
  const s = slots.get(b.slotId)!;
  const proposed = b.proposal ? slots.get(b.proposal.slotId) : undefined;
  const active = b.status === 'booked' || b.status === 'confirmed' || b.status === 'proposed';
  return {
    id: b._id,
    version: b.version,
    slot: slotView(s),
    topic: b.topic,
    requestId: b.requestId,
    status: b.status,
    statusLabel: BOOKING_STATUS_LABELS[b.status],
    proposal: b.proposal ? { note: b.proposal.note, slot: proposed ? slotView(proposed) : null } : null,
    outcome: b.outcome
      ? { requestId: b.outcome.requestId, no: b.outcome.requestNo, unitName: b.outcome.unitName, dueAt: b.outcome.dueAt }
      : null,
    canCancel: active && cancelRefusal(s, b, now) === null,
    createdAt: b.createdAt,
  };
}

export const officeBookingView = (b: BookingDoc, slots: Map<string, SlotDoc>, now: number): OfficeBookingView => ({
  ...bookingView(b, slots, now),
  // Masked as every cadre sees a petitioner: the leader learns the rest in person.
  resident: { name: maskName(b.contactName), phone: b.contactPhone ? maskPhone(b.contactPhone) : '未留电话' },
});
