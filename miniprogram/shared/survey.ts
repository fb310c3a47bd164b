/**
 * The yearly public-opinion survey (S10) and 三问决策 (S1.4): the words and limits both sides use.
 */
import { SCORES, SCORE_LABELS } from './domain';
import type { TextLimit } from './limits';

/** What a survey evaluates (S10.2): leadership teams, law-enforcement and window units, leaders' contact points. */
export const SUBJECT_KINDS = ['领导班子', '执法窗口单位', '领导联系点'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** A question is answered on the five levels of 好差评, or in the respondent's own words. */
export const QUESTION_KINDS = ['scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** The five levels of 好差评, best first, as a respondent reads them. */
export const SCALE = SCORES.map((score) => ({ score, label: SCORE_LABELS[score] }));

/**
 * Who may read a survey's results once published (S10.3): every unit its own results, all staff
 * (cadres) every result, or the public. Unpublished results are the admins' only.
 */
export const RESULT_SCOPES = ['units', 'staff', 'public'] as const;
export type ResultScope = (typeof RESULT_SCOPES)[number];
export const RESULT_SCOPE_LABELS: Record<ResultScope, string> = {
  units: '各被评单位查看本单位结果',
  staff: '全县干部查看全部结果',
  public: '向社会公开',
};

export const SURVEY_TEXT = {
  title: { label: '调查标题', min: 2, max: 40 },
  intro: { label: '调查说明', min: 1, max: 300 },
  question: { label: '题目', min: 2, max: 60 },
  subjectLabel: { label: '评价对象名称', min: 2, max: 40 },
  answer: { label: '意见建议', min: 1, max: 300 },
} as const satisfies Record<string, TextLimit>;

export const SURVEY_LIMITS = {
  questions: { min: 1, max: 10 },
  subjects: { min: 1, max: 100 },
  /** Below this many answers a result carries a note that it may not be representative (a survey may set its own). */
  minResponses: { min: 1, max: 10_000, default: 30 },
} as const;

/** The note a result carries when fewer than the survey's minimum answered. */
export const lowConfidenceNote = (n: number, min: number): string => `仅${n}人作答（少于${min}人），结果仅供参考`;

/** A survey's full name: its title, with the year in front unless the title says it. */
export const surveyName = (year: number, title: string): string => (title.includes(String(year)) ? title : `${year}年${title}`);

/** 三问决策 (S1.4): a major decision asks the public before, during and after, in this order. */
export const CONSULT_PHASES = [
  { key: 'need', label: '问需', hint: '决策前：您有什么需求' },
  { key: 'plan', label: '问计', hint: '决策中：怎样做更好' },
  { key: 'effect', label: '问效', hint: '实施后：效果怎么样' },
] as const;

export const CONSULT_TEXT = {
  title: { label: '决策事项', min: 4, max: 40 },
  background: { label: '事项说明', min: 10, max: 1000 },
  question: { label: '征询问题', min: 4, max: 60 },
  option: { label: '选项', min: 1, max: 20 },
  comment: { label: '意见', min: 2, max: 300 },
  summary: { label: '阶段答复', min: 10, max: 1000 },
} as const satisfies Record<string, TextLimit>;

export const CONSULT_LIMITS = { options: { min: 2, max: 6 } } as const;
