/** How the 包案 pages show a case: its request, its leader, the duties still open. */
import type { CaseView, VisitDue } from '../../../typings/index';
import { formatDateTime } from '../../utils/format';
import { SLOT_MINUTES } from '../../shared/meet';

export type CaseRow = {
  id: string;
  no: string;
  title: string;
  unitName: string;
  leaderName: string;
  statusLabel: string;
  openText: string;
};

export const caseRow = (c: CaseView): CaseRow => ({
  id: c.id,
  no: c.request.no,
  title: c.request.title,
  unitName: c.request.unitName ?? '待派单',
  leaderName: c.leaderName,
  statusLabel: c.statusLabel,
  openText: c.status === 'open' ? c.open.join('、') : '',
});

/** A case's duties with each note's time as people read it. */
export const dutyRows = (c: CaseView) => c.duties.map((d) => ({ ...d, notes: d.notes.map((n) => ({ ...n, when: formatDateTime(n.at) })) }));

/** "10月23日" */
const dayText = (date: string): string => `${Number(date.slice(5, 7))}月${Number(date.slice(8))}日`;

/** What a cadre's month says in words: what the rule asks and what was done, what was missed, today. */
export function dueLines(d: VisitDue): { asked: string; missed: string; today: string } {
  if (!d.rule) return { asked: '您没有下访次数要求，下访后可以随时记录。', missed: '', today: '' };
  return {
    asked: `${d.rule}。这个月要求${d.required}${d.unit}，已下访${d.done}${d.unit}。`,
    missed: d.short ? `这个月还差${d.short}次下访` : d.missed.length ? `漏了${d.missed.length}天：${d.missed.map(dayText).join('、')}` : '',
    today: d.dueToday ? '今天是下访日，还没有记录' : '',
  };
}

/** Today in the county (UTC+08:00), as 2026-12-04. */
export const countyDate = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A reception day's hours (08:30–12:00) as a slot's start time and length, within what a slot may last. */
export function slotTimeOf(hours: string): { time: string; minutes: number } {
  const m = /(\d{1,2}):(\d{2})\D+(\d{1,2}):(\d{2})/.exec(hours);
  if (!m) return { time: '09:00', minutes: 60 };
  const start = Number(m[1]) * 60 + Number(m[2]);
  const span = Number(m[3]) * 60 + Number(m[4]) - start;
  return { time: `${m[1]!.padStart(2, '0')}:${m[2]}`, minutes: Math.min(SLOT_MINUTES.max, Math.max(SLOT_MINUTES.min, span)) };
}
