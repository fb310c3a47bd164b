/** How the duty pages show a figure and a record: one place for their words. */
import type { DutyRecordView, Figure } from '../../../typings/index';
import { PROGRESS_LABELS, SLOT_LABELS } from '../../shared/duties';

export interface FigureRow {
  id: string;
  clause: string;
  label: string;
  period: string;
  value: string;
  state: string;
  behind: boolean;
  /** 0–100, for the bar. */
  percent: number;
}

export const figureRow = (f: Figure): FigureRow => ({
  id: f.ruleId,
  clause: f.clause,
  label: f.label,
  period:
    f.period === '任期'
      ? '任期内'
      : /^\d{4}$/.test(f.period)
        ? `${f.period}年`
        : /^\d{4}-\d{2}$/.test(f.period)
          ? `${Number(f.period.slice(5))}月`
          : f.period,
  value: `${f.value}/${f.target}${f.unit}`,
  state: PROGRESS_LABELS[f.state],
  behind: f.state === 'behind',
  percent: Math.round(f.share * 100),
});

const KIND_LABELS: Record<DutyRecordView['kind'], string> = { visit: '走访调研', stay: '住村', report: '调研报告', talk: '谈心谈话' };

export function recordRow(r: DutyRecordView): { id: string; kind: string; when: string; what: string } {
  const when = r.start === r.end ? r.start : `${r.start} 至 ${r.end}`;
  const what =
    r.kind === 'report'
      ? (r.topic ?? '')
      : r.kind === 'talk'
        ? `${r.talkWith ?? ''}（${r.form ?? ''}）`
        : `${r.place ?? ''}${r.slot ? `（联系点：${SLOT_LABELS[r.slot]}）` : ''}${r.requestCount ? `，带回诉求${r.requestCount}件` : ''}`;
  return { id: r.id, kind: KIND_LABELS[r.kind], when, what };
}

/** Today in the county (UTC+08:00), as a date field takes it. */
export const countyToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
