/**
 * 时限规则 (admin): the county's deadline policies in its own words; edit one's label and limits
 * (number and unit), confirm, and the server's answer (or its refusal) is shown. Requests already
 * made keep the policy they came in with.
 */
import type { LimitView, PolicyView } from '../../../../typings/index';
import { fetchPolicies, updatePolicy } from '../../../services/admin';
import { confirmAction, showError, toast, toastSuccess } from '../../../utils/feedback';
import { wholeList } from '../../../utils/pager';
import { TEXT } from '../../../shared/limits';

type LimitUnit = LimitView['unit'];
const UNITS: readonly LimitUnit[] = ['hours', 'workingHours', 'days', 'workingDays'];
const UNIT_LABELS: Record<LimitUnit, string> = { hours: '小时', workingHours: '工作小时', days: '日', workingDays: '个工作日' };

/** The limits of a policy an admin edits, in the order the work goes. */
type LimitKey = 'route' | 'accept' | 'finish' | 'object' | 'extension' | 'followUp' | 'reviewAsk' | 'reviewAnswer';
const LIMIT_TITLES: Record<LimitKey, string> = {
  route: '派单（转送）',
  accept: '签收',
  finish: '办结答复',
  object: '退单期限',
  extension: '最长延期',
  followUp: '差评重办',
  reviewAsk: '申请复查复核',
  reviewAnswer: '复查复核答复',
};

interface LimitRow {
  key: LimitKey;
  title: string;
  n: number;
  unit: LimitUnit;
  unitLabel: string;
}

interface PolicyRow {
  id: string;
  label: string;
  summary: string;
}

const limitText = (l: LimitView): string => `${l.n}${UNIT_LABELS[l.unit]}`;

function limitsOf(p: PolicyView): LimitRow[] {
  const pairs: [LimitKey, LimitView | null][] = [
    ['route', p.route],
    ['accept', p.accept],
    ['finish', p.finish],
    ['object', p.object],
    ['extension', p.extension],
    ['followUp', p.followUp],
    ['reviewAsk', p.review?.ask ?? null],
    ['reviewAnswer', p.review?.answer ?? null],
  ];
  return pairs
    .filter((x): x is [LimitKey, LimitView] => x[1] !== null)
    .map(([key, l]) => ({ key, title: LIMIT_TITLES[key], n: l.n, unit: l.unit, unitLabel: UNIT_LABELS[l.unit] }));
}

function toPolicyRow(p: PolicyView): PolicyRow {
  const finishFrom = p.finishFrom === 'accept' ? '（自签收起算）' : '';
  return {
    id: p.id,
    label: p.label,
    summary: `签收 ${limitText(p.accept)} · 办结 ${limitText(p.finish)}${finishFrom} · 延期最长 ${limitText(p.extension)}`,
  };
}

Page({
  data: {
    labelMax: TEXT.policyLabel.max,
    rows: [] as PolicyRow[],
    editing: false,
    label: '',
    limits: [] as LimitRow[],
    unitPicker: false,
    unitColumns: UNITS.map((u) => UNIT_LABELS[u]),
    busy: false,
  },
  policies: [] as PolicyView[],
  current: null as PolicyView | null,
  pickingIndex: -1,
  labelText: '',
  behaviors: [wholeList],
  async fetchAll() {
    this.policies = await fetchPolicies();
    return { rows: this.policies.map(toPolicyRow) };
  },
  onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const p = this.policies.find((x) => x.id === e.currentTarget.dataset.id);
    if (!p) return;
    this.current = p;
    this.labelText = p.label;
    this.setData({ editing: true, label: p.label, limits: limitsOf(p) });
  },
  onCloseEdit() {
    this.setData({ editing: false });
  },
  onLabel(e: { detail: string }) {
    this.labelText = e.detail;
  },
  onLimitN(e: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { index: number }> & { detail: string }) {
    const i = Number(e.currentTarget.dataset.index);
    const n = Number(String(e.detail).trim());
    // Kept as typed (NaN shows as an error on save); only this row is sent to the view.
    this.setData({ [`limits[${i}].n`]: Number.isFinite(n) ? n : 0 });
  },
  onPickUnit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    this.pickingIndex = Number(e.currentTarget.dataset.index);
    this.setData({ unitPicker: true });
  },
  onCloseUnits() {
    this.setData({ unitPicker: false });
  },
  onUnitPicked(e: { detail: { index: number } }) {
    const unit = UNITS[e.detail.index];
    const i = this.pickingIndex;
    this.setData({ unitPicker: false });
    if (!unit || i < 0) return;
    this.setData({ [`limits[${i}].unit`]: unit, [`limits[${i}].unitLabel`]: UNIT_LABELS[unit] });
  },
  /** The edited policy, or the first problem in the admin's words. */
  edited(): Omit<PolicyView, 'key'> | string {
    const p = this.current;
    if (!p) return '请先选择一条规则';
    const label = this.labelText.trim();
    // Only emptiness here; a too-short label is refused by the server in the same words (TEXT.policyLabel).
    if (!label) return '请填写时限说明';
    const by = {} as Record<LimitKey, LimitView>;
    for (const l of this.data.limits) {
      if (!Number.isInteger(l.n) || l.n < 1 || l.n > 365) return `“${l.title}”请填写1到365之间的整数`;
      by[l.key] = { unit: l.unit, n: l.n };
    }
    const { key: _key, ...rest } = p;
    return {
      ...rest,
      label,
      route: by.route,
      accept: by.accept,
      finish: by.finish,
      object: p.object ? by.object : null,
      extension: by.extension,
      followUp: by.followUp,
      review: p.review ? { ask: by.reviewAsk, answer: by.reviewAnswer } : null,
    };
  },
  async onSave() {
    if (this.data.busy) return;
    const next = this.edited();
    if (typeof next === 'string') return toast(this, next);
    if (
      !(await confirmAction(
        this,
        '保存时限规则',
        `“${next.label}”保存后只对新收到的诉求生效，已在办的诉求仍按原时限。确定保存吗？`,
        '保存',
      ))
    )
      return;
    this.setData({ busy: true });
    try {
      const saved = await updatePolicy(next);
      const i = this.policies.findIndex((x) => x.id === saved.id);
      if (i >= 0) this.policies[i] = saved;
      this.current = null;
      this.setData({ busy: false, editing: false, ...(i >= 0 ? { [`rows[${i}]`]: toPolicyRow(saved) } : {}) });
      toastSuccess(this, '已保存');
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },
});
