/**
 * 党员志愿服务 (S6): a party member's 党群连心服务卡, the residents paired with them (一卡四制: 10–20,
 * a range kept in settings), and the minute of the five duties. A member's pairs are theirs alone:
 * nobody else — not another member, not the admin, not a unit — reads who the residents are; the
 * admin sees counts. Nothing recorded is deleted (an ended pair stays, with its minute).
 */
import type {
  DutyRequestView,
  DutyView,
  PairCount,
  PairView,
  PostView,
  RequestStatus,
  Role,
  TeamView,
  VolActivityView,
  VolunteerCardView,
} from '../typings';
import {
  DUTY_KINDS,
  type ConsentWay,
  type DutyKind,
  type MediationOutcome,
  type PairStatus,
  type ReportKind,
  type TeamOrganizer,
  type TeamSkill,
} from '../miniprogram/shared/volunteers';
import type { Caller } from './caller';
import { _, findMany, getById } from './db';
import type { Directory, RegionDoc } from './directory';
import { AppError } from './errors';
import { maskPhone, maskPhonesIn } from './domain/privacy';
import { requestId } from './domain/requestNo';
import type { RequestDoc } from './requests';
import type { Counted } from './tally';
import { yearKey } from './reps';

/** A member's year: duties recorded (by kind), and activities they checked in at (S6.3: ≥ 2). */
interface VolunteerYear {
  duties: number;
  byKind: Partial<Record<DutyKind, number>>;
  activities?: number;
}

/** A party member who serves (`volunteers`, _id = their openid): the card and the counts kept with each record. */
export interface VolunteerDoc {
  _id: string;
  name: string;
  /** The card's 小程序码 scene key. */
  scene: string;
  branch: string;
  phone: string;
  intro: string;
  active: boolean;
  /** Residents paired now (kept with each pair added or ended, in the same transaction). */
  pairs: number;
  /** 报到 (S6.3): the village or community registered with, how, when; posts held there. */
  communityId?: string;
  communityName?: string;
  reportKind?: ReportKind;
  reportedAt?: number;
  posts?: number;
  /** By `y2026`. */
  years: Record<string, VolunteerYear>;
  createdAt: number;
  updatedAt: number;
}

export interface VolEvent {
  seq: number;
  type: 'pair' | 'end';
  at: number;
  actorId: string;
  actorRole: Role;
  note: string | null;
}

/** One resident paired with a member (`vol_pairs`): read by that member only. */
export interface PairDoc {
  _id: string;
  clientId: string;
  memberId: string;
  name: string;
  phone: string | null;
  regionId: string;
  regionName: string;
  address: string;
  note: string | null;
  status: PairStatus;
  /** Duties recorded for this pair. */
  duties: number;
  version: number;
  createdAt: number;
  updatedAt: number;
  events: VolEvent[];
}

/** One entry of the minute (`vol_duties`, 履职尽责记实). */
export interface DutyDoc {
  _id: string;
  clientId: string;
  memberId: string;
  pairId: string;
  residentName: string;
  kind: DutyKind;
  date: string;
  year: number;
  content: string;
  outcome: MediationOutcome | null;
  consent: ConsentWay | null;
  /** 反馈民意 and 事务代办: the request made on the resident's behalf. */
  requestId: string | null;
  createdAt: number;
}

/** The county's rules for party members (S6.1, S6.3): data in `settings`, seeded; these when a county has none. */
export interface VolTargetSettings {
  _id: 'volTargets';
  /** Residents each able member is paired with (一卡四制: 10–20). */
  pairMin: number;
  pairMax: number;
  /** Activities each volunteer team organises a year (S6.3: ≥ 6). */
  teamActivitiesPerYear: number;
  /** Activities each volunteer takes part in a year (S6.3: ≥ 2). */
  volunteerActivitiesPerYear: number;
}
const DEFAULT_VOL_TARGETS: VolTargetSettings = {
  _id: 'volTargets',
  pairMin: 10,
  pairMax: 20,
  teamActivitiesPerYear: 6,
  volunteerActivitiesPerYear: 2,
};

export async function volTargets(): Promise<VolTargetSettings> {
  return (await getById<VolTargetSettings>('settings', 'volTargets')) ?? DEFAULT_VOL_TARGETS;
}

/** The caller's own member record; the volunteer role without one has nothing to act on. */
export async function ownVolunteer(caller: Caller): Promise<VolunteerDoc> {
  const v = await getById<VolunteerDoc>('volunteers', caller.openid);
  if (!v || !v.active) throw new AppError('FORBIDDEN', '您还没有党群连心服务卡，请联系所在党支部');
  return v;
}

/** One of the caller's own pairs; anyone else's is NOT_FOUND (no probing). */
export async function ownPair(caller: Caller, pairId: string): Promise<PairDoc> {
  const p = await getById<PairDoc>('vol_pairs', pairId);
  if (!p || p.memberId !== caller.openid) throw new AppError('NOT_FOUND', '没有找到这户结对群众');
  return p;
}

