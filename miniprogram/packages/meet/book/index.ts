/**
 * 约访 (S4.4), the resident's side: the slots open for booking now (within each one's notice and
 * horizon, seats left); one chosen, the matter and how to reach me, booked once.
 */
import type { SlotView } from '../../../../typings/index';
import { MEET_TEXT } from '../../../shared/meet';
import { tooShort } from '../../../shared/limits';
import { bookSlot, fetchSlots } from '../../../services/meet';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { replacePage } from '../../../utils/navigate';
import { largeTypeData } from '../../../utils/largeType';
import { slotRows, type SlotRow } from '../view';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';

Page({
  data: { loading: true, error: '', slots: [] as SlotRow[], chosen: null as SlotRow | null, sending: false, autosize: { minHeight: 120 } },
  // Not rendered: the form's own id (a retry is the same booking) and what was typed.
  clientId: '',
  topic: '',
  contactName: '',
  contactPhone: '',
  onLoad() {
    this.setData(largeTypeData());
    this.clientId = newClientId();
    void this.load();
  },
  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const slots: SlotView[] = await fetchSlots();
      this.setData({ loading: false, slots: slotRows(slots) });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onChoose(e: { currentTarget: { dataset: { id: string } } }) {
    this.setData({ chosen: this.data.slots.find((s) => s.id === e.currentTarget.dataset.id) ?? null });
  },
  onTopic(e: { detail: string }) {
    this.topic = e.detail;
  },
  onContactName(e: { detail: string }) {
    this.contactName = e.detail;
  },
  onContactPhone(e: { detail: string }) {
    this.contactPhone = e.detail.trim();
  },
  async onBook() {
    const chosen = this.data.chosen;
    if (!chosen) return toast(this, '请先选择约访时段');
    if (this.topic.trim().length < MEET_TEXT.topic.min) return toast(this, tooShort(MEET_TEXT.topic));
    if (!this.contactName.trim()) return toast(this, tooShort(MEET_TEXT.contactName));
    if (this.contactPhone && !/^1\d{10}$/.test(this.contactPhone)) return toast(this, '请填写11位手机号码');
    this.setData({ sending: true });
    try {
      await bookSlot({
        clientId: this.clientId,
        slotId: chosen.id,
        topic: this.topic.trim(),
        contactName: this.contactName.trim(),
        ...(this.contactPhone ? { contactPhone: this.contactPhone } : {}),
      });
      this.setData({ sending: false });
      await Dialog.alert({
        context: this,
        title: '已预约',
        message: `${chosen.when}，${chosen.leaderName}，${chosen.place}。接访办公室确认后会通知您，约访前一天还会提醒您。`,
      });
      replacePage('/packages/meet/mine/index');
    } catch (e) {
      this.setData({ sending: false });
      showError(this, e);
      // A seat taken meanwhile: the list shows what is left.
      void this.load();
    }
  },
});
