/**
 * A county at scale, for the budget tests and the benchmark: the demo county (seeded the usual way,
 * through the real functions), grown to a county of real size (REAL_COUNTY: 18 towns, 300 villages
 * and communities, 250 units with a 连心卡 each, 3,000 cadres, a routing rule per town, a month of
 * figures for every unit), and `n` requests over all of its units and places, inserted in bulk over
 * the emulator's wire protocol (`POST /admin`, database.insertDocument, 1,000 documents a call).
 *
 * The requests are copies of the demo requests the real functions wrote (one template per state, so
 * they have exactly the shape, events and deadlines the current server code produces), re-keyed:
 * new _id / no / clientId, a requester, a unit, a card or place, and a distinct createdAt (n spread
 * over a year). Only traffic to
 * the emulator's own URL (127.0.0.1).
 */
import { createHash } from 'crypto';
import * as demo from '../scripts/demo-county';
import { seedCounty } from '../scripts/seed';
import { COUNTER_FIELDS, COUNTY, counterId } from '../server/domain/figures';

type Doc = Record<string, unknown>;

export interface SeededRequest {
  id: string;
  status: string;
  version: number;
  unitId: string | null;
  requesterId: string;
  createdAt: number;
}

/** How big a county is: top-level places (towns, streets), villages and communities, units, cadres. */
export interface CountySize {
  towns: number;
  places: number;
  units: number;
  cadres: number;
}

/** A county of real size (issue 10): what the budget tests and the benchmark run against. */
export const REAL_COUNTY: CountySize = { towns: 18, places: 300, units: 250, cadres: 3000 };

/** The month the seeded figures are for (the budget scenarios ask for it). */
const FIGURES_MONTH = '2026-11';

export interface Population {
  url: string;
  n: number;
  /** what the emulator holds after seeding, counted there */
  county: CountySize;
  /** units that handle requests (every demo unit but the dispatcher's own) */
  units: string[];
  /** the bench cadre of each unit (users document inserted by the seed) */
  cadreOf: Record<string, string>;
  residents: string[];
  admin: string;
  /** seeded requests by `${status}` and by `${status}|${unitId}`; actions take (shift) from these */
  pool: Map<string, SeededRequest[]>;
  /** the resident with the most requests */
  busyResident: string;
  /** the unit with the most open requests */
  busyUnit: string;
  seedMs: number;
  /** ids already taken by a call */
  used: Set<string>;
  /** a new request in a state, for when the seeded ones are used up */
  mint(status: string, unitId?: string): Promise<SeededRequest>;
}

/** Share of each state among seeded requests (a county some months in). */
const STATE_MIX: [string, number][] = [
  ['submitted', 0.04],
  ['assigned', 0.16],
  ['accepted', 0.16],
  ['replied', 0.12],
  ['closed', 0.44],
  ['returned', 0.03],
  ['withdrawn', 0.05],
];

const HANDLED = new Set(['assigned', 'accepted', 'replied', 'closed']);

