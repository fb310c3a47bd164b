/**
 * 记录走访、住村: the fastest path is a tap on a contact point (its name becomes the place), the
 * 事由 typed, 保存 — today's date, no retinue, no households already filled in. Photos and a
 * request gathered on the visit are optional; the request enters the normal request flow.
 */
import type { ContactPointView, GatheredRequest, VisitInput } from '../../../../typings/index';
import { DUTY_TEXT } from '../../../shared/duties';
import { PHONE_MESSAGE, PHONE_PATTERN, TEXT, textProblem } from '../../../shared/limits';
import { INTENTS } from '../../../shared/domain';
import { fetchDutyHome, recordDutyVisit } from '../../../services/duty';
import { addPhoto, photosUploading, removePhoto, uploadedPhotos, type PhotoItem } from '../../../utils/photos';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { placeId, placePicker } from '../../../utils/placePicker';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';
import { countyToday } from '../view';

Page({
  behaviors: [placePicker],
  data: {
    loading: true,
    error: '',
    kind: 'visit' as 'visit' | 'stay',
    today: '',
    start: '',
    end: '',
    points: [] as ContactPointView[],
    pointId: '',
    place: '',
    households: '0',
    retinue: '0',
    fileList: [] as PhotoItem[],
    intents: INTENTS,
    intent: '',
    saving: false,
    max: { place: DUTY_TEXT.place.max, purpose: DUTY_TEXT.purpose.max, met: DUTY_TEXT.met.max, content: TEXT.content.max },
  },
  // Not rendered: the form's own id (a retry is the same record) and what was typed.
  clientId: '',
  purpose: '',
  met: '',
  content: '',
  contactPhone: '',
  async onLoad() {
    this.clientId = newClientId();
    const today = countyToday();
    this.setData({ today, start: today, end: today });
    try {
      const home = await fetchDutyHome();
      this.setData({ loading: false, points: home.points });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onKind(e: { detail: 'visit' | 'stay' }) {
    this.setData({ kind: e.detail });
  },
  onPoint(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const p = this.data.points.find((x) => x.id === e.currentTarget.dataset.id);
    if (!p) return;
    const same = this.data.pointId === p.id;
    this.setData({ pointId: same ? '' : p.id, place: same ? this.data.place : p.name });
  },
  onStart(e: { detail: { value: string } }) {
    const start = e.detail.value;
    this.setData({ start, end: this.data.end < start ? start : this.data.end });
  },
  onEnd(e: { detail: { value: string } }) {
    this.setData({ end: e.detail.value });
  },
  onPlace(e: { detail: string }) {
    this.setData({ place: e.detail });
  },
  onPurpose(e: { detail: string }) {
    this.purpose = e.detail;
  },
  onMet(e: { detail: string }) {
    this.met = e.detail;
  },
  onHouseholds(e: { detail: string }) {
    this.setData({ households: e.detail });
  },
  onRetinue(e: { detail: string }) {
    this.setData({ retinue: e.detail });
  },
  onIntent(e: { detail: string }) {
    this.setData({ intent: e.detail });
  },
  onContent(e: { detail: string }) {
    this.content = e.detail;
  },
  onContactPhone(e: { detail: string }) {
    this.contactPhone = e.detail;
  },
  onPhotoRead(e: { detail: { file: { url?: string; tempFilePath?: string } } }) {
    return addPhoto(this, e);
  },
  onPhotoDelete(e: { detail: { index: number } }) {
    removePhoto(this, e.detail.index);
  },

  /** The request gathered on the visit, or null; a problem with it as a message. */
  gathered(): GatheredRequest | string | null {
    if (!this.data.intent && !this.content.trim()) return null;
    const intent = INTENTS.find((i) => i.key === this.data.intent);
    if (!intent) return '请选择群众想要办的事';
    const problem = textProblem(TEXT.content, this.content);
    if (problem) return problem;
    const phone = this.contactPhone.trim();
    if (phone && !PHONE_PATTERN.test(phone)) return PHONE_MESSAGE;
    return { category: intent.category, content: this.content.trim(), ...(phone ? { contactPhone: phone } : {}) };
  },
  async onSave() {
    const d = this.data;
    const households = Number(d.households || '0');
    const retinue = Number(d.retinue || '0');
    const g = this.gathered();
    const problem =
      textProblem(DUTY_TEXT.place, d.place) ??
      textProblem(DUTY_TEXT.purpose, this.purpose) ??
      (this.met.trim() ? textProblem(DUTY_TEXT.met, this.met) : null) ??
      (!Number.isInteger(households) || households < 0 ? '走访户数请填写整数' : null) ??
      (!Number.isInteger(retinue) || retinue < 0 ? '随行人数请填写整数' : null) ??
      (typeof g === 'string' ? g : null) ??
      (photosUploading(d.fileList) ? '照片还在上传，请稍等' : null);
    if (problem) {
      toast(this, problem);
      return;
    }
    const regionId = d.pointId ? '' : placeId(this);
    const photos = uploadedPhotos(d.fileList);
    const input: VisitInput = {
      clientId: this.clientId,
      kind: d.kind,
      start: d.start,
      end: d.end,
      ...(d.pointId ? { pointId: d.pointId } : {}),
      ...(regionId ? { regionId } : {}),
      place: d.place.trim(),
      purpose: this.purpose.trim(),
      ...(this.met.trim() ? { met: this.met.trim() } : {}),
      households,
      retinue,
      ...(photos.length ? { photos } : {}),
      ...(g && typeof g !== 'string' ? { requests: [g] } : {}),
    };
    this.setData({ saving: true });
    try {
      const r = await recordDutyVisit(input);
      this.setData({ saving: false });
      await Dialog.alert({
        context: this,
        title: '已保存',
        message: r.requests.length
          ? `已记入履职统计；带回的诉求已转交办理，编号${r.requests.map((x) => x.no).join('、')}`
          : '已记入履职统计',
      });
      wx.navigateBack({ fail: () => undefined });
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
