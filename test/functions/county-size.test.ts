/**
 * Nothing silently stops at 100 (a server-side get returns at most 100 documents): with more than
 * a page of units, villages, counters, calendar days, a unit's cadres and admins, every read that
 * returns them all returns them all, through indexes; the 统计 table pages through every unit.
 */
import type { UnitFigures } from '../../typings';
import { db } from '../../server/db';
import { COUNTY, counterId } from '../../server/domain/figures';
import { Recipients } from '../../server/jobs/outbox';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN } from '../helpers/demo';

const UNITS = 250;
const VILLAGES = 150;
const CADRES = 130;
const ADMINS = 120;
const DAYS = 140;
const MONTH = '2027-03';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const pad = (i: number) => String(i).padStart(3, '0');
/** Adds documents over the real SDK, a few at a time. */
async function addAll(coll: string, docs: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 25) {
    await Promise.all(docs.slice(i, i + 25).map(({ _id, ...data }) => db.collection(coll).doc(String(_id)).set({ data })));
  }
}
type Stats = { collections: Record<string, { queries: number; fullScans: number; docsExamined: number; docsReturned: number }> };
const stats = async () => (await (await fetch(`${cloud.url}/dev/stats`)).json()) as Stats;
const resetStats = () => fetch(`${cloud.url}/dev/stats/reset`, { method: 'POST' });
/** Every query of `coll` since the reset used an index and examined no more than it returned (plus one per query). */
async function servedByIndex(coll: string): Promise<void> {
  const s = (await stats()).collections[coll]!;
  expect(s.queries).toBeGreaterThan(1); // more than one page was read
  expect({ coll, fullScans: s.fullScans }).toEqual({ coll, fullScans: 0 });
  expect(s.docsExamined).toBeLessThanOrEqual(s.docsReturned + s.queries);
}

