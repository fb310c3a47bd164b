/**
 * 反映诉求: the form. With a card's scene the request goes to that unit; without, the resident
 * picks town and village. What they want is asked in words (问个事 / 请帮忙 / 反映问题), preset
 * when the card page already asked; contact is one tap on WeChat's own phone button. The clientId
 * is made once per form, so a retry never duplicates. Problems show under their field until fixed.
 */
import type { SubmitInput, Urgency } from '../../../../typings/index';
import { COMPLAINT_CHOICES, INTENTS, type IntentKey } from '../../../shared/domain';
import { TEXT } from '../../../shared/limits';
import { submitRequest } from '../../../services/request';
import { addPhoto, photosUploading, removePhoto, uploadedPhotos, type PhotoItem } from '../../../utils/photos';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { pickPlace, placeId, placePicker, villageMissing } from '../../../utils/placePicker';
import { preloadMe } from '../../../utils/subscribe';
import { validateSubmit, type SubmitErrors, type SubmitField } from './validate';
import { replacePage } from '../../../utils/navigate';
import { largeTypeData } from '../../../utils/largeType';
import { startVoice, stopVoice, type VoiceState } from '../../../utils/voice';

/** How the resident may be called back: not at all, the number WeChat knows (one tap), or one they type. */
type Contact = 'none' | 'wechat' | 'typed';

const intentOf = (key: string | undefined): IntentKey | '' => INTENTS.find((i) => i.key === key)?.key ?? '';

