/**
 * A county at scale, for the budget tests and the benchmark: the demo county (seeded the usual way,
 * through the real functions), a cadre for every unit, and `n` requests inserted in bulk over the
 * emulator's wire protocol (`POST /admin`, database.insertDocument, 1,000 documents a call).
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

type Doc = Record<string, unknown>;

export interface SeededRequest {
  id: string;
  status: string;
  version: number;
  unitId: string | null;
  requesterId: string;
  createdAt: number;
}

export interface Population {
  url: string;
  n: number;
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
export const STATE_MIX: [string, number][] = [
  ['submitted', 0.04], ['assigned', 0.16], ['accepted', 0.16], ['replied', 0.12], ['closed', 0.44], ['returned', 0.03], ['withdrawn', 0.05],
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

export async function seedPopulation(url: string, n: number, opts: { residents?: number; log?: (msg: string) => void } = {}): Promise<Population> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  await seedCounty(url, { requests: true });
  const dump = (await (await fetch(`${url}/dev/dump`)).json()) as { collections: Record<string, Doc[]> };
  const templates = new Map<string, Doc>();
  for (const r of dump.collections.requests ?? []) if (!templates.has(String(r.status))) templates.set(String(r.status), r);
  const mix = STATE_MIX.filter(([s]) => templates.has(s));
  if (mix.length === 0) throw new Error('the demo seed wrote no requests to copy');

  const units = demo.units.map((u) => u._id).filter((u) => u !== 'unit-xinfang');
  const unitName = new Map<string, string>(demo.units.map((u) => [u._id, u.name]));
  const cadreOf: Record<string, string> = {};
  const now = Date.now();
  await insertMany(url, 'users', units.map((u) => {
    cadreOf[u] = `bench-cadre-${u}`;
    return { _id: cadreOf[u], roles: ['resident', 'cadre'], unitId: u, unitName: unitName.get(u), name: '测试干部', level: '窗口工作人员', createdAt: now, updatedAt: now };
  }));

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
  const places = demo.regions.filter((r) => r.parentId !== null);
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
    const events = Array.isArray(t.events) ? (t.events as Doc[]).map((e) => ({ ...e, at: Number(e.at) + shift, actorId: e.actorRole === 'resident' ? requesterId : e.actorId })) : t.events;
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
  return { url, n, units, cadreOf, residents, admin: 'demo-admin', pool, busyResident: residents[0], busyUnit, seedMs: Date.now() - started, used: new Set(), mint };
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
