/**
 * 下基层锻炼 (S3): a cadre's postings — where, from when to when, the days served of the ≥ 3 months
 * the county's rule asks — and, once served, the final report (锻炼总结); the organisation department
 * reads every posting, posts cadres (选派, its own page) and records the assessment of a reported one.
 */
import type { IAppOption, PostingView } from '../../../../typings/index';
import { ASSESSMENT_RESULTS, DUTY_TEXT, POSTING_STATES, type AssessmentResult } from '../../../shared/duties';
import { textProblem } from '../../../shared/limits';
import { assessPosting, fetchPostings, reportPosting } from '../../../services/duty';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { Pager, pagedListWithErrorState, reloadList, usePager } from '../../../utils/pager';
import { countyToday, figureRow, type FigureRow } from '../view';

interface Row {
  id: string;
  version: number;
  who: string;
  place: string;
  when: string;
  status: string;
  figure: FigureRow | null;
  report: string | null;
  result: string | null;
  canReport: boolean;
  canAssess: boolean;
}

Page({
  behaviors: [pagedListWithErrorState],
  data: {
    county: false,
    rows: [] as Row[],
    /** The posting a report or an assessment is being written for. */
    acting: null as { id: string; mode: 'report' | 'assess'; place: string } | null,
    today: '',
    end: '',
    results: ASSESSMENT_RESULTS,
    result: ASSESSMENT_RESULTS[1] as AssessmentResult,
    saving: false,
    max: { report: DUTY_TEXT.postingReport.max, notes: DUTY_TEXT.assessNotes.max },
  },
  summary: '',
  notes: '',
  async onLoad() {
    const me = await getApp<IAppOption>()
      .loadMe()
      .catch(() => null);
    const county = !!me?.roles.includes('admin');
    this.setData({ county, today: countyToday() });
    usePager(
      this,
      new Pager<PostingView, Row>(fetchPostings, (p) => ({
        id: p.id,
        version: p.version,
        who: `${p.cadreName}${p.unitName ? ` · ${p.unitName}` : ''} · ${p.age}岁`,
        place: p.place,
        when: `${p.start} 至 ${p.end}`,
        status: POSTING_STATES[p.status],
        figure: p.figure ? figureRow(p.figure) : null,
        report: p.report,
        result: p.result ? `考核${p.result}${p.resultNotes ? `：${p.resultNotes}` : ''}` : null,
        canReport: p.mine && p.status === 'posted',
        canAssess: county && p.status === 'reported',
      })),
    );
    await reloadList(this);
  },
  onNew() {
    void wx.navigateTo({ url: '/packages/duty/post/index' });
  },
  onAct(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; mode: 'report' | 'assess' }>) {
    const row = this.data.rows.find((r) => r.id === e.currentTarget.dataset.id);
    if (!row) return;
    this.summary = '';
    this.notes = '';
    const planned = row.when.slice(-10);
    this.setData({
      acting: { id: row.id, mode: e.currentTarget.dataset.mode, place: row.place },
      end: planned < this.data.today ? planned : this.data.today,
    });
  },
  onCancel() {
    this.setData({ acting: null });
  },
  onEnd(e: { detail: { value: string } }) {
    this.setData({ end: e.detail.value });
  },
  onSummary(e: { detail: string }) {
    this.summary = e.detail;
  },
  onResult(e: { detail: AssessmentResult }) {
    this.setData({ result: e.detail });
  },
  onNotes(e: { detail: string }) {
    this.notes = e.detail;
  },
  async onSave() {
    const acting = this.data.acting;
    const row = acting && this.data.rows.find((r) => r.id === acting.id);
    if (!acting || !row || this.data.saving) return;
    const problem =
      acting.mode === 'report'
        ? textProblem(DUTY_TEXT.postingReport, this.summary)
        : this.notes.trim()
          ? textProblem(DUTY_TEXT.assessNotes, this.notes)
          : null;
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ saving: true });
    try {
      if (acting.mode === 'report') await reportPosting(row.id, row.version, this.data.end, this.summary.trim());
      else await assessPosting(row.id, row.version, this.data.result, this.notes.trim() || undefined);
      this.setData({ saving: false, acting: null });
      toastSuccess(this, acting.mode === 'report' ? '锻炼总结已提交' : '考核结果已记录');
      await reloadList(this);
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
