/** Dates as the county writes them, always in Beijing time whatever the phone's zone. */
const BEIJING_OFFSET = 8 * 3600 * 1000;
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Today in the county (Beijing time), as a date field takes it. */
export const countyToday = (): string => new Date(Date.now() + BEIJING_OFFSET).toISOString().slice(0, 10);

/** The day a moment ends, when it is the end of a day: 24:00 (midnight) or its last millisecond (how the server's deadlines end). */
function endOfDay(ms: number): Date | null {
  const d = new Date(ms + BEIJING_OFFSET);
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0) return new Date(ms + BEIJING_OFFSET - 1);
  if (d.getUTCHours() === 23 && d.getUTCMinutes() === 59 && d.getUTCSeconds() === 59) return d;
  return null;
}

/**
 * "2026年12月7日 24:00": a deadline at the end of a day is said as people say it; other times are
 * shown as they are ("2026年12月7日 09:30").
 */
export function formatDateTime(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET);
  const end = endOfDay(ms);
  if (end) return `${end.getUTCFullYear()}年${end.getUTCMonth() + 1}月${end.getUTCDate()}日 24:00`;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * A deadline the short way a list row says it: "12月4日" for one at 24:00 (the end of that day),
 * "12月4日 15:30" for one within the day (hour limits).
 */
export function formatDeadline(ms: number): string {
  const end = endOfDay(ms);
  if (end) return `${end.getUTCMonth() + 1}月${end.getUTCDate()}日`;
  const d = new Date(ms + BEIJING_OFFSET);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
