/**
 * Leaders in the petition work (S4.3 下访, S4.5 包案) as values both sides need: the five duties of
 * a 包案 and how they read, how a 下访 rule may say how often, and the limits of what a leader or
 * their office types. The pages show these words; the functions (which bundle this file) validate
 * against the same lists.
 */
import type { TextLimit } from './limits';

/** 五包 (S4.5): the duties a county leader takes on with a key case, in the rule book's order. */
export const CASE_DUTIES = ['solve', 'counsel', 'stability', 'aid', 'law'] as const;
export type CaseDuty = (typeof CASE_DUTIES)[number];
export const CASE_DUTY_LABELS: Record<CaseDuty, string> = {
  solve: '包解决问题',
  counsel: '包思想疏导',
  stability: '包稳定控制',
  aid: '包帮扶困难',
  law: '包依法处置',
};

export const CASE_STATUS_LABELS = { open: '包案中', closed: '案结事了' } as const;
export type CaseStatus = keyof typeof CASE_STATUS_LABELS;

/**
 * How often a 下访 rule asks for a visit (rules are data): `monthly` a number a month; `weekday` on
 * a fixed weekday that is a working day (每周五); `monthDays` on fixed dates of the month (5, 15, 25);
 * either of the last two every day of a declared sensitive period when the rule says so.
 */
export type VisitCadence = 'monthly' | 'weekday' | 'monthDays';

/** Every free-text field of the 包案 and 下访 pages. */
export const LEAD_TEXT = {
  caseNote: { label: '包案说明', min: 2, max: 300 },
  dutyNote: { label: '落实情况', min: 5, max: 500 },
  closeNote: { label: '案结事了情况', min: 5, max: 500 },
  visitPlace: { label: '下访地点', min: 2, max: 50 },
  visitNotes: { label: '下访情况', min: 5, max: 1000 },
} as const satisfies Record<string, TextLimit>;

/** Cases a 下访 takes along (带案下访). */
export const VISIT_CASES_MAX = 5;
