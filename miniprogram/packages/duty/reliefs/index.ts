/**
 * 帮扶对子 (S8): my 一助一 household and, for a department leader, the department's 优抚 household
 * with its named contact; each festival visit (元旦, 春节; 春种, 八一, 秋收) recorded with one tap.
 * The timer reminds me before each occasion in 消息.
 */
import type { ReliefView } from '../../../../typings/index';
import { DUTY_TEXT, PAIR_KINDS, type PairKind } from '../../../shared/duties';
import { textProblem } from '../../../shared/limits';
import { addRelief, fetchReliefs, recordReliefVisit } from '../../../services/duty';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { countyToday } from '../view';

Page({
  data: {
    loading: true,
    error: '',
    pairs: [] as ReliefView[],
    kinds: Object.entries(PAIR_KINDS).map(([key, label]) => ({ key, label })),
    kind: 'oneToOne' as PairKind,
    saving: false,
    max: { household: DUTY_TEXT.household.max, contact: DUTY_TEXT.contact.max, plan: DUTY_TEXT.plan.max },
  },
  clientId: '',
  household: '',
  contact: '',
  plan: '',
  onLoad() {
    this.clientId = newClientId();
    void this.load();
  },
  async load() {
    try {
      this.setData({ loading: false, error: '', pairs: await fetchReliefs() });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onKind(e: { detail: PairKind }) {
    this.setData({ kind: e.detail });
  },
  onHousehold(e: { detail: string }) {
    this.household = e.detail;
  },
  onContact(e: { detail: string }) {
    this.contact = e.detail;
  },
  onPlan(e: { detail: string }) {
    this.plan = e.detail;
  },
  async onAdd() {
    const youfu = this.data.kind === 'youfu';
    const problem =
      textProblem(DUTY_TEXT.household, this.household) ??
      (youfu ? textProblem(DUTY_TEXT.contact, this.contact) : null) ??
      textProblem(DUTY_TEXT.plan, this.plan);
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ saving: true });
    try {
      await addRelief({
        clientId: this.clientId,
        kind: this.data.kind,
        household: this.household.trim(),
        ...(youfu ? { contact: this.contact.trim() } : {}),
        plan: this.plan.trim(),
      });
      this.clientId = newClientId();
      this.setData({ saving: false });
      toastSuccess(this, '已结对');
      await this.load();
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
  async onVisit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; occasion: string }>) {
    const p = this.data.pairs.find((x) => x.id === e.currentTarget.dataset.id);
    if (!p) return;
    try {
      await recordReliefVisit(p.id, p.version, e.currentTarget.dataset.occasion, countyToday());
      toastSuccess(this, '已记录走访慰问');
      await this.load();
    } catch (err) {
      showError(this, err);
    }
  },
});
