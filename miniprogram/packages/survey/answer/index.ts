/**
 * Answering a survey (S10), reached from the survey list, from a 连心卡 (its unit comes first) or by
 * a shared link. One subject open at a time (a long survey stays within the page's node budget);
 * each scale question on the five levels of 好差评 or 不了解; the answer is sent once, anonymously.
 */
import type { SurveyItemInput, SurveyView } from '../../../../typings/index';
import { SCALE, SURVEY_TEXT } from '../../../shared/survey';
import { fetchSurvey, respondSurvey } from '../../../services/survey';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { setTitle } from '../../../utils/navigate';

interface QuestionRow {
  index: number;
  text: string;
  kind: 'scale' | 'text';
}
interface SubjectRow {
  id: string;
  name: string;
  kind: string;
  /** Answers as chosen so far: a score, 0 for 不了解, -1 not chosen yet; text as typed. */
  answers: (number | string)[];
  done: boolean;
}

/** A subject counts as evaluated once it has a score (not 不了解) or some text. */
const evaluated = (answers: (number | string)[]): boolean => answers.some((a) => (typeof a === 'number' ? a > 0 : a.trim() !== ''));

const CHOICES = [...SCALE.map((s) => ({ score: s.score, label: s.label })), { score: 0, label: '不了解' }];

Page({
  data: {
    loading: true,
    error: '',
    title: '',
    intro: '',
    closes: '',
    state: 'form' as 'form' | 'answered' | 'thanks' | 'closed',
    questions: [] as QuestionRow[],
    subjects: [] as SubjectRow[],
    open: -1,
    choices: CHOICES,
    textMax: SURVEY_TEXT.answer.max,
    busy: false,
  },
  surveyId: '',
  unitFirst: '',
  onLoad(options: Record<string, string | undefined>) {
    this.surveyId = options.id ?? '';
    this.unitFirst = options.unit ?? '';
    void this.load();
  },
  async load() {
    if (!this.surveyId) {
      this.setData({ loading: false, error: '没有找到这项调查' });
      return;
    }
    try {
      const { survey, answered } = await fetchSurvey(this.surveyId);
      setTitle(survey.title);
      this.setData({
        loading: false,
        error: '',
        title: survey.title,
        intro: survey.intro ?? '',
        closes: formatDateTime(survey.closesAt),
        state: answered ? 'answered' : survey.answerable ? 'form' : 'closed',
        ...this.form(survey),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  /** The form: the card's unit first, the first subject open. */
  form(s: SurveyView) {
    const first = s.subjects.filter((x) => x.unitId === this.unitFirst);
    const ordered = [...first, ...s.subjects.filter((x) => x.unitId !== this.unitFirst)];
    return {
      questions: s.questions.map((q, index) => ({ index, text: q.text, kind: q.kind })),
      subjects: ordered.map((x) => ({
        id: x.id,
        name: x.name,
        kind: x.kind,
        answers: s.questions.map((q) => (q.kind === 'scale' ? -1 : '')),
        done: false,
      })),
      open: ordered.length ? 0 : -1,
    };
  },
  onToggle(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const i = Number(e.currentTarget.dataset.index);
    this.setData({ open: this.data.open === i ? -1 : i });
  },
  onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { q: number; score: number }>) {
    const s = this.data.open;
    const { q, score } = e.currentTarget.dataset;
    const answers = [...this.data.subjects[s]!.answers];
    answers[Number(q)] = Number(score);
    this.setData({ [`subjects[${s}].answers`]: answers, [`subjects[${s}].done`]: evaluated(answers) });
  },
  onText(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { q: number }>) {
    const s = this.data.open;
    const answers = [...this.data.subjects[s]!.answers];
    answers[Number(e.currentTarget.dataset.q)] = e.detail.value;
    // kept without a render: the textarea shows what is typed
    this.data.subjects[s]!.answers = answers;
    this.data.subjects[s]!.done = evaluated(answers);
  },
  async onSubmit() {
    if (this.data.busy) return;
    const items: SurveyItemInput[] = this.data.subjects
      .filter((s) => evaluated(s.answers))
      .map((s) => ({ subjectId: s.id, answers: s.answers.map((a) => (typeof a === 'string' ? a.trim() : Math.max(a, 0))) }));
    if (!items.length) return toast(this, '请至少评价一个对象');
    this.setData({ busy: true });
    try {
      await respondSurvey(this.surveyId, items);
      this.setData({ busy: false, state: 'thanks' });
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },
  onShareAppMessage() {
    return { title: this.data.title || '民意调查', path: `/packages/survey/answer/index?id=${this.surveyId}` };
  },
});
