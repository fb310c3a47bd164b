/**
 * 履职要求 (组织部): every duty rule as the county keeps it — clause, what it asks, the number and
 * the years it holds — and a change of its number from a coming year on, without code. This year's
 * figures stay as cadres have been working to them.
 */
import type { DutyRuleView } from '../../../../typings/index';
import { fetchDutyRules, updateDutyRule } from '../../../services/duty';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { countyToday } from '../view';

interface Row {
  id: string;
  version: number;
  clause: string;
  label: string;
  value: string;
  years: string;
  /** Already ends at a set year (a change is planned): change the next one instead. */
  ended: boolean;
}

const rowOf = (r: DutyRuleView): Row => ({
  id: r.id,
  version: r.version,
  clause: r.clause,
  label: r.label,
  // A limit bounds one record from above (retinue, age), except a posting's days, which it bounds from below.
  value: `${r.kind === 'quota' || r.measure === 'postingDays' ? '至少' : '至多'}${r.threshold}${r.unit}`,
  years: r.toYear === null ? `${r.fromYear}年起` : `${r.fromYear}—${r.toYear}年`,
  ended: r.toYear !== null,
});

Page({
  data: {
    loading: true,
    error: '',
    rows: [] as Row[],
    editing: null as Row | null,
    years: [] as string[],
    yearIndex: 0,
    saving: false,
  },
  threshold: '',
  onLoad() {
    const next = Number(countyToday().slice(0, 4)) + 1;
    this.setData({ years: [0, 1, 2].map((i) => `${next + i}年起`) });
    void this.load();
  },
  async load() {
    try {
      this.setData({ loading: false, error: '', rows: (await fetchDutyRules()).map(rowOf) });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const row = this.data.rows.find((r) => r.id === e.currentTarget.dataset.id);
    if (!row) return;
    this.threshold = '';
    this.setData({ editing: row, yearIndex: 0 });
  },
  onCancel() {
    this.setData({ editing: null });
  },
  onThreshold(e: { detail: string }) {
    this.threshold = e.detail;
  },
  onYear(e: { detail: { value: string } }) {
    this.setData({ yearIndex: Number(e.detail.value) });
  },
  async onSave() {
    const row = this.data.editing;
    if (!row || this.data.saving) return;
    const threshold = Number(this.threshold.trim());
    if (!this.threshold.trim() || !(threshold > 0)) {
      toast(this, '请填写大于0的数值');
      return;
    }
    const fromYear = Number(this.data.years[this.data.yearIndex]!.slice(0, 4));
    this.setData({ saving: true });
    try {
      const rules = await updateDutyRule(row.id, row.version, threshold, fromYear);
      this.setData({ saving: false, editing: null, rows: rules.map(rowOf) });
      toastSuccess(this, `已修改，${fromYear}年起生效`);
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
