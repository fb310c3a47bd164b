/**
 * 我的约访: my bookings, only mine — cancel before the cut-off, take the time the office proposed,
 * check in by scanning the venue's code, and the tracked request a leader's 纪要 made.
 */
import type { BookingView } from '../../../../typings/index';
import { cancelBooking, checkIn, fetchMyBookings, rescheduleBooking } from '../../../services/meet';
import { confirmAction, errorMessage, isConflict, showError, toastSuccess } from '../../../utils/feedback';
import { openPage } from '../../../utils/navigate';
import { scanScene } from '../../../utils/scene';
import { largeTypeData } from '../../../utils/largeType';
import { bookingRow, type BookingRow } from '../view';

Page({
  data: { loading: true, error: '', bookings: [] as BookingRow[] },
  onLoad() {
    this.setData(largeTypeData());
  },
  onShow() {
    void this.load();
  },
  async load() {
    try {
      const mine: BookingView[] = await fetchMyBookings();
      this.setData({ loading: false, error: '', bookings: mine.map(bookingRow) });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  booking(e: { currentTarget: { dataset: { id: string } } }): BookingRow | undefined {
    return this.data.bookings.find((b) => b.id === e.currentTarget.dataset.id);
  },
  async onCancel(e: { currentTarget: { dataset: { id: string } } }) {
    const b = this.booking(e);
    if (!b || !(await confirmAction(this, '取消约访', `取消${b.when}的约访？`, '取消约访'))) return;
    try {
      await cancelBooking(b);
      toastSuccess(this, '已取消');
    } catch (err) {
      showError(this, err);
    }
    await this.load();
  },
  async onAcceptProposal(e: { currentTarget: { dataset: { id: string } } }) {
    const b = this.booking(e);
    if (!b?.proposal?.slot) return;
    try {
      await rescheduleBooking(b, b.proposal.slot.id);
      toastSuccess(this, '已改到建议的时间');
    } catch (err) {
      showError(this, err);
    }
    await this.load();
  },
  onScan() {
    scanScene(this, '这不是接访地点的签到码，请对准签到码重新扫描', (scene) => void this.checkInAt(scene));
  },
  async checkInAt(scene: string) {
    try {
      const b = await checkIn(scene);
      toastSuccess(this, `签到成功：${b.slot.leaderName}`);
    } catch (err) {
      if (isConflict(err)) await this.load();
      showError(this, err);
    }
    await this.load();
  },
  onRequest(e: { currentTarget: { dataset: { request: string } } }) {
    openPage(`/packages/request/detail/index?id=${e.currentTarget.dataset.request}`);
  },
  onBook() {
    openPage('/packages/meet/book/index');
  },
});
