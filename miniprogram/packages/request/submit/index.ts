/**
 * 反映诉求: the form. With a card's scene the request goes to that unit; without, the resident
 * picks town and village. The clientId is made once per form, so a retry never duplicates.
 */
import type { IAppOption, RequestCategory, SubmitInput, Urgency } from '../../../../typings/index';
import { COMPLAINT_CHOICES, REQUEST_CATEGORIES } from '../../../shared/domain';
import { MAX_PHOTOS, TEXT } from '../../../shared/limits';
import { submitRequest } from '../../../services/request';
import { uploadPhoto } from '../../../services/storage';
import { newClientId } from '../../../utils/clientId';
import { formatDateTime } from '../../../utils/format';
import { showError, toast } from '../../../utils/feedback';
import { placeId, placePicker, villageMissing } from '../../../utils/placePicker';
import { askSubscriptions, preloadMe } from '../../../utils/subscribe';
import { validateSubmit } from './validate';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';
import { replacePage } from '../../../utils/navigate';

interface Photo {
  url: string;
  status: 'uploading' | 'done' | 'failed';
  message?: string;
  fileID?: string;
}

Page({
  data: {
    max: { content: TEXT.content.max, contactName: TEXT.contactName.max },
    scene: '',
    categories: REQUEST_CATEGORIES,
    category: '' as RequestCategory | '',
    // A 投诉 through a card: to the unit (it handles it), or about the unit (its supervisor does). Asked in plain words.
    complaintChoices: COMPLAINT_CHOICES.map((c) => ({ name: c.aboutUnit ? 'about' : 'to', label: c.label })),
    complaint: '' as '' | 'to' | 'about',
    urgency: 'normal' as Urgency,
    confidential: false,
    mayContact: false,
    fileList: [] as Photo[],
    submitting: false,
    autosize: { minHeight: 160 },
  },
  // Not rendered: the form's own id and what was typed.
  clientId: '',
  content: '',
  contactName: '',
  contactPhone: '',
  behaviors: [placePicker],

  onLoad(options: Record<string, string | undefined>) {
    this.clientId = newClientId();
    preloadMe();
    if (options.scene) this.setData({ scene: decodeURIComponent(options.scene) });
  },

  onCategory(e: { detail: RequestCategory }) {
    this.setData({ category: e.detail });
  },
  onComplaint(e: { detail: 'to' | 'about' }) {
    this.setData({ complaint: e.detail });
  },
  onUrgency(e: { detail: Urgency }) {
    this.setData({ urgency: e.detail });
  },
  onContent(e: { detail: string }) {
    this.content = e.detail;
  },
  onConfidential(e: { detail: boolean }) {
    this.setData({ confidential: e.detail });
  },
  onMayContact(e: { detail: boolean }) {
    this.setData({ mayContact: e.detail });
  },
  onContactName(e: { detail: string }) {
    this.contactName = e.detail;
  },
  onContactPhone(e: { detail: string }) {
    this.contactPhone = e.detail;
  },

  async onPhotoRead(e: { detail: { file: { url?: string; tempFilePath?: string } } }) {
    const url = e.detail.file.url ?? e.detail.file.tempFilePath ?? '';
    const index = this.data.fileList.length;
    if (!url || index >= MAX_PHOTOS) return;
    this.setData({ [`fileList[${index}]`]: { url, status: 'uploading', message: '上传中' } });
    try {
      // Into my own folder: a request takes photos from there only.
      const { photoFolder } = await getApp<IAppOption>().loadMe();
      const fileID = await uploadPhoto(url, photoFolder);
      this.setData({ [`fileList[${index}]`]: { url, status: 'done', fileID } });
    } catch (err) {
      this.setData({ [`fileList[${index}]`]: { url, status: 'failed', message: '上传失败' } });
      showError(this, err);
    }
  },
  onPhotoDelete(e: { detail: { index: number } }) {
    const fileList = this.data.fileList.filter((_, i) => i !== e.detail.index);
    this.setData({ fileList });
  },

  input(): SubmitInput {
    const d = this.data;
    const photos = d.fileList.filter((p) => p.status === 'done' && p.fileID).map((p) => p.fileID!);
    const regionId = placeId(this);
    return {
      clientId: this.clientId,
      category: d.category as RequestCategory,
      content: this.content.trim(),
      ...(photos.length ? { photos } : {}),
      ...(d.scene ? { scene: d.scene } : regionId ? { regionId } : {}),
      urgency: d.urgency,
      ...(d.scene && d.category === '投诉' && d.complaint ? { aboutUnit: d.complaint === 'about' } : {}),
      confidential: d.confidential,
      mayContact: d.mayContact,
      ...(d.mayContact ? { contactName: this.contactName.trim(), contactPhone: this.contactPhone.trim() } : {}),
    };
  },

  async onSend() {
    if (this.data.submitting) return;
    if (this.data.fileList.some((p) => p.status === 'uploading')) {
      toast(this, '照片还在上传，请稍候再提交');
      return;
    }
    const input = this.input();
    const problem = validateSubmit(input, villageMissing(this));
    if (problem) {
      toast(this, problem);
      return;
    }
    // From the tap itself, before any await: WeChat shows the panel only then. Never blocks the submission.
    void askSubscriptions();
    this.setData({ submitting: true });
    try {
      const res = await submitRequest(input);
      this.setData({ submitting: false });
      await Dialog.alert({
        context: this,
        title: '提交成功',
        message: `诉求编号：${res.no}\n答复时限：${formatDateTime(res.dueAt)}\n您可以在“我的诉求”里查看办理进度。`,
        confirmButtonText: '查看诉求',
      }).catch(() => undefined);
      replacePage(`/packages/request/detail/index?id=${res.id}`);
    } catch (e) {
      // Same clientId on the next try: if this one did reach the server, no second request is made.
      this.setData({ submitting: false });
      showError(this, e);
    }
  },
});
