/**
 * 民意调查 (admin, S10): every survey, newest first, with the move its status allows — 修改 or 发布 a draft,
 * 结束 an open one, 公布结果 of a closed one to a scope (S10.3) — and its results and .xlsx export.
 */
import type { SurveyView } from '../../../../typings/index';
import { RESULT_SCOPES, RESULT_SCOPE_LABELS, surveyName } from '../../../shared/survey';
import { closeSurvey, exportSurveyResults, fetchManagedSurveys, publishSurvey, publishSurveyResults } from '../../../services/survey';
import { confirmAction, showError, toast, toastSuccess } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { openPage } from '../../../utils/navigate';
import { openWorkbook } from '../../../utils/openWorkbook';
import { Pager, pagedListWithErrorState, reloadList, usePager } from '../../../utils/pager';

const STATUS: Record<SurveyView['status'], string> = { draft: '草稿', open: '进行中', closed: '已结束' };

interface Row {
  id: string;
  version: number;
  title: string;
  label: string;
  status: SurveyView['status'];
}

const toRow = (s: SurveyView): Row => ({
  id: s.id,
  version: s.version,
  title: surveyName(s.year, s.title),
  label: `${s.status === 'open' && !s.answerable ? '未在调查时间内' : STATUS[s.status]} · ${formatDateTime(s.opensAt)} 至 ${formatDateTime(s.closesAt)} · ${
    s.resultScope ? `结果已公布（${RESULT_SCOPE_LABELS[s.resultScope]}）` : '结果未公布'
  } · ${s.subjects.length}个评价对象`,
  status: s.status,
});

Page({
  behaviors: [pagedListWithErrorState],
  data: { rows: [] as Row[], scopes: RESULT_SCOPES.map((s) => RESULT_SCOPE_LABELS[s]), busy: false },
  onLoad() {
    usePager(this, new Pager(fetchManagedSurveys, toRow));
  },
  row(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>): Row {
    return this.data.rows[Number(e.currentTarget.dataset.index)]!;
  },
  onNew() {
    openPage('/packages/admin/survey-new/index');
  },
  onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    openPage(`/packages/admin/survey-new/index?id=${this.row(e).id}`);
  },
  async move(title: string, message: string, act: () => Promise<SurveyView>, done: string) {
    if (this.data.busy || !(await confirmAction(this, title, message))) return;
    this.setData({ busy: true });
    try {
      await act();
      toastSuccess(this, done);
      await reloadList(this);
    } catch (e) {
      showError(this, e);
      await reloadList(this); // a CONFLICT: show what it is now
    } finally {
      this.setData({ busy: false });
    }
  },
  onPublish(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const r = this.row(e);
    void this.move('发布调查', `发布“${r.title}”？发布后群众即可在调查时间内作答，题目和对象不能再改。`, () => publishSurvey(r), '已发布');
  },
  onClose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const r = this.row(e);
    void this.move('结束调查', `结束“${r.title}”？结束后不再收答卷。`, () => closeSurvey(r), '已结束');
  },
  onScope(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
    const r = this.data.rows[Number(e.currentTarget.dataset.index)]!;
    const scope = RESULT_SCOPES[Number(e.detail.value)]!;
    void this.move('公布结果', `将“${r.title}”的结果${RESULT_SCOPE_LABELS[scope]}？`, () => publishSurveyResults(r, scope), '结果已公布');
  },
  onResults(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    openPage(`/packages/survey/results/index?id=${this.row(e).id}`);
  },
  async onExport(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    if (this.data.busy) return;
    const r = this.row(e);
    this.setData({ busy: true });
    try {
      const file = await exportSurveyResults(r.id);
      await openWorkbook(file.fileName, file.base64).catch(() => toast(this, '文件已生成，但手机无法打开表格文件'));
    } catch (err) {
      showError(this, err);
    } finally {
      this.setData({ busy: false });
    }
  },
});