Page({
  data: {
    max: { content: TEXT.content.max, contactName: TEXT.contactName.max },
    scene: '',
    intents: INTENTS.map(({ key, label }) => ({ key, label })),
    intent: '' as IntentKey | '',
    // A 投诉 through a card: to the unit (it handles it), or about the unit (its supervisor does). Asked in plain words.
    complaintChoices: COMPLAINT_CHOICES.map((c) => ({ name: c.aboutUnit ? 'about' : 'to', label: c.label, hint: c.hint })),
    complaint: '' as '' | 'to' | 'about',
    urgency: 'normal' as Urgency,
    confidential: false,
    contact: 'none' as Contact,
    fileList: [] as PhotoItem[],
    submitting: false,
    errors: {} as SubmitErrors,
    autosize: { minHeight: 160 },
    // 说话输入: what the box shows after the words were heard, the recorder's state, its problem.
    contentValue: '',
    voice: 'idle' as VoiceState,
    voiceError: '',
  },
  // Not rendered: the form's own id, what was typed, and the phone button's one-time code.
  clientId: '',
  content: '',
  contactName: '',
  contactPhone: '',
  phoneCode: '',
  behaviors: [placePicker],

  onLoad(options: Record<string, string | undefined>) {
    this.setData(largeTypeData());
    this.clientId = newClientId();
    preloadMe();
    const intent = intentOf(options.intent);
    // 反映问题 from a card chooses nothing for the resident: to the unit, or about it, they say which.
    const complaint = options.about === '1' ? 'about' : '';
    this.setData({ ...(options.scene ? { scene: decodeURIComponent(options.scene) } : {}), intent, complaint });
  },

  onIntent(e: { detail: IntentKey }) {
    this.setData({ intent: e.detail, complaint: e.detail === 'report' ? this.data.complaint : '' });
    this.recheck('category');
  },
  onComplaint(e: { detail: 'to' | 'about' }) {
    this.setData({ complaint: e.detail });
    this.recheck('complaint');
  },
  onUrgent(e: { detail: boolean }) {
    this.setData({ urgency: e.detail ? 'urgent' : 'normal' });
  },
  onContent(e: { detail: string }) {
    this.content = e.detail;
    this.recheck('content');
  },
  onVoice() {
    if (this.data.voice === 'recording') return stopVoice();
    if (this.data.voice === 'idle') startVoice(this);
  },
  showVoice(voice: VoiceState, voiceError: string) {
    this.setData({ voice, voiceError });
  },
  /** The words heard, after what was typed (the resident can still correct them by typing). */
  heard(text: string) {
    const typed = this.content.trim();
    this.content = typed ? `${typed}${/[。！？.!?]$/.test(typed) ? '' : '，'}${text}` : text;
    this.setData({ contentValue: this.content });
    this.recheck('content');
  },
  onConfidential(e: { detail: boolean }) {
    this.setData({ confidential: e.detail });
  },
  /** WeChat's phone button answered: a code to exchange in the function, or a refusal (then the resident may type one). */
  onPhoneNumber(e: { detail: { code?: string; errMsg?: string } }) {
    if (e.detail.code) {
      this.phoneCode = e.detail.code;
      this.setData({ contact: 'wechat' });
      this.recheck('contactPhone');
    } else {
      this.setData({ contact: 'typed' });
    }
  },
  onTypePhone() {
    this.phoneCode = '';
    this.setData({ contact: 'typed' });
  },
  onNoContact() {
    this.phoneCode = '';
    this.setData({ contact: 'none' });
    this.recheck('contactPhone');
  },
  onContactName(e: { detail: string }) {
    this.contactName = e.detail;
    this.recheck('contactName');
  },
  onContactPhone(e: { detail: string }) {
    this.contactPhone = e.detail;
    this.recheck('contactPhone');
  },

  onPhotoRead(e: { detail: { file: { url?: string; tempFilePath?: string } } }) {
    return addPhoto(this, e);
  },
  onPhotoDelete(e: { detail: { index: number } }) {
    removePhoto(this, e.detail.index);
  },
  /** The place picker's choice (the behavior's own, then the place's problem is checked again). */
  async onPicked(e: { detail: { index: number } }) {
    const which = (this.data as unknown as { picker: string }).picker; // the place picker behavior's data
    this.setData({ picker: '' });
    await pickPlace(this, which, e.detail.index);
    this.recheck('place');
  },

  input(): SubmitInput {
    const d = this.data;
    const photos = uploadedPhotos(d.fileList);
    const regionId = placeId(this);
    const category = INTENTS.find((i) => i.key === d.intent)?.category;
    const name = this.contactName.trim();
    return {
      clientId: this.clientId,
      category: category as SubmitInput['category'],
      content: this.content.trim(),
      ...(photos.length ? { photos } : {}),
      ...(d.scene ? { scene: d.scene } : regionId ? { regionId } : {}),
      urgency: d.urgency,
      ...(d.scene && category === '投诉' && d.complaint ? { aboutUnit: d.complaint === 'about' } : {}),
      confidential: d.confidential,
      mayContact: d.contact !== 'none',
      ...(d.contact !== 'none' && name ? { contactName: name } : {}),
      ...(d.contact === 'wechat' ? { phoneCode: this.phoneCode } : {}),
      ...(d.contact === 'typed' ? { contactPhone: this.contactPhone.trim() } : {}),
    };
  },

  /** A field that shows a problem is checked again as it changes; its message goes once it is fixed. */
  recheck(field: SubmitField) {
    if (!this.data.errors[field]) return;
    const now = validateSubmit(this.input(), villageMissing(this))[field] ?? '';
    if (now !== this.data.errors[field]) this.setData({ [`errors.${field}`]: now });
  },

  async onSend() {
    if (this.data.submitting) return;
    if (photosUploading(this.data.fileList)) {
      toast(this, '照片还在上传，请稍候再提交');
      return;
    }
    const input = this.input();
    const errors = validateSubmit(input, villageMissing(this));
    this.setData({ errors });
    if (Object.keys(errors).length) {
      toast(this, '还有没填好的地方，请看红字提示');
      return;
    }
    this.setData({ submitting: true });
    try {
      const res = await submitRequest(input);
      this.setData({ submitting: false });
      // The detail page says what happens next and offers the subscription, now that nothing is in the way.
      replacePage(`/packages/request/detail/index?id=${res.id}&fresh=1`);
    } catch (e) {
      // Same clientId on the next try: if this one did reach the server, no second request is made.
      this.setData({ submitting: false });
      const message = errorMessage(e);
      if (this.data.contact === 'wechat' && message.includes('手机号')) {
        // The phone code was stale or used: one more tap on the phone button gets a fresh one.
        this.phoneCode = '';
        this.setData({ contact: 'none', 'errors.contactPhone': message });
      }
      showError(this, e);
    }
  },
});
