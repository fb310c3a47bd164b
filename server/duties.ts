/**
 * 干部履职 (S1–S3, S5, S8): the records a leader keeps (visits and stays, research reports, talks),
 * their contact points, and each leader's tally (`duty_tallies`, one per cadre), which every record
 * raises in the same transaction that stores it: figures read tallies, never the records.
 *
 * Talk notes are read by the cadre who wrote them and the organisation department (admin) only.
 */
import { createHash } from 'crypto';
import type { DutyRecordView, DutyStanding, Figure as FigureView, ContactPointView } from '../typings';
import type { CadreLevel } from '../miniprogram/shared/domain';
import { PERSON_SLOTS, SLOT_LABELS, isLeader, type SlotKind, type TalkForm, type VisitKind } from '../miniprogram/shared/duties';
import type { Caller } from './caller';
import { _, casUpdate, db, findAll, findMany, findPage, getById, type CursorKey, type TxLike } from './db';
import type { Counted } from './tally';
import type { Directory } from './directory';
import { AppError } from './errors';
import { countyTime } from './domain/calendar';
import { maskName } from './domain/privacy';
import { emptyTally, evaluate, furthestBehind, rulesFor, standing, type DutyContext, type DutyRule, type DutyTally } from './domain/duties';

export const todayOf = (ms: number): string => countyTime(ms).format('YYYY-MM-DD');

/** A leader's tally (_id = openid): what the figures read. */
export interface TallyDoc extends DutyTally {
  _id: string;
  /** An opaque handle an admin names the cadre by (no openid leaves the server). */
  key: string;
  name: string;
  unitId: string | null;
  unitName: string | null;
  level: CadreLevel | null;
  /** The village or community of a town or street leader's contact point (S2.3 households share). */
  community?: string | null;
  /** How far behind, as of `rankedOn`: rules behind × 1000 + the missing share (figures sort by it, furthest first). */
  rank: number;
  rankedOn: string;
  version: number;
  updatedAt: number;
}

/** The sort key of a standing: more rules behind first, then the lower mean share. */
const rankOf = (s: { behind: number; share: number }): number => s.behind * 1000 + Math.round((1 - s.share) * 999);

/** The handle of a cadre in every answer: a hash of their openid. */
export const cadreKey = (openid: string): string => `k${createHash('sha256').update(`lianxin-cadre:${openid}`).digest('hex').slice(0, 16)}`;

/** One thing that happened to a record or contact point: kept, never rewritten. */
export interface DutyEvent {
  seq: number;
  type: 'record' | 'assign' | 'remove';
  at: number;
  actorId: string;
  note: string | null;
}

export interface DutyRecordDoc {
  _id: string;
  clientId: string;
  cadreId: string;
  unitId: string | null;
  kind: VisitKind | 'report' | 'talk';
  /** YYYY-MM-DD: a visit's first and last day; a report's or talk's day (start = end). */
  start: string;
  end: string;
  year: number;
  place: string | null;
  regionId: string | null;
  pointId: string | null;
  slot: SlotKind | null;
  purpose: string | null;
  met: string | null;
  households: number;
  retinue: number;
  photos: string[];
  /** Requests gathered on the visit, each on the request lifecycle. */
  requestIds: string[];
  topic: string | null;
  summary: string | null;
  talkWith: string | null;
  form: TalkForm | null;
  /** Read by the cadre and the organisation department only. */
  notes: string | null;
  createdAt: number;
  events: DutyEvent[];
}

/** A contact point (S2.1) of one cadre for one year, with the code residents scan. */
/** Whose a cadre's duty document is (a contact point, a relief pair, a posting), as its lists show it. */
export interface CadreOwned {
  _id: string;
  clientId: string;
  cadreId: string;
  cadreName: string;
  unitId: string | null;
  unitName: string | null;
}

export const ownedBy = (
  cadreId: string,
  u: { name?: string | null; unitId: string | null; unitName: string | null },
): Pick<CadreOwned, 'cadreId' | 'cadreName' | 'unitId' | 'unitName'> => ({
  cadreId,
  cadreName: u.name ?? '未填写姓名',
  unitId: u.unitId,
  unitName: u.unitName,
});

