/**
 * Budgets of every action of every function (budgets.json), in a county of real size (REAL_COUNTY:
 * 18 towns, 300 villages and communities, 250 units, 3,000 cadres) with 10,000 seeded requests: database and
 * open-API round trips, documents examined per query (≤ returned + one page: served by an index),
 * page sizes and answer bytes. The list of actions comes from the functions' own action tables, so
 * a new action without a budget or a scenario fails here.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startEmulator, type Emulator } from '../../emulator';
import { userActions } from '../../server/actions/user';
import { countyActions } from '../../server/actions/lookups';
import { requestActions } from '../../server/actions/request';
import { adminActions } from '../../server/actions/admin';
import { surveyActions } from '../../server/actions/survey';
import { repActions } from '../../server/actions/rep';
import { consultActions } from '../../server/actions/consult';
import { meetActions } from '../../server/actions/meet';
import { volunteerActions } from '../../server/actions/volunteer';
import { dutyActions } from '../../server/actions/duty';
import { REAL_COUNTY, seedPopulation, type Population } from '../../bench/population';
import { SCENARIOS, run, type Kind, type Measured } from '../../bench/scenarios';

interface ActionBudget {
  kind: Kind;
  max: number;
  over?: string;
}
interface Budgets {
  scale: { requests: number };
  queries: { page: number };
  lists: { maxPageItems: number };
  responses: { maxBytes: number; actions?: Record<string, { maxBytes: number; over: string }> };
  roundTrips: { caps: Record<Kind, number>; actions: Record<string, ActionBudget> };
}

const budgets = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'budgets.json'), 'utf8')) as Budgets;
const TABLES: Record<string, object> = {
  user: userActions,
  county: countyActions,
  request: requestActions,
  admin: adminActions,
  survey: surveyActions,
  rep: repActions,
  consult: consultActions,
  meet: meetActions,
  volunteer: volunteerActions,
  duty: dutyActions,
};
const ACTIONS = Object.entries(TABLES).flatMap(([fn, table]) => Object.keys(table).map((a) => `${fn}.${a}`));

// Seeding a county of real size and every scenario (each with its unmeasured set-up) takes minutes on a busy machine.
jest.setTimeout(300_000);

let emu: Emulator;
let dataDir: string;
let pop: Population;
/** key → variant → measured (warm) */
const results = new Map<string, Map<string, Measured>>();

beforeAll(async () => {
  process.env.LIANXIN_QUIET = '1';
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-budgets-'));
  emu = await startEmulator({ port: 0, dataDir, quiet: true, instancesPerFunction: 1 });
  pop = await seedPopulation(emu.url, budgets.scale.requests);
  for (const s of SCENARIOS) {
    if (!ACTIONS.includes(s.key)) continue;
    await run(pop, await s.make(pop, 0)); // first call: instance start, directory read
    const m = await run(pop, await s.make(pop, 1));
    if (!results.has(s.key)) results.set(s.key, new Map());
    results.get(s.key)!.set(s.variant, m);
  }
});

afterAll(async () => {
  await emu?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  const out = Object.fromEntries(
    [...results].map(([k, v]) => [k, Object.fromEntries([...v].map(([variant, m]) => [variant, { ...m, body: undefined }]))]),
  );
  fs.writeFileSync(path.join(os.tmpdir(), 'lianxin-budgets-measured.json'), JSON.stringify(out, null, 2));
});

test('the action tables are what the budgets cover: every action has a budget and a scenario', () => {
  const noBudget = ACTIONS.filter((a) => !budgets.roundTrips.actions[a]);
  const noScenario = ACTIONS.filter((a) => !SCENARIOS.some((s) => s.key === a));
  const stale = Object.keys(budgets.roundTrips.actions).filter((a) => !ACTIONS.includes(a));
  expect({ noBudget, noScenario, stale }).toEqual({ noBudget: [], noScenario: [], stale: [] });
  expect(pop.n).toBe(budgets.scale.requests);
  // counted in the emulator after seeding: the county is of real size, not the demo's handful
  expect(pop.county).toEqual(REAL_COUNTY);
});

describe.each(ACTIONS)('%s', (key) => {
  const variants = (): [string, Measured][] => [...(results.get(key) ?? new Map<string, Measured>())];

  test('succeeds in every scenario', () => {
    const failed = variants()
      .filter(([, m]) => !m.ok)
      .map(([v, m]) => `${v}: ${JSON.stringify(m.body)}`);
    expect(variants().length).toBeGreaterThan(0);
    expect(failed).toEqual([]);
  });

  test('round trips within its budget, and its budget within the cap of its kind (or the reason it is over)', () => {
    const b = budgets.roundTrips.actions[key];
    expect(b).toBeDefined();
    const measured = Object.fromEntries(variants().map(([v, m]) => [v, m.roundTrips]));
    const over = Object.entries(measured).filter(([, n]) => n > b.max);
    expect({ key, over }).toEqual({ key, over: [] });
    const cap = budgets.roundTrips.caps[b.kind];
    if (b.max > cap) expect(typeof b.over === 'string' && b.over.length > 0).toBe(true);
    // a budget is not slack: lower it when the action gets cheaper
    expect(Math.max(...Object.values(measured))).toBe(b.max);
  });

  test('every query is served by an index: documents examined ≤ returned + one page', () => {
    const bad = variants()
      .filter(([, m]) => m.docsExamined > m.docsReturned + budgets.queries.page)
      .map(([v, m]) => `${v}: examined ${m.docsExamined}, returned ${m.docsReturned}`);
    expect(bad).toEqual([]);
  });

  test('pages hold at most maxPageItems; answers stay under maxBytes (or the reason they are over)', () => {
    const own = budgets.responses.actions?.[key];
    if (own) expect(own.over.length > 0 && own.maxBytes > budgets.responses.maxBytes).toBe(true);
    const maxBytes = own?.maxBytes ?? budgets.responses.maxBytes;
    for (const [v, m] of variants()) {
      const data = (m.body as { data?: unknown }).data;
      const isPage = !!data && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { items?: unknown }).items);
      if (isPage) expect({ v, items: m.items! <= budgets.lists.maxPageItems }).toEqual({ v, items: true });
      expect({ v, bytes: m.bytes <= maxBytes }).toEqual({ v, bytes: true });
    }
  });
});
