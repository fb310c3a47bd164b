/**
 * 新建调查 (admin, S10.1–2): title, period, the questions (five-level or free text) and which units of
 * the directory are evaluated as what — a leadership team, a law-enforcement or window unit, or a
 * leader's contact point. Saved as a draft; 发布 on the survey list opens it to residents.
 * Opened with `?id=` it is 修改调查: the draft as saved, changed as a whole until it is published.
 */
import type { SurveyDraftInput, SurveyView, UnitView } from '../../../../typings/index';
import { textProblem } from '../../../shared/limits';
import { SUBJECT_KINDS, SURVEY_LIMITS, SURVEY_TEXT, type QuestionKind } from '../../../shared/survey';
import { fetchUnits } from '../../../services/county';
import { createSurvey, fetchSurvey, updateSurvey } from '../../../services/survey';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { replacePage } from '../../../utils/navigate';

const BEIJING_OFFSET = 8 * 3600 * 1000;
const DAY = 86_400_000;
/** "2026-12-01" of a moment in Beijing, and back: the start of that day in Beijing. */
const dayOf = (t: number): string => new Date(t + BEIJING_OFFSET).toISOString().slice(0, 10);
const startOf = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

/** 不参评, then the kinds a unit can be evaluated as. */
const KIND_CHOICES = ['不参评', ...SUBJECT_KINDS];

/** A unit of the directory and what it is evaluated as (0: 不参评); a draft may hold a unit twice, as two kinds, or under its own label (a contact point). */
interface UnitRow {
  key: string;
  id: string;
  name: string;
  kind: number;
  label?: string;
}

/** The rows of a saved draft: every unit once, then a unit's further subjects in the draft's order. */
function rowsOf(units: UnitView[], survey: SurveyView | null): UnitRow[] {
  const rows: UnitRow[] = units.map((u) => ({ key: u.id, id: u.id, name: u.name, kind: 0 }));
  for (const s of survey?.subjects ?? []) {
    const unit = units.find((u) => u.id === s.unitId);
    const kind = SUBJECT_KINDS.indexOf(s.kind) + 1;
    const label = s.name !== (unit?.name ?? s.name) ? { label: s.name } : {};
    const first = rows.find((r) => r.id === s.unitId && r.kind === 0 && r.key === r.id);
    if (first) Object.assign(first, { kind }, label);
    else rows.push({ key: `${s.unitId}-${s.id}`, id: s.unitId, name: unit?.name ?? s.name, kind, ...label });
  }
  return rows;
}

interface QuestionRow {
  text: string;
  kind: QuestionKind;
  kindLabel: string;
}
const question = (text: string, kind: QuestionKind): QuestionRow => ({
  text,
  kind,
  kindLabel: kind === 'scale' ? '满意度（五级）' : '文字填写',
});

