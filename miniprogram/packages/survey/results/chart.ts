/** The results as the page draws them: a summary line per subject, and bars (width in %) for the open one. */
import type { SubjectResult } from '../../../../typings/index';
import { SCALE } from '../../../shared/survey';

interface Bar {
  label: string;
  count: number;
  /** Width of the bar: share of this question's answers, whole percent. */
  pct: number;
}
export interface QuestionChart {
  id: string;
  text: string;
  summary: string;
  bars: Bar[];
}
export interface SubjectChart {
  id: string;
  name: string;
  kind: string;
  n: number;
  note: string | null;
  summary: string;
}

const meanText = (mean: number | null): string => (mean === null ? '暂无评分' : `${mean.toFixed(2)}分`);

export function subjectChart(s: SubjectResult): SubjectChart {
  const scored = s.questions.filter((q) => q.kind === 'scale');
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    n: s.n,
    note: s.note,
    summary: scored.map((q) => `${q.text} ${meanText(q.mean)}`).join(' · '),
  };
}

export function questionCharts(s: SubjectResult): QuestionChart[] {
  return s.questions.map((q) =>
    q.kind === 'scale'
      ? {
          id: q.id,
          text: q.text,
          summary: `${q.n}人评分，平均${meanText(q.mean)}（满分5分）`,
          bars: SCALE.map((level, i) => ({
            label: level.label,
            count: q.dist[i] ?? 0,
            pct: q.n ? Math.round(((q.dist[i] ?? 0) * 100) / q.n) : 0,
          })),
        }
      : { id: q.id, text: q.text, summary: `${q.n}条意见建议`, bars: [] },
  );
}
