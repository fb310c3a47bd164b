/**
 * @jest-environment ./test/pages/environment.js
 *
 * 约访 from a reception day, as shipped (compiled package) against the real functions: on 约访工作台
 * the 信访局 taps a published county reception day; its place, date and hours fill the form, and the
 * slot opened is the day's leader's.
 */
import { actAs, openPage, tap, toastText, useTestCloud } from './harness';

const cloud = useTestCloud();
const ADMIN = 'demo-admin';

function nextMonth(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

test('the 信访局 opens a slot from a county leader’s reception day, the form filled from the roster', async () => {
  const r = await cloud().ok(ADMIN, 'meet', 'generate', { scope: 'county', month: nextMonth() });
  await cloud().ok(ADMIN, 'meet', 'publish', { rosterId: r.id, version: r.version });
  const first = r.days[0]!;

  actAs(ADMIN);
  const desk = await openPage('packages/meet/desk/index');
  expect(desk.$(`#slot-day-county-${first.date}`)!.dom!.textContent).toContain(`${first.leaderName} · 县信访局接待大厅 08:30–12:00`);
  await tap(desk, `#slot-day-county-${first.date}`);
  expect(desk.data.form).toEqual({ place: '县信访局接待大厅', date: first.date, time: '08:30', minutes: '210' });
  expect(desk.$('#day-chosen')).toBeDefined();
  await tap(desk, '#open-slot');
  expect(toastText(desk)).toBe('已开放预约');
  expect(desk.text()).toContain(`${first.leaderName} · 县信访局接待大厅`);
  const stored = (await cloud().dump()) as { collections: { meet_slots: { leaderName: string; dayId?: string; startAt: number }[] } };
  expect(stored.collections.meet_slots).toEqual([
    expect.objectContaining({
      leaderName: first.leaderName,
      dayId: `county-${first.date}`,
      startAt: Date.parse(`${first.date}T08:30:00+08:00`),
    }),
  ]);
});