export const volunteerCard = (v: VolunteerDoc): VolunteerCardView => ({
  scene: v.scene,
  name: v.name,
  branch: v.branch,
  phone: v.phone,
  intro: v.intro,
  duties: [...DUTY_KINDS],
});

export function pairCount(active: number, t: VolTargetSettings): PairCount {
  return { active, min: t.pairMin, max: t.pairMax, flag: active < t.pairMin ? 'below' : active > t.pairMax ? 'above' : null };
}

export const pairView = (p: PairDoc): PairView => ({
  id: p._id,
  version: p.version,
  name: p.name,
  phone: p.phone ? maskPhone(p.phone) : '未留电话',
  regionName: p.regionName,
  address: p.address,
  note: p.note,
  status: p.status,
  since: p.createdAt,
  duties: p.duties,
});

export const volEvent = (
  on: { events: readonly VolEvent[] },
  type: VolEvent['type'],
  caller: Caller,
  at: number,
  note: string | null = null,
): VolEvent => ({
  seq: on.events.length + 1,
  type,
  at,
  actorId: caller.openid,
  actorRole: 'volunteer',
  note,
});

/** The counts a new duty raises: the member's year (by kind) and its pair's total. */
export function dutyCounts(d: DutyDoc): Counted<unknown>[] {
  const year: Counted<VolunteerDoc> = {
    coll: 'volunteers',
    id: d.memberId,
    bump: (v) => {
      const key = yearKey(d.year);
      const prev = v.years?.[key] ?? { duties: 0, byKind: {} };
      const next: VolunteerYear = {
        ...prev,
        duties: prev.duties + 1,
        byKind: { ...prev.byKind, [d.kind]: (prev.byKind[d.kind] ?? 0) + 1 },
      };
      return { years: { ...(v.years ?? {}), [key]: next } };
    },
  };
  const pair: Counted<PairDoc> = { coll: 'vol_pairs', id: d.pairId, bump: (p) => ({ duties: (p.duties ?? 0) + 1 }) };
  return [year, pair] as Counted<unknown>[];
}

type TrackedRequest = Pick<RequestDoc, '_id' | 'no' | 'status' | 'reply' | 'unitName' | 'requesterId' | 'claimCode'>;

/** The requests behind some duties, read in one query. */
export async function requestsOf(duties: readonly DutyDoc[]): Promise<Map<string, TrackedRequest>> {
  const ids = [...new Set(duties.map((d) => d.requestId).filter((x): x is string => x !== null))];
  if (ids.length === 0) return new Map();
  const found = await findMany<TrackedRequest>(
    'requests',
    { _id: _.in(ids) },
    { limit: ids.length, fields: { _id: true, no: true, status: true, reply: true, unitName: true, requesterId: true, claimCode: true } },
  );
  return new Map(found.map((r) => [r._id, r]));
}

function requestView(r: TrackedRequest | undefined): DutyRequestView | null {
  if (!r) return null;
  const claimed = r.requesterId !== null;
  return {
    no: r.no,
    status: r.status as RequestStatus,
    unitName: r.unitName,
    // A unit's answer, as the resident reads it: a phone typed into it is masked.
    reply: r.reply ? maskPhonesIn(r.reply) : null,
    claimCode: claimed ? null : (r.claimCode ?? null),
    claimed,
  };
}

export const dutyView = (d: DutyDoc, requests: Map<string, TrackedRequest>): DutyView => ({
  id: d._id,
  pairId: d.pairId,
  residentName: d.residentName,
  kind: d.kind,
  date: d.date,
  content: maskPhonesIn(d.content),
  outcome: d.outcome,
  consent: d.consent,
  request: d.requestId ? requestView(requests.get(d.requestId)) : null,
  at: d.createdAt,
});

// ---------------------------------------------------------------- teams and activities (S6.2, S6.3)

/** A volunteer team by skill (`vol_teams`), organised by the 文明办, 总工会, 团县委 or 妇联; its activities held by year. */
export interface TeamDoc {
  _id: string;
  clientId: string;
  name: string;
  skill: TeamSkill;
  organizer: TeamOrganizer;
  leaderId: string;
  leaderName: string;
  /** Members' openids (a team is tens of people). */
  members: string[];
  /** By `y2026`: activities held (the first check-in holds one). */
  years: Record<string, { held: number }>;
  version: number;
  createdAt: number;
  updatedAt: number;
}

/** An activity of a team (`vol_activities`): sign-up up to its capacity, check-in by the venue's code. */
export interface VolActivityDoc {
  _id: string;
  clientId: string;
  teamId: string;
  teamName: string;
  title: string;
  date: string;
  place: string;
  capacity: number;
  signedUp: number;
  checkedIn: number;
  /** The venue code's scene key (`a-` + 8 characters): scanned at the venue to check in. */
  venueScene: string;
  status: 'planned' | 'held';
  createdAt: number;
  updatedAt: number;
}

