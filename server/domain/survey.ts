/**
 * The survey's arithmetic, pure: a response added to the tally, and the tally read as results per
 * subject and question (count, mean, distribution, a note when few answered).
 */
import { lowConfidenceNote } from '../../miniprogram/shared/survey';
import type { SubjectResult, SurveyQuestion, SurveySubject } from '../../typings';

/** One subject's answers as stored: per question, a score 1–5 (0: 不了解) or text ('' when left empty). */
export interface StoredItem {
  subjectId: string;
  answers: (number | string)[];
}

/** Counts per subject: `scores[qid][s - 1]` people gave score s; `texts[qid]` people wrote something. */
interface SubjectTally {
  n: number;
  scores: Record<string, number[]>;
  texts: Record<string, number>;
}

export interface Tally {
  /** Responses counted. */
  n: number;
  subjects: Record<string, SubjectTally>;
}

export const emptyTally = (): Tally => ({ n: 0, subjects: {} });

const answered = (a: number | string): boolean => (typeof a === 'number' ? a >= 1 && a <= 5 : a.trim() !== '');

/** The tally with one more response in it (a new value; the argument is left as it was). */
export function addResponse(tally: Tally, items: readonly StoredItem[]): Tally {
  const next: Tally = JSON.parse(JSON.stringify(tally)) as Tally;
  next.n += 1;
  for (const item of items) {
    if (!item.answers.some(answered)) continue;
    const s = (next.subjects[item.subjectId] ??= { n: 0, scores: {}, texts: {} });
    s.n += 1;
    item.answers.forEach((a, i) => {
      const qid = `q${i + 1}`;
      if (typeof a === 'number') {
        if (a < 1 || a > 5) return;
        const row = (s.scores[qid] ??= [0, 0, 0, 0, 0]);
        row[a - 1] = (row[a - 1] ?? 0) + 1;
      } else if (a.trim() !== '') s.texts[qid] = (s.texts[qid] ?? 0) + 1;
    });
  }
  return next;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Results per subject, in the survey's order. */
export function subjectResults(
  subjects: readonly SurveySubject[],
  questions: readonly SurveyQuestion[],
  tally: Tally,
  minResponses: number,
): SubjectResult[] {
  return subjects.map((subject) => {
    const t = tally.subjects[subject.id] ?? { n: 0, scores: {}, texts: {} };
    return {
      id: subject.id,
      kind: subject.kind,
      unitId: subject.unitId,
      name: subject.name,
      n: t.n,
      note: t.n < minResponses ? lowConfidenceNote(t.n, minResponses) : null,
      questions: questions.map((q) => {
        if (q.kind === 'text') return { id: q.id, text: q.text, kind: q.kind, n: t.texts[q.id] ?? 0, mean: null, dist: [] };
        const counts = t.scores[q.id] ?? [0, 0, 0, 0, 0];
        const n = counts.reduce((a, b) => a + b, 0);
        const sum = counts.reduce((acc, c, i) => acc + c * (i + 1), 0);
        return { id: q.id, text: q.text, kind: q.kind, n, mean: n ? round2(sum / n) : null, dist: [...counts].reverse() };
      }),
    };
  });
}
