/**
 * 下访 (S4.3) through the real functions, under the seeded rules: a 包村干部 logs 逢五必进 visits and
 * reads what they missed (October 2026: 国庆 declared a sensitive period asks every day of it, the
 * working Fridays after); a county leader logs the monthly 下访 with a key case taken along (带案下访);
 * the admin reads who missed what. Bad input, another's case, a window clerk: refused, nothing changes.
 */
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, RENSHE, R1 } from '../helpers/demo';
import { DEMO } from '../../scripts/demo-county';
import { leaderKey } from '../../server/meet';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const dump = async () => JSON.stringify(await cloud.dump());
const VILLAGE = DEMO.village;
let seq = 0;
const visit = (date: string, extra: Record<string, unknown> = {}) => ({
  clientId: `visit-${(seq += 1)}-00000000`,
  date,
  place: '石门村村委会',
  notes: '走访三组五户群众，收集灌溉用水问题',
  ...extra,
});

test('逢五必进: a 包村干部’s October over 国庆 (a sensitive period), what they missed, and the admin’s list', async () => {
  await cloud.ok(ADMIN, 'meet', 'setPeriod', { name: '国庆节', from: '2026-10-01', to: '2026-10-07' });
  for (const date of ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-09'])
    await cloud.ok(VILLAGE, 'meet', 'logVisit', visit(date));
  const last = visit('2026-10-23');
  expect((await cloud.ok(VILLAGE, 'meet', 'logVisit', last)).duplicate).toBe(false);
  const mine = await cloud.ok(VILLAGE, 'meet', 'myVisits', { month: '2026-10' });
  expect(mine.due).toMatchObject({ unit: '天', required: 11, done: 8, missed: ['2026-10-04', '2026-10-16', '2026-10-30'], short: 0 });
  expect(mine.due.rule).toContain('逢五必进');
  expect(mine.visits.map((v) => v.date)[0]).toBe('2026-10-23');
  expect(mine.cases).toEqual([]);

  // a retry is the same visit; bad input changes nothing
  const again = await cloud.ok(VILLAGE, 'meet', 'logVisit', last);
  expect(again.duplicate).toBe(true);
  const before = await dump();
  const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  for (const bad of [visit(tomorrow), visit('2020-01-03'), visit('2026-10-16', { notes: '好' }), visit('2026-13-01')])
    expect(code(await cloud.call(VILLAGE, 'meet', 'logVisit', bad as never))).toBe('INVALID_INPUT');
  expect(code(await cloud.call(RENSHE, 'meet', 'logVisit', visit('2026-10-16')))).toBe('FORBIDDEN');
  expect(code(await cloud.call(R1, 'meet', 'logVisit', visit('2026-10-16')))).toBe('FORBIDDEN');
  expect(await dump()).toBe(before);

  // the admin: who missed what in October — the 包村干部 his three days, both county leaders their 下访
  const list = await cloud.ok(ADMIN, 'meet', 'missedVisits', { month: '2026-10' });
  expect(list.people.map((p) => [p.name, p.due.missed.length, p.due.short])).toEqual([
    ['吴小军', 3, 0],
    ['陈建华', 0, 1],
    ['林志远', 0, 1],
  ]);
  expect(list.people[0]).toMatchObject({ key: leaderKey(VILLAGE), unitName: '石门镇人民政府', level: '包村(居)干部' });
  expect(JSON.stringify(list)).not.toContain(VILLAGE);
  expect(code(await cloud.call(CHENGGUAN, 'meet', 'missedVisits', { month: '2026-10' }))).toBe('FORBIDDEN');
});

test('带案下访: a county leader’s monthly 下访 with his key case; only his own open cases go along', async () => {
  const letter = await cloud.ok(ADMIN, 'admin', 'register', {
    clientId: 'visit-case-letter-0001',
    source: '来信',
    category: '求助',
    content: '河西村灌溉水渠多年失修，请求县领导协调解决。',
    receivedAt: Date.now() - 86_400_000,
    contactName: '周大海',
    unitId: 'unit-chengguan',
    confidential: false,
  });
  const c = await cloud.ok(ADMIN, 'meet', 'assignCase', { requestNo: letter.no, leaderKey: leaderKey(DEMO.leader1) });
  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  const today = `${month}-${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(8, 10)}`;

  let mine = await cloud.ok(DEMO.leader1, 'meet', 'myVisits', { month });
  expect(mine.due).toMatchObject({ unit: '次', required: 1, done: 0, short: 1 });
  expect(mine.cases).toEqual([{ id: c.id, no: letter.no, title: expect.any(String) }]);

  // another leader cannot take his case along
  const before = await dump();
  expect(code(await cloud.call(DEMO.leader2, 'meet', 'logVisit', visit(today, { caseIds: [c.id] })))).toBe('INVALID_INPUT');
  expect(await dump()).toBe(before);

  const v = await cloud.ok(DEMO.leader1, 'meet', 'logVisit', visit(today, { place: '城关镇河西村', caseIds: [c.id] }));
  expect(v.cases).toEqual([{ id: c.id, no: letter.no, title: expect.any(String) }]);
  mine = await cloud.ok(DEMO.leader1, 'meet', 'myVisits', { month });
  expect(mine.due).toMatchObject({ done: 1, short: 0 });
  expect(mine.visits[0]).toMatchObject({ place: '城关镇河西村', cases: [{ no: letter.no }] });
  expect((await cloud.ok(ADMIN, 'meet', 'missedVisits', { month })).people.map((p) => p.name)).not.toContain('陈建华');

  // a town leader may log a 下访 too (视情况随时下访); no rule counts it
  expect((await cloud.ok(CHENGGUAN, 'meet', 'myVisits', { month })).due.rule).toBeNull();
  await cloud.ok(CHENGGUAN, 'meet', 'logVisit', visit(today));

  // the events are on the month's document, one per visit
  const stored = ((await cloud.dump()) as { collections: { down_visits: { cadreId: string; events: { type: string }[] }[] } }).collections
    .down_visits;
  expect(stored.find((d) => d.cadreId === DEMO.leader1)!.events.map((e) => e.type)).toEqual(['log']);
});
