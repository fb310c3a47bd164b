/**
 * A survey's results (S10.3) as far as the reader may see them: responses, each subject's mean per
 * question and, for the subject opened, the five levels as bars; a note where few answered.
 */
import type { SurveyResults } from '../../../../typings/index';
import { RESULT_SCOPE_LABELS, surveyName } from '../../../shared/survey';
import { fetchSurveyResults } from '../../../services/survey';
import { errorMessage } from '../../../utils/feedback';
import { setTitle } from '../../../utils/navigate';
import { questionCharts, subjectChart, type QuestionChart, type SubjectChart } from './chart';

Page({
  data: {
    loading: true,
    error: '',
    title: '',
    summary: '',
    subjects: [] as SubjectChart[],
    open: -1,
    charts: [] as QuestionChart[],
  },
  surveyId: '',
  results: null as SurveyResults | null,
  onLoad(options: Record<string, string | undefined>) {
    this.surveyId = options.id ?? '';
    void this.load();
  },
  async load() {
    try {
      const r = await fetchSurveyResults(this.surveyId);
      this.results = r;
      setTitle('调查结果');
      const scope = r.resultScope ? `公布范围：${RESULT_SCOPE_LABELS[r.resultScope]}` : '结果尚未公布，仅管理员可见';
      this.setData({
        loading: false,
        error: '',
        title: surveyName(r.year, r.title),
        summary: `共${r.responses}人作答。${scope}`,
        subjects: r.subjects.map(subjectChart),
        open: -1,
        charts: [],
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onToggle(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const i = Number(e.currentTarget.dataset.index);
    const subject = this.results?.subjects[i];
    if (!subject || this.data.open === i) return this.setData({ open: -1, charts: [] });
    this.setData({ open: i, charts: questionCharts(subject) });
  },
});
