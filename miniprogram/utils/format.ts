/** Dates as the county writes them, always in Beijing time whatever the phone's zone. */
const BEIJING_OFFSET = 8 * 3600 * 1000;
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * "2026年12月7日 24:00": a deadline at midnight is the end of the day before, as people say it;
 * other times are shown as they are ("2026年12月7日 09:30").
 */
export function formatDateTime(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET);
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0) {
    const prev = new Date(ms + BEIJING_OFFSET - 1);
    return `${prev.getUTCFullYear()}年${prev.getUTCMonth() + 1}月${prev.getUTCDate()}日 24:00`;
  }
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
