/**
 * One resident paired with me (S6.1): without an id, the form that pairs a new one (name, phone,
 * where they live); with one, the pair and its minute, where I record a duty. 反馈民意 and 事务代办
 * become a request on the resident's behalf once I confirm how they agreed; I hand them its 认领码.
 */
import type { PairView, RequestCategory } from '../../../../typings/index';
import { REQUEST_CATEGORIES } from '../../../shared/domain';
import { PHONE_MESSAGE, PHONE_PATTERN, textProblem } from '../../../shared/limits';
import {
  CONSENT_WAYS,
  DUTY_KINDS,
  MEDIATION_OUTCOMES,
  ON_BEHALF_KINDS,
  VOL_TEXT,
  type ConsentWay,
  type DutyKind,
  type MediationOutcome,
  type MinuteKind,
  type OnBehalfKind,
} from '../../../shared/volunteers';
import { actOnBehalf, addPair, endPair, fetchPair, recordDuty } from '../../../services/volunteer';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { countyToday } from '../../../utils/format';
import { replacePage, setTitle } from '../../../utils/navigate';
import { placeId, placePicker } from '../../../utils/placePicker';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';
import { dutyRow, pairRow, type DutyRow, type PairRow } from '../view';

const onBehalf = (k: string): k is OnBehalfKind => (ON_BEHALF_KINDS as readonly string[]).includes(k);

Page({
  behaviors: [placePicker],
  data: {
    isNew: true,
    loading: false,
    error: '',
    pair: null as PairRow | null,
    duties: [] as DutyRow[],
    kinds: DUTY_KINDS,
    outcomes: MEDIATION_OUTCOMES,
    consents: CONSENT_WAYS,
    categories: REQUEST_CATEGORIES.filter((c) => c !== '投诉'),
    kind: '' as DutyKind | '',
    proxy: false,
    outcome: '',
    category: '',
    consent: '',
    saving: false,
    max: { name: VOL_TEXT.residentName.max, address: VOL_TEXT.address.max, note: VOL_TEXT.pairNote.max, content: VOL_TEXT.duty.max },
    autosize: { minHeight: 140 },
  },
  // Not rendered: the pair, the form's own id (a retry is the same record) and what was typed.
  pairId: '',
  version: 0,
  clientId: '',
  name: '',
  phone: '',
  address: '',
  note: '',
  content: '',
  reason: '',
  onLoad(options: Record<string, string | undefined>) {
    this.clientId = newClientId();
    this.pairId = options.id ?? '';
    this.setData({ isNew: !this.pairId });
    setTitle(this.pairId ? '结对群众' : '添加结对群众');
    if (this.pairId) void this.load();
  },
  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const { pair, duties } = await fetchPair(this.pairId);
      this.show(pair);
      this.setData({ loading: false, duties: duties.items.map(dutyRow) });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  show(p: PairView) {
    this.version = p.version;
    setTitle(p.name);
    this.setData({ pair: pairRow(p) });
  },
  onName(e: { detail: string }) {
    this.name = e.detail;
  },
  onPhone(e: { detail: string }) {
    this.phone = e.detail;
  },
  onAddress(e: { detail: string }) {
    this.address = e.detail;
  },
  onNote(e: { detail: string }) {
    this.note = e.detail;
  },
  onContent(e: { detail: string }) {
    this.content = e.detail;
  },
  onReason(e: { detail: string }) {
    this.reason = e.detail;
  },
  onKind(e: { detail: DutyKind }) {
    this.setData({ kind: e.detail, proxy: onBehalf(e.detail) });
  },
  onOutcome(e: { detail: string }) {
    this.setData({ outcome: e.detail });
  },
  onCategory(e: { detail: string }) {
    this.setData({ category: e.detail });
  },
  onConsent(e: { detail: string }) {
    this.setData({ consent: e.detail });
  },
  async onSavePair() {
    const regionId = placeId(this);
    const problem =
      textProblem(VOL_TEXT.residentName, this.name) ??
      (this.phone.trim() && !PHONE_PATTERN.test(this.phone.trim()) ? PHONE_MESSAGE : null) ??
      (regionId ? null : '请选择群众所在的村（社区）') ??
      textProblem(VOL_TEXT.address, this.address) ??
      (this.note.trim() ? textProblem(VOL_TEXT.pairNote, this.note) : null);
    if (problem) return toast(this, problem);
    this.setData({ saving: true });
    try {
      const p = await addPair({
        clientId: this.clientId,
        name: this.name.trim(),
        regionId,
        address: this.address.trim(),
        ...(this.phone.trim() ? { phone: this.phone.trim() } : {}),
        ...(this.note.trim() ? { note: this.note.trim() } : {}),
      });
      this.setData({ saving: false });
      replacePage(`/packages/volunteer/pair/index?id=${p.id}`);
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
  async onSaveDuty() {
    const { kind, outcome, category, consent } = this.data;
    const problem =
      (kind ? null : '请选择服务类型') ??
      textProblem(VOL_TEXT.duty, this.content) ??
      (kind === '调解纠纷' && !outcome ? '请选择调解结果' : null) ??
      (onBehalf(kind) && !category ? '请选择事项类型' : null) ??
      (onBehalf(kind) && !consent ? '请确认群众同意由您代为反映或办理，并选择同意方式' : null);
    if (problem || !kind) return toast(this, problem ?? '请选择服务类型');
    this.setData({ saving: true });
    try {
      const base = { clientId: this.clientId, pairId: this.pairId, content: this.content.trim() };
      const d = onBehalf(kind)
        ? await actOnBehalf({ ...base, kind, category: category as RequestCategory, consent: consent as ConsentWay })
        : await recordDuty({
            ...base,
            kind: kind as MinuteKind,
            date: countyToday(),
            ...(kind === '调解纠纷' ? { outcome: outcome as MediationOutcome } : {}),
          });
      this.setData({ saving: false });
      if (d.request?.claimCode)
        await Dialog.alert({
          context: this,
          title: '已提交',
          message: `已送${d.request.unitName ?? '调度中心'}办理，编号${d.request.no}。请把认领码 ${d.request.claimCode} 交给群众：在服务卡上点“认领党员为我代办的事项”输入，就能像自己提交的一样查看进度、答复和评价。`,
        });
      replacePage(`/packages/volunteer/pair/index?id=${this.pairId}`);
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
  async onEnd() {
    const problem = textProblem(VOL_TEXT.endReason, this.reason);
    if (problem) return toast(this, problem);
    this.setData({ saving: true });
    try {
      this.show(await endPair(this.pairId, this.version, this.reason.trim()));
      this.setData({ saving: false });
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
