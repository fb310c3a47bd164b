/**
 * 约访工作台 (S4.4): a leader opens slots; the leader or the office (their unit's cadres, the 信访局
 * for county leaders) sees who booked, confirms or proposes another of the leader's slots, prints
 * the venue's check-in code, marks a no-show after the slot; the leader records the 接访事项纪要
 * (measures, responsible unit, working days), which becomes a tracked request.
 */
import type { OfficeBookingView, SlotDayView, SlotView } from '../../../../typings/index';
import { REQUEST_CATEGORIES } from '../../../shared/domain';
import { MEET_TEXT, OUTCOME_DAYS } from '../../../shared/meet';
import { tooShort } from '../../../shared/limits';
import { confirmBooking, fetchDesk, fetchVenueCode, markNoShow, openSlot, proposeSlot, recordOutcome } from '../../../services/meet';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { chosenUnit, clearUnit, unitPicker } from '../../../utils/unitPicker';
import { bookingRow, whenOf, type BookingRow } from '../view';
import { slotTimeOf } from '../leaders';
import { fetchSlotDays } from '../../../services/leaders';

type DeskSlot = SlotView & { when: string; bookings: (BookingRow & Pick<OfficeBookingView, 'resident'>)[] };

Page({
  behaviors: [unitPicker],
  data: {
    loading: true,
    error: '',
    slots: [] as DeskSlot[],
    code: '',
    codeSlot: '',
    /** The booking whose 纪要 is being written, or whose new time is being chosen. */
    recording: '',
    proposing: '',
    categories: REQUEST_CATEGORIES,
    category: '求助',
    /** Published reception days to open slots from; the one chosen fills the form. */
    days: [] as SlotDayView[],
    dayId: '',
    form: { place: '', date: '', time: '', minutes: '60' },
  },
  slotClientId: '',
  place: '',
  date: '',
  time: '',
  minutes: '60',
  capacity: '',
  summary: '',
  measures: '',
  days: '',
  onLoad() {
    this.slotClientId = newClientId();
    void this.load();
  },
  async load() {
    try {
      const [desk, days] = await Promise.all([fetchDesk(), fetchSlotDays()]);
      this.setData({
        loading: false,
        error: '',
        days,
        slots: desk.slots.map((s) => ({
          ...s,
          when: whenOf(s),
          bookings: s.bookings.map((b) => ({ ...bookingRow(b), resident: b.resident })),
        })),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  /** A reception day chosen (again: dropped): its place, date and hours fill the form; the slot is its leader's. */
  onDay(e: { currentTarget: { dataset: { id: string } } }) {
    const day = this.data.days.find((d) => d.id === e.currentTarget.dataset.id);
    if (!day || day.id === this.data.dayId) {
      this.setData({ dayId: '' });
      return;
    }
    const { time, minutes } = slotTimeOf(day.hours);
    this.place = day.place;
    this.date = day.date;
    this.time = time;
    this.minutes = String(minutes);
    this.setData({ dayId: day.id, form: { place: day.place, date: day.date, time, minutes: String(minutes) } });
  },
  onPlace(e: { detail: string }) {
    this.place = e.detail.trim();
  },
  onDate(e: { detail: string }) {
    this.date = e.detail.trim();
  },
  onTime(e: { detail: string }) {
    this.time = e.detail.trim();
  },
  onMinutes(e: { detail: string }) {
    this.minutes = e.detail.trim();
  },
  onCapacity(e: { detail: string }) {
    this.capacity = e.detail.trim();
  },
  async onOpenSlot() {
    if (this.place.length < MEET_TEXT.place.min) return toast(this, tooShort(MEET_TEXT.place));
    if (!/^20\d\d-\d\d-\d\d$/.test(this.date) || !/^\d\d:\d\d$/.test(this.time))
      return toast(this, '请按 2026-12-10 和 09:00 的格式填写日期和时间');
    const startAt = Date.parse(`${this.date}T${this.time}:00+08:00`);
    if (!Number.isFinite(startAt)) return toast(this, '日期或时间不正确');
    try {
      await openSlot({
        clientId: this.slotClientId,
        place: this.place,
        startAt,
        minutes: Number(this.minutes) || 60,
        ...(this.capacity ? { capacity: Number(this.capacity) } : {}),
        ...(this.data.dayId ? { dayId: this.data.dayId } : {}),
      });
      this.slotClientId = newClientId();
      toastSuccess(this, '已开放预约');
    } catch (e) {
      showError(this, e);
    }
    await this.load();
  },
  bookingOf(id: string): BookingRow | undefined {
    for (const s of this.data.slots) for (const b of s.bookings) if (b.id === id) return b;
    return undefined;
  },
  async act(id: string, run: (b: BookingRow) => Promise<unknown>, done: string) {
    const b = this.bookingOf(id);
    if (!b) return;
    try {
      await run(b);
      toastSuccess(this, done);
    } catch (e) {
      showError(this, e);
    }
    await this.load();
  },
  onConfirm(e: { currentTarget: { dataset: { id: string } } }) {
    void this.act(e.currentTarget.dataset.id, confirmBooking, '已确认');
  },
  onNoShow(e: { currentTarget: { dataset: { id: string } } }) {
    void this.act(e.currentTarget.dataset.id, markNoShow, '已标记未到场');
  },
  onPropose(e: { currentTarget: { dataset: { id: string } } }) {
    this.setData({ proposing: this.data.proposing === e.currentTarget.dataset.id ? '' : e.currentTarget.dataset.id });
  },
  onProposeSlot(e: { currentTarget: { dataset: { slot: string } } }) {
    const slotId = e.currentTarget.dataset.slot;
    void this.act(this.data.proposing, (b) => proposeSlot(b, slotId, '领导当天另有安排，建议改到这个时间'), '已建议改期，等群众选择');
    this.setData({ proposing: '' });
  },
  async onVenueCode(e: { currentTarget: { dataset: { slot: string } } }) {
    try {
      const code = await fetchVenueCode(e.currentTarget.dataset.slot);
      this.setData({ code: code.image, codeSlot: e.currentTarget.dataset.slot });
    } catch (err) {
      showError(this, err);
    }
  },
  onRecord(e: { currentTarget: { dataset: { id: string } } }) {
    this.summary = '';
    this.measures = '';
    this.days = '';
    clearUnit(this);
    this.setData({ recording: e.currentTarget.dataset.id });
  },
  onCategory(e: { currentTarget: { dataset: { category: string } } }) {
    this.setData({ category: e.currentTarget.dataset.category });
  },
  onSummary(e: { detail: string }) {
    this.summary = e.detail.trim();
  },
  onMeasures(e: { detail: string }) {
    this.measures = e.detail.trim();
  },
  onDays(e: { detail: string }) {
    this.days = e.detail.trim();
  },
  async onSaveOutcome() {
    if (this.summary.length < MEET_TEXT.summary.min) return toast(this, tooShort(MEET_TEXT.summary));
    if (this.measures.length < MEET_TEXT.measures.min) return toast(this, tooShort(MEET_TEXT.measures));
    const unit = chosenUnit(this);
    if (!unit) return toast(this, '请选择责任单位');
    const days = Number(this.days);
    if (!Number.isInteger(days) || days < OUTCOME_DAYS.min || days > OUTCOME_DAYS.max)
      return toast(this, `办理时限请填写${OUTCOME_DAYS.min}到${OUTCOME_DAYS.max}个工作日`);
    const id = this.data.recording;
    await this.act(
      id,
      (b) =>
        recordOutcome({
          bookingId: b.id,
          version: b.version,
          category: this.data.category as (typeof REQUEST_CATEGORIES)[number],
          summary: this.summary,
          measures: this.measures,
          unitId: unit.id,
          days,
        }),
      '纪要已保存，已交责任单位办理',
    );
    this.setData({ recording: '' });
  },
});
