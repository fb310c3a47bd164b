/**
 * 选派干部下基层锻炼 (S3, 组织部): choose a cadre — each shown with their file's birth year and
 * experience and, where the county's rule rules them out, why — then the post, the first and last
 * day (at least the rule's 3 months). A cadre whose file lacks the facts gets them typed here.
 */
import type { PostingCandidate } from '../../../../typings/index';
import { DUTY_TEXT } from '../../../shared/duties';
import { textProblem } from '../../../shared/limits';
import { fetchPostingCandidates, postCadre } from '../../../services/duty';
import { newClientId } from '../../../utils/clientId';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { Pager, pagedListWithErrorState, reloadList, usePager } from '../../../utils/pager';
import { countyToday } from '../view';

interface Row extends PostingCandidate {
  file: string;
}

const fileOf = (c: PostingCandidate): string =>
  c.birthYear === null || c.grassroots === null
    ? '档案未录入出生年份或基层经历'
    : `${c.birthYear}年出生 · ${c.grassroots ? '有' : '无'}基层工作经历`;

/** The day three months after `start` (a planned end a picker starts from). */
const monthsAfter = (start: string, months: number): string => {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

Page({
  behaviors: [pagedListWithErrorState],
  data: {
    rows: [] as Row[],
    chosen: null as Row | null,
    /** The file has no facts: the department types them. */
    needFacts: false,
    grassroots: 'no' as 'yes' | 'no',
    start: '',
    end: '',
    saving: false,
    max: { place: DUTY_TEXT.postingPlace.max },
  },
  clientId: '',
  place: '',
  birthYear: '',
  async onLoad() {
    this.clientId = newClientId();
    const start = countyToday();
    this.setData({ start, end: monthsAfter(start, 3) });
    usePager(this, new Pager<PostingCandidate, Row>(fetchPostingCandidates, (c) => ({ ...c, file: fileOf(c) })));
    await reloadList(this);
  },
  onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
    const row = this.data.rows.find((r) => r.key === e.currentTarget.dataset.key);
    if (!row) return;
    const needFacts = row.birthYear === null || row.grassroots === null;
    // A cadre the rule rules out is shown why; one whose file is empty may still be posted once it is typed in.
    if (row.refusal && !needFacts) {
      toast(this, row.refusal);
      return;
    }
    this.setData({ chosen: row, needFacts });
  },
  onPlace(e: { detail: string }) {
    this.place = e.detail;
  },
  onBirthYear(e: { detail: string }) {
    this.birthYear = e.detail;
  },
  onGrassroots(e: { detail: 'yes' | 'no' }) {
    this.setData({ grassroots: e.detail });
  },
  onStart(e: { detail: { value: string } }) {
    this.setData({ start: e.detail.value, end: monthsAfter(e.detail.value, 3) });
  },
  onEnd(e: { detail: { value: string } }) {
    this.setData({ end: e.detail.value });
  },
  async onPost() {
    const chosen = this.data.chosen;
    if (!chosen || this.data.saving) return;
    const year = Number(this.birthYear.trim());
    const problem =
      textProblem(DUTY_TEXT.postingPlace, this.place) ??
      (this.data.needFacts && !/^\d{4}$/.test(this.birthYear.trim()) ? '请填写四位数的出生年份' : null);
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ saving: true });
    try {
      await postCadre({
        clientId: this.clientId,
        cadreKey: chosen.key,
        place: this.place.trim(),
        start: this.data.start,
        end: this.data.end,
        ...(this.data.needFacts ? { birthYear: year, grassroots: this.data.grassroots === 'yes' } : {}),
      });
      this.clientId = newClientId();
      this.setData({ saving: false });
      toastSuccess(this, '已选派');
      wx.navigateBack({ fail: () => undefined });
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