export interface ContactPointDoc extends CadreOwned {
  year: number;
  level: CadreLevel;
  slot: SlotKind;
  name: string;
  regionId: string | null;
  /** The same target held by two leaders in one year is an overlap (S2.1: 一般不重复交叉). */
  targetKey: string;
  scene: string;
  active: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
  events: DutyEvent[];
}

export const dutyEvent = (
  on: { events: readonly DutyEvent[] },
  type: DutyEvent['type'],
  caller: Caller,
  at: number,
  note: string | null = null,
): DutyEvent => ({
  seq: on.events.length + 1,
  type,
  at,
  actorId: caller.openid,
  note,
});

/** The caller as a leader the duties bind; anyone else has nothing to record. */
export function ownLeader(caller: Caller): Caller & { level: CadreLevel } {
  if (!isLeader(caller.level)) throw new AppError('FORBIDDEN', '干部履职记录只适用于县级、镇（街道）和县直单位领导干部');
  return caller as Caller & { level: CadreLevel };
}

/** The rules as the county keeps them (`duty_rules`; a few dozen). */
export const loadRules = (): Promise<DutyRule[]> => findAll<DutyRule>('duty_rules');

/**
 * The cadre's tally as the owner of a record (server/tally.ts insertCounted): `change` applied and
 * the cadre re-ranked in the transaction that stores the record; a cadre's first record makes it.
 */
export function tallyOwner(
  who: Pick<TallyDoc, 'name' | 'unitId' | 'unitName' | 'level'> & { openid: string },
  now: number,
  change: (t: DutyTally) => DutyTally,
  ranking: { rules: readonly DutyRule[]; dir: Directory },
  extra: Partial<Pick<TallyDoc, 'community'>> = {},
): Counted<unknown> {
  const owner: Counted<TallyDoc | null> = {
    coll: 'duty_tallies',
    id: who.openid,
    create: true,
    bump: (cur) => {
      const next = change(cur ?? emptyTally(`${todayOf(now).slice(0, 4)}-01-01`));
      const community = extra.community ?? cur?.community ?? null;
      const standingNow = standing(
        figuresOf({ ...next, level: who.level, unitId: who.unitId, community }, ranking.rules, ranking.dir, now),
      );
      const fields = {
        rank: rankOf(standingNow),
        rankedOn: todayOf(now),
        tenure: next.tenure,
        years: next.years,
        name: who.name,
        unitId: who.unitId,
        unitName: who.unitName,
        level: who.level,
        updatedAt: now,
        ...extra,
      };
      return cur ? { ...fields, version: cur.version + 1 } : { ...fields, leader: true, key: cadreKey(who.openid), version: 1 };
    },
  };
  return owner as Counted<unknown>;
}

/** A tally changed inside a transaction (a relief visit, a slot taken off): its counts and its rank in one write. */
export async function retally(
  tx: TxLike,
  id: string,
  t: TallyDoc,
  next: DutyTally,
  ranking: { rules: readonly DutyRule[]; dir: Directory },
  now: number,
): Promise<void> {
  const rank = rankOf(standingRow({ ...t, ...next }, ranking.rules, ranking.dir, now));
  await tx
    .collection('duty_tallies')
    .doc(id)
    .update({ data: { years: next.years, rank, version: t.version + 1, updatedAt: now } });
}

/** The county's villages and communities, and those of the town (street) a unit governs (its routing rule). */
function dutyContext(dir: Directory, unitId: string | null, households: number): DutyContext {
  const all = [...dir.regions.values()];
  const towns = new Set(dir.routing.filter((r) => r.unitId === unitId && r.category === '*').map((r) => r.regionId));
  const villages = all.filter((r) => r.kind === 'village' || r.kind === 'community');
  return {
    villages: {
      county: villages.map((r) => r._id),
      town: villages.filter((r) => r.parentId !== null && towns.has(r.parentId)).map((r) => r._id),
    },
    households,
  };
}

