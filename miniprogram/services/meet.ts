import type {
  BookInput,
  BookingView,
  OfficeBookingView,
  OpenSlotInput,
  ReceptionBoard,
  RecordOutcomeInput,
  RosterSetup,
  RosterView,
  SensitivePeriodView,
  SlotView,
} from '../../typings/index';
import { callCloud } from './cloud';

/** 今日接访 / 本周接访: the county's (or a card's unit and the county leaders'), and my own days if I receive. */
export const fetchBoard = (scene?: string): Promise<ReceptionBoard> => callCloud('meet', 'board', scene ? { scene } : {});

/** The rules, sensitive periods and scopes a roster can be made for (admin). */
export const fetchRosterSetup = (): Promise<RosterSetup> => callCloud('meet', 'rosterSetup', {});

export const addPeriod = (name: string, from: string, to: string): Promise<SensitivePeriodView[]> =>
  callCloud('meet', 'setPeriod', { name, from, to });

export const removePeriod = (periodId: string): Promise<SensitivePeriodView[]> => callCloud('meet', 'removePeriod', { periodId });

export const generateRoster = (scope: string, month: string): Promise<RosterView> => callCloud('meet', 'generate', { scope, month });

export const fetchRoster = (scope: string, month: string): Promise<RosterView> => callCloud('meet', 'roster', { scope, month });

export const swapLeader = (r: RosterView, date: string, leaderKey: string): Promise<RosterView> =>
  callCloud('meet', 'swap', { rosterId: r.id, version: r.version, date, leaderKey });

export const publishRoster = (r: RosterView): Promise<RosterView> => callCloud('meet', 'publish', { rosterId: r.id, version: r.version });

// ---------------------------------------------------------------- 约访 (S4.4)

/** Slots I can book now. */
export const fetchSlots = (): Promise<SlotView[]> => callCloud('meet', 'slots', {});

export const bookSlot = (input: BookInput): Promise<BookingView & { duplicate: boolean }> => callCloud('meet', 'book', input);

/** My own bookings, newest first. */
export const fetchMyBookings = (): Promise<BookingView[]> => callCloud('meet', 'myBookings', {});

export const cancelBooking = (b: Pick<BookingView, 'id' | 'version'>): Promise<BookingView> =>
  callCloud('meet', 'cancel', { bookingId: b.id, version: b.version });

export const rescheduleBooking = (b: Pick<BookingView, 'id' | 'version'>, slotId: string): Promise<BookingView> =>
  callCloud('meet', 'reschedule', { bookingId: b.id, version: b.version, slotId });

/** Checks in my booking at the venue whose code I scanned. */
export const checkIn = (scene: string): Promise<BookingView> => callCloud('meet', 'checkIn', { scene });

/** The leader's (or the office's) slots ahead, each with who booked. */
export const fetchDesk = (): Promise<{ slots: (SlotView & { bookings: OfficeBookingView[] })[] }> => callCloud('meet', 'desk', {});

export const openSlot = (input: OpenSlotInput): Promise<SlotView> => callCloud('meet', 'openSlot', input);

export const confirmBooking = (b: Pick<BookingView, 'id' | 'version'>): Promise<OfficeBookingView> =>
  callCloud('meet', 'confirm', { bookingId: b.id, version: b.version });

export const proposeSlot = (b: Pick<BookingView, 'id' | 'version'>, slotId: string, note: string): Promise<OfficeBookingView> =>
  callCloud('meet', 'propose', { bookingId: b.id, version: b.version, slotId, note });

export const markNoShow = (b: Pick<BookingView, 'id' | 'version'>): Promise<OfficeBookingView> =>
  callCloud('meet', 'noShow', { bookingId: b.id, version: b.version });

/** The venue's check-in 小程序码 (a PNG data URL) to print. */
export const fetchVenueCode = (slotId: string): Promise<{ image: string; scene: string }> => callCloud('meet', 'venueCode', { slotId });

export const recordOutcome = (input: RecordOutcomeInput): Promise<OfficeBookingView> => callCloud('meet', 'recordOutcome', input);