Page({
  data: {
    loading: true,
    error: '',
    titleMax: SURVEY_TEXT.title.max,
    questionMax: SURVEY_TEXT.question.max,
    opens: dayOf(Date.now()),
    closes: dayOf(Date.now() + 30 * DAY),
    questions: [question('服务态度', 'scale'), question('办事效率', 'scale'), question('意见建议', 'text')],
    newKind: 'scale' as QuestionKind,
    newQuestionValue: '',
    units: [] as UnitRow[],
    editing: false,
    titleValue: '',
    introValue: '',
    minValue: String(SURVEY_LIMITS.minResponses.default),
    kindChoices: KIND_CHOICES,
    busy: false,
  },
  title: '',
  intro: '',
  minResponses: String(SURVEY_LIMITS.minResponses.default),
  newQuestion: '',
  clientId: newClientId(),
  /** The draft being changed (修改调查), at the version it was read. */
  draft: null as { id: string; version: number } | null,
  onLoad(query: { id?: string }) {
    void this.load(query.id);
  },
  async load(id?: string) {
    try {
      const [units, got] = await Promise.all([fetchUnits(), id ? fetchSurvey(id) : Promise.resolve(null)]);
      const survey = got?.survey ?? null;
      if (survey && survey.status !== 'draft') throw new Error('调查已发布，题目和对象不能再改');
      if (survey) {
        void wx.setNavigationBarTitle({ title: '修改调查' });
        this.draft = { id: survey.id, version: survey.version };
        this.title = survey.title;
        this.intro = survey.intro ?? '';
        this.minResponses = String(survey.minResponses);
      }
      this.setData({
        loading: false,
        error: '',
        units: rowsOf(units, survey),
        ...(survey
          ? {
              editing: true,
              titleValue: survey.title,
              introValue: survey.intro ?? '',
              minValue: String(survey.minResponses),
              opens: dayOf(survey.opensAt),
              closes: dayOf(survey.closesAt - DAY), // saved as the end of its last day
              questions: survey.questions.map((q) => question(q.text, q.kind)),
            }
          : {}),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onTitle(e: { detail: string }) {
    this.title = e.detail;
  },
  onIntro(e: { detail: string }) {
    this.intro = e.detail;
  },
  onMin(e: { detail: string }) {
    this.minResponses = e.detail;
  },
  onOpens(e: { detail: { value: string } }) {
    this.setData({ opens: e.detail.value });
  },
  onCloses(e: { detail: { value: string } }) {
    this.setData({ closes: e.detail.value });
  },
  onNewQuestion(e: { detail: string }) {
    this.newQuestion = e.detail;
  },
  onNewKind(e: { detail: QuestionKind }) {
    this.setData({ newKind: e.detail });
  },
  onAddQuestion() {
    const problem = textProblem(SURVEY_TEXT.question, this.newQuestion);
    if (problem) return toast(this, problem);
    if (this.data.questions.length >= SURVEY_LIMITS.questions.max) return toast(this, `题目最多${SURVEY_LIMITS.questions.max}道`);
    this.setData({ questions: [...this.data.questions, question(this.newQuestion.trim(), this.data.newKind)] });
    this.newQuestion = '';
    this.setData({ newQuestionValue: '' });
  },
  onRemoveQuestion(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const i = Number(e.currentTarget.dataset.index);
    this.setData({ questions: this.data.questions.filter((_q, k) => k !== i) });
  },
  onUnitKind(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
    this.setData({ [`units[${Number(e.currentTarget.dataset.index)}].kind`]: Number(e.detail.value) });
  },
  async onSave() {
    if (this.data.busy) return;
    const problem = textProblem(SURVEY_TEXT.title, this.title);
    if (problem) return toast(this, problem);
    const subjects = this.data.units
      .filter((u) => u.kind > 0)
      .map((u) => ({ kind: SUBJECT_KINDS[u.kind - 1]!, unitId: u.id, ...(u.label ? { label: u.label } : {}) }));
    if (!subjects.length) return toast(this, '请至少选择一个评价对象');
    const opensAt = startOf(this.data.opens);
    const closesAt = startOf(this.data.closes) + DAY; // to the end of the last day
    if (closesAt <= opensAt) return toast(this, '结束时间应晚于开始时间');
    const min = Number(this.minResponses);
    if (!Number.isInteger(min) || min < SURVEY_LIMITS.minResponses.min) return toast(this, '请填写最少作答人数');
    this.setData({ busy: true });
    try {
      const intro = this.intro.trim();
      const draft: Omit<SurveyDraftInput, 'clientId'> = {
        title: this.title.trim(),
        ...(intro ? { intro } : {}),
        year: Number(this.data.opens.slice(0, 4)),
        questions: this.data.questions.map((q) => ({ text: q.text, kind: q.kind })),
        subjects,
        opensAt,
        closesAt,
        minResponses: min,
      };
      if (this.draft) await updateSurvey(this.draft, draft);
      else await createSurvey({ clientId: this.clientId, ...draft });
      toastSuccess(this, this.draft ? '已保存修改' : '已保存为草稿');
      replacePage('/packages/admin/surveys/index');
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },
});