/** The unit the routing catalogue gives a place (or its town): a town's or street's government. */
export function unitOfPlace(dir: Directory, regionId: string | null): string | null {
  const region = regionId ? dir.regions.get(regionId) : undefined;
  if (!region) return null;
  const chain = [region._id, ...(region.parentId ? [region.parentId] : [])];
  for (const id of chain) {
    const rule = dir.routing.find((r) => r.regionId === id && r.category === '*');
    if (rule) return rule.unitId;
  }
  return null;
}

/** The households of a street leader's contact community (the region's `households`, data). */
function householdsOf(dir: Directory, regionId: string | null): number {
  const r = regionId ? (dir.regions.get(regionId) as { households?: number } | undefined) : undefined;
  return r?.households ?? 0;
}

/** One cadre's figures today: every rule in force for their level, on their tally. */
export function figuresOf(
  t: Pick<TallyDoc, 'tenure' | 'years' | 'level' | 'unitId'> & { community?: string | null },
  rules: readonly DutyRule[],
  dir: Directory,
  now: number,
): FigureView[] {
  const today = todayOf(now);
  const ctx = dutyContext(dir, t.unitId, householdsOf(dir, t.community ?? null));
  return rulesFor(rules, t.level, Number(today.slice(0, 4))).map((r) => evaluate(r, t, today, ctx));
}

/** A tally as a row of the figures: every rule of the cadre's level evaluated today. */
export function standingRow(t: TallyDoc, rules: readonly DutyRule[], dir: Directory, now: number): DutyStanding {
  const figures = figuresOf(t, rules, dir, now);
  return { key: t.key, name: t.name, unitName: t.unitName, level: t.level!, ...standing(figures), figures };
}

/** Leaders furthest behind first, a page at a time from the stored rank (a unit head: their unit; admin: the county). */
export async function standingsPage(
  unitId: string | null,
  cursor: CursorKey | null,
  size: number,
): Promise<{ items: TallyDoc[]; cursor: string | null }> {
  return findPage<TallyDoc>('duty_tallies', unitId ? { unitId, leader: true } : { leader: true }, cursor, size, undefined, {
    field: 'rank',
    dir: 'desc',
  });
}

/** Every leader's tally, furthest behind first (the export reads the county once, on demand). */
export async function allStandings(rules: readonly DutyRule[], dir: Directory, now: number): Promise<DutyStanding[]> {
  const tallies = await findAll<TallyDoc>('duty_tallies', { leader: true });
  return tallies.map((t) => standingRow(t, rules, dir, now)).sort(furthestBehind);
}

/**
 * The timer's sweep: a page of cadres after the last one swept (settings `dutySweep`), each leader's
 * tally made if missing and re-ranked for today (a new month or July changes what is owed without
 * any record). A whole county is swept in a few runs; records re-rank their cadre at once.
 */