beforeAll(async () => {
  // Before any function call: the functions' instances read the directory afresh.
  await addAll(
    'units',
    Array.from({ length: UNITS }, (_, i) => ({ _id: `unit-size-${pad(i)}`, name: `规模测试单位${pad(i)}`, kind: 'department' })),
  );
  await addAll('regions', [
    { _id: 'town-size', name: '规模镇', kind: 'town', parentId: null },
    ...Array.from({ length: VILLAGES }, (_, i) => ({
      _id: `vil-size-${pad(i)}`,
      name: `规模村${pad(i)}`,
      kind: 'village',
      parentId: 'town-size',
    })),
  ]);
  // As the timer leaves them: each unit's month, and the county's (their sum).
  const counts = (received: number) => ({
    received,
    responseDue: 0,
    signed: 0,
    signedInTime: 0,
    replied: 0,
    rated: 0,
    satisfied: 0,
    resolved: 0,
    overdue: 0,
  });
  await addAll('counters', [
    ...Array.from({ length: UNITS }, (_, i) => ({
      _id: counterId(MONTH, `unit-size-${pad(i)}`),
      month: MONTH,
      unitId: `unit-size-${pad(i)}`,
      updatedAt: 0,
      ...counts(i),
    })),
    { _id: counterId(MONTH, COUNTY), month: MONTH, unitId: COUNTY, updatedAt: 0, ...counts((UNITS * (UNITS - 1)) / 2) },
  ]);
  await addAll(
    'calendar_days',
    Array.from({ length: DAYS }, (_, i) => ({
      _id: new Date(Date.UTC(2030, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      work: false,
      name: '规模测试',
    })),
  );
  const user = (id: string, roles: string[], unitId: string | null, head = false) => ({
    _id: id,
    roles,
    unitId,
    unitName: unitId ? '规模测试单位000' : null,
    name: '干部',
    level: null,
    head,
    createdAt: 0,
    updatedAt: 0,
  });
  await addAll('users', [
    ...Array.from({ length: CADRES }, (_, i) => user(`size-cadre-${pad(i)}`, ['resident', 'cadre'], 'unit-size-000', i < 3)),
    ...Array.from({ length: ADMINS }, (_, i) => user(`size-admin-${pad(i)}`, ['resident', 'admin'], null)),
  ]);
});

test(`county.units lists all ${UNITS} units and more, by name`, async () => {
  const units = await cloud.ok(ADMIN, 'county', 'units', {});
  const mine = units.filter((u) => u.id.startsWith('unit-size-'));
  expect(mine).toHaveLength(UNITS);
  expect(mine.map((u) => u.name)).toEqual([...mine.map((u) => u.name)].sort());
});

test(`county.regions lists all ${VILLAGES} villages of a town, through its index`, async () => {
  await resetStats();
  const villages = await cloud.ok(ADMIN, 'county', 'regions', { parentId: 'town-size' });
  expect(villages).toHaveLength(VILLAGES);
  expect(new Set(villages.map((v) => v.id)).size).toBe(VILLAGES);
  await servedByIndex('regions');
});

test(`the admin's county.figures pages through every unit of the month (${UNITS} and the demo's), 20 at a time by name, each page one read`, async () => {
  await resetStats();
  const rows: UnitFigures[] = [];
  let cursor: string | null | undefined;
  let pages = 0;
  do {
    const page = await cloud.ok(ADMIN, 'county', 'figures', cursor ? { month: MONTH, cursor } : { month: MONTH });
    expect(page.items.length).toBeLessThanOrEqual(20);
    expect(page.county?.received).toBe((UNITS * (UNITS - 1)) / 2); // the county's total, from its one counter
    rows.push(...page.items);
    cursor = page.cursor;
    pages += 1;
  } while (cursor);
  const units = await cloud.ok(ADMIN, 'county', 'units', {});
  expect(rows.map((r) => r.unitId).sort()).toEqual(units.map((u) => u.id).sort()); // every unit once, zero rows included
  expect(pages).toBe(Math.ceil(units.length / 20));
  const names = rows.map((r) => r.unitName);
  expect(names).toEqual([...names].sort(new Intl.Collator('zh').compare));
  expect(rows.filter((r) => r.unitId.startsWith('unit-size-')).reduce((sum, r) => sum + r.received, 0)).toBe((UNITS * (UNITS - 1)) / 2);
  // One query per page, by _id: nothing read beyond the page's units and the county's counter.
  const s = (await stats()).collections.counters!;
  expect(s.queries).toBe(pages);
  expect({ fullScans: s.fullScans, examined: s.docsExamined }).toEqual({ fullScans: 0, examined: s.docsReturned });

  const bad = await cloud.call(ADMIN, 'county', 'figures', { month: MONTH, cursor: Buffer.from('no-such-unit').toString('base64url') });
  expect(bad.ok ? 'ok' : bad.error).toEqual({ code: 'INVALID_INPUT', message: '翻页位置不正确，请刷新列表后重试' });
  // A month nothing was counted in is empty, not a table of zeros.
  expect(await cloud.ok(ADMIN, 'county', 'figures', { month: '2027-04' })).toEqual({ items: [], cursor: null, county: null });
});

test(`admin.calendarDays lists all ${DAYS} days the county entered`, async () => {
  const days = await cloud.ok(ADMIN, 'admin', 'calendarDays', {});
  expect(days.filter((d) => d.name === '规模测试')).toHaveLength(DAYS);
});

test(`the timer's recipients: all ${CADRES} cadres of a unit, its heads and all ${ADMINS}+ admins, through their indexes`, async () => {
  await resetStats();
  const recipients = new Recipients();
  const unit = await recipients.of('unit-size-000', 'unit');
  expect(new Set(unit).size).toBe(CADRES);
  const admins = await recipients.of(null, 'admins');
  expect(admins.filter((a) => a.startsWith('size-admin-'))).toHaveLength(ADMINS);
  const heads = await recipients.of('unit-size-000', 'heads');
  expect(heads).toEqual(expect.arrayContaining(['size-cadre-000', 'size-cadre-001', 'size-cadre-002', ...admins]));
  expect(heads).toHaveLength(3 + admins.length);
  await servedByIndex('users');
});