async function admin(url: string, body: Doc): Promise<Doc> {
  const res = await fetch(`${url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const out = (await res.json()) as Doc;
  if (out.code) throw new Error(`${String(body.action)}: ${String(out.code)} ${String(out.message)}`);
  return out;
}

export async function insertMany(url: string, collectionName: string, docs: Doc[], chunk = 1000): Promise<void> {
  for (let i = 0; i < docs.length; i += chunk) {
    await admin(url, { action: 'database.insertDocument', collectionName, data: docs.slice(i, i + chunk).map((d) => JSON.stringify(d)) });
  }
}

const hexId = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 24);

async function count(url: string, collectionName: string, query: Doc): Promise<number> {
  const out = await admin(url, { action: 'database.calculateDocument', collectionName, query: JSON.stringify(query) });
  return Number((out.data as { total: number }).total);
}

/**
 * Grows the demo county to `size`: towns with their villages and communities and a 镇 government
 * each (the town's routing rule points there), county units up to `size.units`, a 连心卡 per new
 * unit, and cadres spread over the units (some of them unit heads) up to `size.cadres`.
 */
async function growCounty(url: string, size: CountySize, now: number): Promise<void> {
  const topLevel = demo.regions.filter((r) => r.parentId === null).length;
  const lower = demo.regions.length - topLevel;
  const towns = Array.from({ length: Math.max(0, size.towns - topLevel) }, (_v, t) => ({
    _id: `town-b${t}`,
    name: `第${t + 1}镇`,
    kind: 'town',
    parentId: null,
  }));
  const places = Array.from({ length: Math.max(0, size.places - lower) }, (_v, i) => {
    const town = towns[i % towns.length]!;
    return {
      _id: `${i % 6 === 5 ? 'com' : 'vil'}-b${i}`,
      name: `${town.name}第${Math.floor(i / towns.length) + 1}${i % 6 === 5 ? '社区' : '村'}`,
      kind: i % 6 === 5 ? 'community' : 'village',
      parentId: town._id,
    };
  });
  const townUnits = towns.map((t) => ({ _id: `unit-${t._id}`, name: `${t.name}人民政府`, kind: '镇' }));
  const KINDS = ['县直单位', '窗口单位', '执法单位', '公用事业'];
  const countyUnits = Array.from({ length: Math.max(0, size.units - demo.units.length - townUnits.length) }, (_v, i) => ({
    _id: `unit-b${i}`,
    name: `县第${i + 1}局`,
    kind: KINDS[i % KINDS.length]!,
  }));
  const newUnits = [...townUnits, ...countyUnits];
  await insertMany(url, 'regions', [...towns, ...places]);
  await insertMany(url, 'units', newUnits);
  await insertMany(
    url,
    'routing_rules',
    towns.map((t) => ({ _id: `route-${t._id}`, category: '*', regionId: t._id, unitId: `unit-${t._id}` })),
  );
  await insertMany(
    url,
    'cards',
    newUnits.map((u, i) => ({
      _id: `card-${u._id}`,
      scene: `c-b${i}`,
      unitId: u._id,
      unitName: u.name,
      scope: `${u.name}职责范围内的群众诉求`,
      duties: '首问负责，限时办结',
      responsible: '值班负责人',
      phone: `0000-${String(7000000 + i)}`,
      supervisionPhone: '0000-6600000',
      active: true,
      updatedAt: now,
    })),
  );
}

/** Cadres beyond one per handling unit, round-robin over the units, up to `size.cadres` in all. */
async function moreCadres(url: string, size: CountySize, units: { _id: string; name: string }[], now: number): Promise<void> {
  const existing = await count(url, 'users', { roles: 'cadre' });
  const docs = Array.from({ length: Math.max(0, size.cadres - existing) }, (_v, i) => {
    const u = units[i % units.length]!;
    return {
      _id: `bench-cadre-${u._id}-${Math.floor(i / units.length) + 2}`,
      roles: ['resident', 'cadre'],
      unitId: u._id,
      unitName: u.name,
      name: '测试干部',
      level: '窗口工作人员',
      head: i < units.length,
      createdAt: now,
      updatedAt: now,
    };
  });
  await insertMany(url, 'users', docs);
}

export async function seedPopulation(
  url: string,
  n: number,
  opts: { residents?: number; county?: CountySize; log?: (msg: string) => void } = {},
): Promise<Population> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const size = opts.county ?? REAL_COUNTY;
  await seedCounty(url, { requests: true });
  await growCounty(url, size, Date.now());
  const dump = (await (await fetch(`${url}/dev/dump`)).json()) as { collections: Record<string, Doc[]> };
  const templates = new Map<string, Doc>();
  for (const r of dump.collections.requests ?? []) if (!templates.has(String(r.status))) templates.set(String(r.status), r);
  const mix = STATE_MIX.filter(([s]) => templates.has(s));
  if (mix.length === 0) throw new Error('the demo seed wrote no requests to copy');

  const allUnits = (dump.collections.units ?? []).map((u) => ({ _id: String(u._id), name: String(u.name) }));
  const units = allUnits.map((u) => u._id).filter((u) => u !== 'unit-xinfang');
  const unitName = new Map<string, string>(allUnits.map((u) => [u._id, u.name]));
  const cadreOf: Record<string, string> = {};
  const now = Date.now();
  await insertMany(
    url,
    'users',
    units.map((u) => {
      cadreOf[u] = `bench-cadre-${u}`;
      return {
        _id: cadreOf[u],
        roles: ['resident', 'cadre'],
        unitId: u,
        unitName: unitName.get(u),
        name: '测试干部',
        level: '窗口工作人员',
        createdAt: now,
        updatedAt: now,
      };
    }),
  );
  await moreCadres(
    url,
    size,
    allUnits.filter((u) => u._id !== 'unit-xinfang'),
    now,
  );
  // a month of figures for every unit, as the timer leaves them (the admin's 统计 reads them all)
  const counted = new Set((dump.collections.counters ?? []).map((c) => String(c._id)));
  const seeded: Doc[] = units
    .filter((u) => !counted.has(counterId(FIGURES_MONTH, u)))
    .map((u, i) => ({
      _id: counterId(FIGURES_MONTH, u),
      month: FIGURES_MONTH,
      unitId: u,
      updatedAt: now,
      ...Object.fromEntries(COUNTER_FIELDS.map((f, k) => [f, (i + k) % 7])),
    }));
  await insertMany(url, 'counters', seeded);
  // and the county's month, the sum of its units' (the timer keeps both)
  const ofMonth = [...(dump.collections.counters ?? []).filter((c) => c.month === FIGURES_MONTH && c.unitId !== COUNTY), ...seeded];
  const countyCounts = Object.fromEntries(COUNTER_FIELDS.map((f) => [f, ofMonth.reduce((sum, c) => sum + Number(c[f] ?? 0), 0)]));
  await admin(url, {
    action: 'database.modifyDocument',
    collectionName: 'counters',
    queryType: 'DOC',
    query: JSON.stringify({ _id: counterId(FIGURES_MONTH, COUNTY) }),
    data: JSON.stringify({ month: FIGURES_MONTH, unitId: COUNTY, updatedAt: now, ...countyCounts }),
    multi: false,
    merge: false,
    upsert: true,
  });

  const residentCount = Math.max(1, opts.residents ?? Math.ceil(n / 25));
  const residents = Array.from({ length: residentCount }, (_v, i) => `bench-r-${i}`);
  const pool = new Map<string, SeededRequest[]>();
  const add = (key: string, r: SeededRequest): void => {
    let list = pool.get(key);
    if (!list) pool.set(key, (list = []));
    list.push(r);
  };
  const total = mix.reduce((s, [, w]) => s + w, 0);
  // a year of requests whatever n is (at least 1 s apart): windows by time hold realistic counts
  const spacing = Math.max(1000, Math.floor((365 * 86_400_000) / n));
  const base = demo.DEMO_NOW - n * spacing;
  const places = (dump.collections.regions ?? [])
    .filter((r) => r.parentId !== null)
    .map((r) => ({ _id: String(r._id), name: String(r.name) }));
  const openPerUnit = new Map<string, number>();
  const batch: Doc[] = [];
  /** The i-th request of the population, a copy of the demo's request in `status`, re-keyed. */
  const build = (i: number, status: string, unitOverride?: string): { doc: Doc; rec: SeededRequest } => {
    const t = templates.get(status)!;
    const unitId = unitOverride ?? (HANDLED.has(status) ? units[i % units.length] : null);
    const requesterId = residents[i % residents.length];
    const createdAt = base + i * spacing;
    const id = hexId(`bench#${i}`);
    const shift = createdAt - Number(t.createdAt);
    const events = Array.isArray(t.events)
      ? (t.events as Doc[]).map((e) => ({ ...e, at: Number(e.at) + shift, actorId: e.actorRole === 'resident' ? requesterId : e.actorId }))
      : t.events;
    const doc: Doc = {
      ...t,
      _id: id,
      no: `B${String(i).padStart(8, '0')}`,
      clientId: `bench-${i}`,
      requesterId,
      unitId,
      unitName: unitId ? unitName.get(unitId) : null,
      subjectUnitId: null,
      cardId: t.cardId ? demo.cards[i % demo.cards.length]._id : null,
      regionId: t.regionId ? places[i % places.length]._id : null,
      regionName: t.regionId ? places[i % places.length].name : null,
      createdAt,
      updatedAt: createdAt,
      events,
    };
    for (const k of ['acceptDueAt', 'dueAt', 'repliedAt']) if (typeof t[k] === 'number') doc[k] = Number(t[k]) + shift;
    return { doc, rec: { id, status, version: Number(t.version), unitId, requesterId, createdAt } };
  };
  for (let i = 0; i < n; i++) {
    // deterministic spread of states: walk the cumulative mix with a golden-ratio sequence
    const x = ((i * 0.6180339887) % 1) * total;
    let acc = 0;
    let status = mix[mix.length - 1][0];
    for (const [s, w] of mix) {
      acc += w;
      if (x < acc) {
        status = s;
        break;
      }
    }
    const { doc, rec } = build(i, status);
    const unitId = rec.unitId;
    batch.push(doc);
    add(status, rec);
    if (unitId) add(`${status}|${unitId}`, rec);
    if (unitId && (status === 'assigned' || status === 'accepted')) openPerUnit.set(unitId, (openPerUnit.get(unitId) ?? 0) + 1);
    if (batch.length === 5000) {
      await insertMany(url, 'requests', batch.splice(0));
      if (i + 1 >= 50_000 && (i + 1) % 50_000 === 0) log(`  ${i + 1} requests`);
    }
  }
  await insertMany(url, 'requests', batch.splice(0));
  // newest first, like the lists: actions take the most recent matching request
  for (const list of pool.values()) list.reverse();
  const busyUnit = [...openPerUnit.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? units[0];
  let minted = n;
  /** One more request in `status`, inserted now (unmeasured): scenarios never run dry. */
  const mint = async (status: string, unitId?: string): Promise<SeededRequest> => {
    const { doc, rec } = build(minted++, status, unitId);
    await insertMany(url, 'requests', [doc]);
    return rec;
  };
  const county: CountySize = {
    towns: await count(url, 'regions', { parentId: null }),
    places: await count(url, 'regions', { parentId: { $ne: null } }),
    units: await count(url, 'units', {}),
    cadres: await count(url, 'users', { roles: 'cadre' }),
  };
  return {
    url,
    n,
    county,
    units,
    cadreOf,
    residents,
    admin: 'demo-admin',
    pool,
    busyResident: residents[0],
    busyUnit,
    seedMs: Date.now() - started,
    used: new Set(),
    mint,
  };
}

/** Takes the newest seeded request in `status` (optionally of `unitId`) that no earlier call used; mints one when none is left. */
export async function take(pop: Population, status: string, unitId?: string): Promise<SeededRequest> {
  const list = pop.pool.get(unitId ? `${status}|${unitId}` : status) ?? [];
  for (;;) {
    const r = list.shift();
    if (!r) return pop.mint(status, unitId);
    if (pop.used.has(r.id)) continue;
    pop.used.add(r.id);
    return r;
  }
}