export async function sweepStandings(dir: Directory, now: number, until: number): Promise<{ examined: number; done: number }> {
  const SWEEP = 100;
  // After the other jobs: nothing here is urgent (a record re-ranks its cadre at once), so a run with no time left skips it.
  if (Date.now() > until) return { examined: 0, done: 0 };
  const state = (await getById<{ _id: string; after: string }>('settings', 'dutySweep')) ?? { _id: 'dutySweep', after: '' };
  const users = await findMany<{
    _id: string;
    name: string | null;
    unitId: string | null;
    unitName: string | null;
    level: CadreLevel | null;
  }>(
    'users',
    { roles: 'cadre', _id: _.gt(state.after) },
    { orderBy: [['_id', 'asc']], limit: SWEEP, fields: { _id: true, name: true, unitId: true, unitName: true, level: true } },
  );
  const leaders = users.filter((u) => isLeader(u.level));
  const today = todayOf(now);
  const rules = leaders.length ? await loadRules() : [];
  const tallies = leaders.length
    ? await findMany<TallyDoc>('duty_tallies', { _id: _.in(leaders.map((u) => u._id)) }, { limit: leaders.length })
    : [];
  const byId = new Map(tallies.map((t) => [t._id, t]));
  let done = 0;
  for (const u of leaders) {
    if (Date.now() > until) return { examined: users.length, done };
    const t = byId.get(u._id);
    if (t && t.rankedOn === today && t.level === u.level && t.unitId === u.unitId) continue;
    const base: TallyDoc = t ?? {
      ...emptyTally(`${today.slice(0, 4)}-01-01`),
      _id: u._id,
      key: cadreKey(u._id),
      name: u.name ?? '未填写姓名',
      unitId: u.unitId,
      unitName: u.unitName,
      level: u.level,
      rank: 0,
      rankedOn: '',
      version: 0,
      updatedAt: now,
    };
    const fresh = { ...base, name: u.name ?? base.name, unitId: u.unitId, unitName: u.unitName, level: u.level };
    const rank = rankOf(standing(figuresOf(fresh, rules, dir, now)));
    const { _id, ...data } = { ...fresh, rank, rankedOn: today, leader: true, updatedAt: now };
    if (t)
      await casUpdate('duty_tallies', _id, t.version, {
        name: data.name,
        unitId: data.unitId,
        unitName: data.unitName,
        level: data.level,
        rank,
        rankedOn: today,
        updatedAt: now,
      });
    else
      await db
        .collection('duty_tallies')
        .doc(_id)
        .set({ data: { ...data, version: 1 } });
    done += 1;
  }
  // The next run starts after this page; past the last cadre, it starts over (once a day is plenty).
  const last = users[users.length - 1]?._id ?? '';
  await db
    .collection('settings')
    .doc('dutySweep')
    .set({ data: { after: users.length < SWEEP ? '' : last, at: now } });
  return { examined: users.length, done };
}

export function recordView(r: DutyRecordDoc, caller: Caller): DutyRecordView {
  // Talk notes: the cadre who wrote them and the organisation department (admin), nobody else (S5).
  const mayReadNotes = r.cadreId === caller.openid || caller.roles.includes('admin');
  return {
    id: r._id,
    kind: r.kind,
    start: r.start,
    end: r.end,
    place: r.place,
    slot: r.slot,
    purpose: r.purpose,
    met: r.met,
    households: r.households,
    retinue: r.retinue,
    photoCount: r.photos.length,
    requestCount: r.requestIds.length,
    topic: r.topic,
    summary: r.summary,
    talkWith: r.talkWith,
    form: r.form,
    notes: mayReadNotes ? r.notes : null,
    createdAt: r.createdAt,
  };
}

/** The target as a key two leaders' points are compared by: a place by its region, else slot and name. */
export const targetKeyOf = (slot: SlotKind, name: string, regionId: string | null): string =>
  regionId ?? `${slot}:${name.replace(/\s+/g, '')}`;

/** A contact point as its cadre, an admin, or (public) anyone who scans its code reads it. */
export function pointView(p: ContactPointDoc, staff: boolean, overlapWith: string[] = []): ContactPointView {
  const personal = PERSON_SLOTS.includes(p.slot);
  return {
    id: p._id,
    version: p.version,
    year: p.year,
    slot: p.slot,
    slotLabel: SLOT_LABELS[p.slot],
    // A household or a person is named in full to staff only; the public page masks it.
    name: personal && !staff ? maskName(p.name) : p.name,
    cadreName: p.cadreName,
    unitName: p.unitName,
    level: p.level,
    scene: p.scene,
    active: p.active,
    overlapWith,
  };
}

/** The other leaders holding the same targets in the same year (S2.1 overlap), by point id. */
export async function overlapsOf(points: readonly ContactPointDoc[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const years = [...new Set(points.map((p) => p.year))];
  const keys = [...new Set(points.map((p) => p.targetKey))];
  if (keys.length === 0) return out;
  const same = await findAll<ContactPointDoc>(
    'contact_points',
    { year: _.in(years), targetKey: _.in(keys), active: true },
    { _id: true, year: true, targetKey: true, cadreId: true, cadreName: true },
  );
  for (const p of points) {
    const others = same.filter((o) => o.year === p.year && o.targetKey === p.targetKey && o.cadreId !== p.cadreId).map((o) => o.cadreName);
    if (others.length) out.set(p._id, [...new Set(others)]);
  }
  return out;
}
