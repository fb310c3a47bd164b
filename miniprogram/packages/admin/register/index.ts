/**
 * 信访登记 (admin): registers a letter or visit (件件有登记) with the date it was received (the
 * routing clock starts then). It goes to a chosen unit, to the unit the catalogue routes its place
 * to, or waits in the 派单台. The clientId is made once per form, so a retry never registers twice.
 */
import type { RegisterInput, RequestCategory, UnitView } from '../../../../typings/index';
import { PETITION_SOURCES, REQUEST_CATEGORIES } from '../../../shared/domain';
import { PHONE_PATTERN, PHONE_MESSAGE, TEXT, textProblem } from '../../../shared/limits';
import { registerPetition } from '../../../services/admin';
import { fetchUnits } from '../../../services/county';
import { newClientId } from '../../../utils/clientId';
import { formatDateTime } from '../../../utils/format';
import { showError, toast } from '../../../utils/feedback';
import { pickPlace, placeId, placePicker, type PlaceColumn } from '../../../utils/placePicker';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';
import { replacePage } from '../../../utils/navigate';

type Target = 'queue' | 'region' | 'unit';
const BEIJING_OFFSET = 8 * 3600 * 1000;

/** "2026-11-26" of this moment in Beijing. */
function today(): string {
  const d = new Date(Date.now() + BEIJING_OFFSET);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The moment a letter received on that day counts from: now for today, the day's start otherwise. */
function receivedAtOf(day: string): number {
  return day === today() ? Date.now() : Date.parse(`${day}T00:00:00+08:00`);
}

Page({
  data: {
    max: { content: TEXT.petitionContent.max, contactName: TEXT.petitionerName.max },
    categories: REQUEST_CATEGORIES,
    category: '' as RequestCategory | '',
    sources: PETITION_SOURCES,
    // Most items are letters (S4.1); a visit is one tap away.
    source: '来信' as RegisterInput['source'],
    receivedDay: '',
    maxDay: '',
    target: 'queue' as Target,
    // The one popup picks the unit too.
    picker: '' as PlaceColumn | 'unit',
    unitName: '',
    confidential: false,
    submitting: false,
  },
  clientId: '',
  content: '',
  contactName: '',
  contactPhone: '',
  behaviors: [placePicker],
  units: [] as UnitView[],
  unitId: '',
  onLoad() {
    this.clientId = newClientId();
    const day = today();
    this.setData({ receivedDay: day, maxDay: day });
  },
  onCategory(e: { detail: RequestCategory }) {
    this.setData({ category: e.detail });
  },
  onSource(e: { detail: RegisterInput['source'] }) {
    this.setData({ source: e.detail });
  },
  onContent(e: { detail: string }) {
    this.content = e.detail;
  },
  onDay(e: { detail: { value: string } }) {
    const day = String(e.detail.value);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    if (day > today()) return toast(this, '收信（来访）日期不能晚于今天');
    this.setData({ receivedDay: day });
  },
  onContactName(e: { detail: string }) {
    this.contactName = e.detail;
  },
  onContactPhone(e: { detail: string }) {
    this.contactPhone = e.detail;
  },
  onConfidential(e: { detail: boolean }) {
    this.setData({ confidential: e.detail });
  },
  onTarget(e: { detail: Target }) {
    this.setData({ target: e.detail });
  },
  async onPickUnit() {
    try {
      if (!this.units.length) this.units = await fetchUnits();
      this.setData({ picker: 'unit', pickerColumns: this.units.map((u) => u.name) });
    } catch (e) {
      showError(this, e);
    }
  },
  /** Replaces the place picker's own: the unit is picked in the same popup. */
  async onPicked(e: { detail: { index: number } }) {
    const which = this.data.picker;
    const i = e.detail.index;
    this.setData({ picker: '' });
    if (which !== 'unit') return pickPlace(this, which, i);
    const unit = this.units[i];
    if (!unit) return;
    this.unitId = unit.id;
    this.setData({ unitName: unit.name });
  },
  /** The input to send, or the first problem in the user's words. */
  input(): RegisterInput | string {
    const d = this.data;
    const content = this.content.trim();
    const name = this.contactName.trim();
    const phone = this.contactPhone.trim();
    if (!d.category) return '请选择信访事项类型';
    const contentProblem = textProblem(TEXT.petitionContent, content);
    if (contentProblem) return contentProblem;
    if (!d.receivedDay) return '请选择收信（来访）日期';
    const nameProblem = textProblem(TEXT.petitionerName, name);
    if (nameProblem) return nameProblem;
    if (phone && !PHONE_PATTERN.test(phone)) return PHONE_MESSAGE;
    const regionId = placeId(this);
    if (d.target === 'region' && !regionId) return '请选择信访人所在的村（社区）';
    if (d.target === 'unit' && !this.unitId) return '请选择转送单位';
    return {
      clientId: this.clientId,
      source: d.source,
      category: d.category,
      content,
      receivedAt: receivedAtOf(d.receivedDay),
      contactName: name,
      ...(phone ? { contactPhone: phone } : {}),
      ...(d.target === 'region' ? { regionId } : {}),
      ...(d.target === 'unit' ? { unitId: this.unitId } : {}),
      confidential: d.confidential,
    };
  },
  async onRegister() {
    if (this.data.submitting) return;
    const input = this.input();
    if (typeof input === 'string') return toast(this, input);
    this.setData({ submitting: true });
    try {
      const res = await registerPetition(input);
      this.setData({ submitting: false });
      const where = res.status === 'assigned' ? '已转送承办单位' : '已进入派单台，等待派单';
      await Dialog.alert({
        context: this,
        title: res.duplicate ? '这件信访已经登记过' : '登记成功',
        // The 受理告知 for the petitioner: its claim code (the 小程序码 is printed from the item's page).
        message: `登记编号：${res.no}\n${where}\n办理时限：${formatDateTime(res.dueAt)}\n认领码：${res.claimCode}（请写入受理告知交给信访人）`,
        confirmButtonText: '查看',
      }).catch(() => undefined);
      replacePage(`/packages/cadre/handle/index?id=${res.id}`);
    } catch (e) {
      // The same clientId on the next try: a registration that did reach the server is not made twice.
      this.setData({ submitting: false });
      showError(this, e);
    }
  },
});
