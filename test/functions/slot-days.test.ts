/**
 * 约访 slots opened from a published reception day (S4.4 with S4.2) through the real functions: the
 * 信访局 opens a slot for the county leader of a published Thursday, a town's cadre for their town's
 * leader's day, a leader from their own day; the slot is the day's leader's and must fall on it;
 * nobody else may open one for that leader.
 */
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, RENSHE } from '../helpers/demo';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const dump = async () => JSON.stringify(await cloud.dump());
/** Next month in the county (UTC+08:00): its days are all ahead. */
function nextMonth(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}
const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);
let seq = 0;
const slot = (date: string, extra: Record<string, unknown> = {}) => ({
  clientId: `slot-day-${(seq += 1)}-0000`,
  place: '县信访局接待大厅',
  startAt: at(date, '09:00'),
  minutes: 60,
  ...extra,
});

test('the 信访局 opens a slot for a county leader’s published Thursday; the slot is the leader’s, on that day', async () => {
  const month = nextMonth();
  const county = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'county', month });
  await cloud.ok(ADMIN, 'meet', 'publish', { rosterId: county.id, version: county.version });
  const first = county.days[0]!;

  const days = await cloud.ok(ADMIN, 'meet', 'slotDays', {});
  const day = days.find((d) => d.date === first.date)!;
  expect(day).toMatchObject({
    id: `county-${first.date}`,
    leaderName: first.leaderName,
    place: '县信访局接待大厅',
    hours: '08:30–12:00',
    county: true,
  });
  // a county leader sees his own days only; another unit's cadre none of the county's
  const leaderId = first.leaderName === '陈建华' ? 'demo-leader-1' : 'demo-leader-2';
  expect((await cloud.ok(leaderId, 'meet', 'slotDays', {})).every((d) => d.leaderName === first.leaderName)).toBe(true);
  expect(await cloud.ok(RENSHE, 'meet', 'slotDays', {})).toEqual([]);

  // another day's time, a day that is not one, another unit's cadre: refused, nothing changes
  const before = await dump();
  const wrongDay = await cloud.call(ADMIN, 'meet', 'openSlot', slot(county.days[1]!.date, { dayId: day.id }));
  expect(wrongDay.ok ? '' : wrongDay.error.message).toBe(`约访时间应在接访日${first.date}当天`);
  expect(code(await cloud.call(ADMIN, 'meet', 'openSlot', slot(first.date, { dayId: 'county-2099-01-01' })))).toBe('NOT_FOUND');
  expect(code(await cloud.call(RENSHE, 'meet', 'openSlot', slot(first.date, { dayId: day.id })))).toBe('NOT_FOUND');
  expect(code(await cloud.call(R1, 'meet', 'openSlot', slot(first.date, { dayId: day.id })))).toBe('FORBIDDEN');
  // without a day, only a leader opens a slot (his own)
  expect(code(await cloud.call(ADMIN, 'meet', 'openSlot', slot(first.date)))).toBe('FORBIDDEN');
  expect(await dump()).toBe(before);

  const s = await cloud.ok(ADMIN, 'meet', 'openSlot', slot(first.date, { dayId: day.id }));
  expect(s).toMatchObject({
    leaderName: first.leaderName,
    unitName: '县领导',
    place: '县信访局接待大厅',
    startAt: at(first.date, '09:00'),
  });
  // the leader's desk has it, and residents may book it
  expect((await cloud.ok(leaderId, 'meet', 'desk', {})).slots.map((x) => x.id)).toContain(s.id);
  expect((await cloud.ok(ADMIN, 'meet', 'desk', {})).slots.map((x) => x.id)).toContain(s.id);
  const stored = ((await cloud.dump()) as { collections: { meet_slots: { _id: string; leaderId: string; dayId?: string }[] } }).collections
    .meet_slots;
  expect(stored.find((x) => x._id === s.id)).toMatchObject({ leaderId, dayId: day.id });
});

test('a town leader opens slots from her own reception day; the 信访局 is not a town’s office', async () => {
  const month = nextMonth();
  const town = await cloud.ok(ADMIN, 'meet', 'generate', { scope: 'unit-chengguan', month });
  await cloud.ok(ADMIN, 'meet', 'publish', { rosterId: town.id, version: town.version });
  const date = town.days[2]!.date;
  const mine = await cloud.ok(CHENGGUAN, 'meet', 'slotDays', {});
  expect(mine.length).toBeGreaterThan(0);
  const day = mine.find((d) => d.date === date)!;
  expect(day).toMatchObject({ unitName: '城关镇人民政府', leaderName: '孙丽', county: false });
  const s = await cloud.ok(CHENGGUAN, 'meet', 'openSlot', slot(date, { dayId: day.id, place: day.place }));
  expect(s).toMatchObject({ leaderName: '孙丽', unitName: '城关镇人民政府', place: '镇（街道）便民服务中心接访室' });
  // the 信访局 is not a town's office
  expect(code(await cloud.call(ADMIN, 'meet', 'openSlot', slot(date, { dayId: day.id })))).toBe('NOT_FOUND');
});