/** A sign-up (`vol_signups`, one per member and activity) and a check-in (`vol_checkins`, likewise). */
export interface SignupDoc {
  _id: string;
  activityId: string;
  memberId: string;
  memberName: string;
  at: number;
}

export const signupId = (activityId: string, memberId: string): string => requestId(memberId, `signup:${activityId}`);
export const checkinId = (activityId: string, memberId: string): string => requestId(memberId, `checkin:${activityId}`);

export function teamView(t: TeamDoc, caller: Caller, year: number, targets: VolTargetSettings): TeamView {
  return {
    id: t._id,
    version: t.version,
    name: t.name,
    skill: t.skill,
    organizer: t.organizer,
    leaderName: t.leaderName,
    members: t.members.length,
    isMember: t.members.includes(caller.openid),
    isLeader: t.leaderId === caller.openid,
    year,
    held: t.years?.[yearKey(year)]?.held ?? 0,
    target: targets.teamActivitiesPerYear,
  };
}

export function activityView(a: VolActivityDoc, mine: VolActivityView['mine'], serviceDate: string): VolActivityView {
  return {
    id: a._id,
    teamId: a.teamId,
    teamName: a.teamName,
    title: a.title,
    date: a.date,
    place: a.place,
    capacity: a.capacity,
    signedUp: a.signedUp,
    checkedIn: a.checkedIn,
    status: a.status,
    serviceDay: a.date === serviceDate,
    mine,
  };
}

/** What the caller did for each of some activities: signed up, checked in, or neither (two reads by id). */
export async function mineOf(caller: Caller, activities: readonly VolActivityDoc[]): Promise<Map<string, VolActivityView['mine']>> {
  const out = new Map<string, VolActivityView['mine']>(activities.map((a) => [a._id, 'none']));
  if (!activities.length) return out;
  const [signups, checkins] = await Promise.all([
    findMany<{ _id: string }>(
      'vol_signups',
      { _id: _.in(activities.map((a) => signupId(a._id, caller.openid))) },
      { limit: activities.length, fields: { _id: true } },
    ),
    findMany<{ _id: string }>(
      'vol_checkins',
      { _id: _.in(activities.map((a) => checkinId(a._id, caller.openid))) },
      { limit: activities.length, fields: { _id: true } },
    ),
  ]);
  const signed = new Set(signups.map((x) => x._id));
  const checked = new Set(checkins.map((x) => x._id));
  for (const a of activities) {
    if (checked.has(checkinId(a._id, caller.openid))) out.set(a._id, 'checkedIn');
    else if (signed.has(signupId(a._id, caller.openid))) out.set(a._id, 'signedUp');
  }
  return out;
}

// ---------------------------------------------------------------- 报到 and posts (S6.3)

/** A post a community (village, enterprise) sets for party members to claim (`vol_posts`, 设岗定责). */
export interface PostDoc {
  _id: string;
  clientId: string;
  regionId: string;
  regionName: string;
  title: string;
  duty: string;
  slots: number;
  claimed: number;
  createdAt: number;
  updatedAt: number;
}

/** A member's claim of a post (`vol_post_claims`, one per member and post). */
export interface PostClaimDoc {
  _id: string;
  postId: string;
  regionId: string;
  memberId: string;
  memberName: string;
  at: number;
}

export const postClaimId = (postId: string, memberId: string): string => requestId(memberId, `post:${postId}`);

/**
 * The unit that looks after a village or community: the one its (or its town's) catch-all routing
 * rule names (data: the routing catalogue), e.g. 城关镇人民政府 for 河西村. Its cadres, and the admin,
 * see who registered there and which posts are empty.
 */
function communityUnit(dir: Directory, regionId: string): string | null {
  const region = dir.regions.get(regionId);
  if (!region) return null;
  for (const place of [region._id, ...(region.parentId ? [region.parentId] : [])]) {
    const rule = dir.routing.find((r) => r.regionId === place && r.category === '*');
    if (rule) return rule.unitId;
  }
  return null;
}

/** A village or community the caller looks after (admin: any); anyone else is FORBIDDEN. */
export function managedRegion(dir: Directory, caller: Caller, regionId: string): RegionDoc {
  const region = dir.regions.get(regionId);
  if (!region || !region.parentId) throw new AppError('INVALID_INPUT', '请选择村（社区）');
  if (caller.roles.includes('admin')) return region;
  if (caller.roles.includes('cadre') && caller.unitId !== null && communityUnit(dir, regionId) === caller.unitId) return region;
  throw new AppError('FORBIDDEN', '只有负责这个村（社区）的单位可以查看和设岗');
}

export const postView = (p: PostDoc, mine: boolean): PostView => ({
  id: p._id,
  regionName: p.regionName,
  title: p.title,
  duty: p.duty,
  slots: p.slots,
  claimed: p.claimed,
  empty: p.claimed === 0,
  mine,
});
