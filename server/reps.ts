/**
 * 党代表联系群众 (S9): the representatives' documents, how each caller sees an opinion, and the
 * yearly figures. A representative sees only the opinions they recorded or that were sent to them;
 * a constituent who asked for it stays unknown to everyone but that representative; nothing
 * submitted is deleted (withdrawn stays, with its events).
 */
import type {
  ConstituentView,
  OpinionView,
  OutcomeView,
  ProposalDetail,
  ProposalSummary,
  RepCardView,
  RepProgress,
  RequestStatus,
  Role,
} from '../typings';
import type { ActivityKind, ActivityStatus, OpinionStatus, ProposalKind, ProposalStatus } from '../miniprogram/shared/reps';
import type { Caller } from './caller';
import { _, findAll, findMany, getById } from './db';
import { insertCounted, type Counted } from './tally';
import { AppError } from './errors';
import { countyTime } from './domain/calendar';
import { HIDDEN, maskName, maskPhone, maskPhonesIn } from './domain/privacy';
import type { RequestDoc } from './requests';

/** A year's tally of one representative, kept with each visit and opinion (the office's figures read them whole). */
export interface RepYear {
  people: number;
  visits: number;
  opinions: number;
}

/** A representative (`reps`, _id = their openid): the public card (S9.3) and their group. */
export interface RepDoc {
  _id: string;
  name: string;
  /** The card's 小程序码 scene key. */
  scene: string;
  title: string;
  intro: string;
  phone: string;
  place: string;
  receiveTime: string;
  groupId: string | null;
  groupName: string | null;
  active: boolean;
  /** By `y2026`. */
  years: Record<string, RepYear>;
  createdAt: number;
  updatedAt: number;
}

/** A working group (S9.1) and its held activities by quarter (`y2026` → `q1`…`q4`). */
export interface RepGroupDoc {
  _id: string;
  name: string;
  convenerId: string;
  years: Record<string, Partial<Record<'q1' | 'q2' | 'q3' | 'q4', number>>>;
}

/** One thing that happened to an opinion, an activity or a proposal: kept, never rewritten. */
export interface RepEvent {
  seq: number;
  type: 'send' | 'record' | 'claim' | 'withdraw' | 'compile' | 'plan' | 'attend' | 'submit' | 'forward';
  at: number;
  actorId: string;
  actorRole: Role;
  note: string | null;
}

export interface OpinionDoc {
  _id: string;
  clientId: string;
  repId: string;
  repName: string;
  groupId: string | null;
  via: 'card' | 'visit';
  content: string;
  /** The resident who sent it, or who claimed the representative's record of it; null until then. */
  constituentId: string | null;
  /** A record's code for its constituent to claim it (only the representative sees it). */
  claimCode: string | null;
  showIdentity: boolean;
  contactName: string | null;
  contactPhone: string | null;
  visitId: string | null;
  year: number;
  status: OpinionStatus;
  proposalId: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  events: RepEvent[];
}

export interface VisitDoc {
  _id: string;
  clientId: string;
  repId: string;
  date: string;
  year: number;
  place: string;
  people: number;
  note: string | null;
  createdAt: number;
}

export interface ActivityDoc {
  _id: string;
  clientId: string;
  groupId: string;
  kind: ActivityKind;
  date: string;
  topic: string;
  status: ActivityStatus;
  attendees: string[];
  version: number;
  createdAt: number;
  updatedAt: number;
  events: RepEvent[];
}

/** One unit a proposal went to, and the request that tracks it there. */
export interface ProposalItem {
  unitId: string;
  unitName: string;
  requestId: string;
}

export interface ProposalDoc {
  _id: string;
  clientId: string;
  no: string;
  groupId: string;
  groupName: string;
  convenerId: string;
  convenerName: string;
  kind: ProposalKind;
  title: string;
  content: string;
  handler: string;
  lead: string;
  opinionIds: string[];
  status: ProposalStatus;
  items: ProposalItem[];
  version: number;
  createdAt: number;
  updatedAt: number;
  events: RepEvent[];
}

/** The county's yearly targets (S9.2, S9.3): data in `settings`, seeded; these when a county has none. */
export interface RepTargetSettings {
  _id: 'repTargets';
  /** People each representative visits a year. */
  peoplePerYear: number;
  /** Activities each group holds a quarter. */
  groupActivitiesPerQuarter: number;
  /** Activities the county or town office organises a year. */
  officeActivitiesPerYear: number;
}
const DEFAULT_REP_TARGETS: RepTargetSettings = {
  _id: 'repTargets',
  peoplePerYear: 50,
  groupActivitiesPerQuarter: 1,
  officeActivitiesPerYear: 2,
};

export async function repTargets(): Promise<RepTargetSettings> {
  return (await getById<RepTargetSettings>('settings', 'repTargets')) ?? DEFAULT_REP_TARGETS;
}

export const yearKey = (year: number): string => `y${year}`;
export const yearOf = (ms: number): number => countyTime(ms).year();
export const quarterOf = (date: string): 'q1' | 'q2' | 'q3' | 'q4' => `q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}` as 'q1';
export const todayOf = (ms: number): string => countyTime(ms).format('YYYY-MM-DD');

/** The caller's own representative record; a rep role without one has nothing to act on. */
export async function ownRep(caller: Caller): Promise<RepDoc> {
  const rep = await getById<RepDoc>('reps', caller.openid);
  if (!rep || !rep.active) throw new AppError('FORBIDDEN', '您还没有党代表联系卡，请联系党代表联络办');
  return rep;
}

/** The group the caller convenes (S9.1): plans activities and compiles opinions. */
export async function convenedGroup(rep: RepDoc): Promise<RepGroupDoc> {
  const group = rep.groupId ? await getById<RepGroupDoc>('rep_groups', rep.groupId) : null;
  if (!group || group.convenerId !== rep._id) throw new AppError('FORBIDDEN', '只有联络组召集人可以进行这项操作');
  return group;
}

export const cardOf = (r: RepDoc): RepCardView => ({
  scene: r.scene,
  name: r.name,
  title: r.title,
  groupName: r.groupName,
  intro: r.intro,
  phone: r.phone,
  place: r.place,
  receiveTime: r.receiveTime,
});

export function repEvent(
  on: { events: readonly RepEvent[] },
  type: RepEvent['type'],
  caller: Caller,
  role: Role,
  at: number,
  note: string | null = null,
): RepEvent {
  return { seq: on.events.length + 1, type, at, actorId: caller.openid, actorRole: role, note };
}

/**
 * Who the constituent is, to this caller: the representative they spoke to sees the name and a
 * masked phone; anyone else a masked name, or 保密 when the constituent asked; the constituent nothing.
 */
function constituentFor(o: OpinionDoc, caller: Caller): ConstituentView | null {
  if (o.constituentId === caller.openid) return null;
  const phone = o.contactPhone ? maskPhone(o.contactPhone) : '未留电话';
  if (o.repId === caller.openid) return { name: o.contactName ?? '未留姓名', phone };
  if (!o.showIdentity) return { name: HIDDEN, phone: HIDDEN };
  return { name: o.contactName ? maskName(o.contactName) : '未留姓名', phone };
}

/** The proposals and tracked items behind some opinions, read in two queries. */
export interface Outcomes {
  proposals: Map<string, ProposalDoc>;
  requests: Map<string, Pick<RequestDoc, '_id' | 'no' | 'status' | 'reply' | 'unitName'>>;
}

export async function outcomesOf(proposalIds: readonly (string | null)[]): Promise<Outcomes> {
  const ids = [...new Set(proposalIds.filter((x): x is string => x !== null))];
  if (ids.length === 0) return { proposals: new Map(), requests: new Map() };
  return outcomesOfProposals(
    await findMany<ProposalDoc>('rep_proposals', { _id: _.in(ids) }, { limit: ids.length, fields: { events: false } }),
  );
}

/** The tracked items of proposals already read. */
async function outcomesOfProposals(proposals: readonly ProposalDoc[]): Promise<Outcomes> {
  const reqIds = proposals.flatMap((p) => p.items.map((i) => i.requestId));
  const requests = reqIds.length
    ? await findMany<RequestDoc>(
        'requests',
        { _id: _.in(reqIds) },
        { limit: reqIds.length, fields: { _id: true, no: true, status: true, reply: true, unitName: true } },
      )
    : [];
  return { proposals: new Map(proposals.map((p) => [p._id, p])), requests: new Map(requests.map((r) => [r._id, r])) };
}

function itemsOf(p: ProposalDoc, out: Outcomes): OutcomeView[] {
  return p.items.map((i) => {
    const r = out.requests.get(i.requestId);
    return {
      // The unit that has it now (a 转办 or 改派 moves it on), else the one it was forwarded to.
      unitName: r?.unitName ?? i.unitName,
      no: r?.no ?? '',
      status: (r?.status ?? 'assigned') as RequestStatus,
      // A unit's answer is read by residents: a phone typed into it is masked.
      reply: r?.reply ? maskPhonesIn(r.reply) : null,
    };
  });
}

export function opinionView(o: OpinionDoc, caller: Caller, out: Outcomes): OpinionView {
  const p = o.proposalId ? out.proposals.get(o.proposalId) : undefined;
  return {
    id: o._id,
    version: o.version,
    status: o.status,
    // The constituent reads their own words as written; anyone else with phone numbers masked.
    content: o.constituentId === caller.openid ? o.content : maskPhonesIn(o.content),
    via: o.via,
    repName: o.repName,
    at: o.createdAt,
    showIdentity: o.showIdentity,
    constituent: constituentFor(o, caller),
    claimCode: o.repId === caller.openid && o.constituentId === null ? o.claimCode : null,
    proposal: p ? { id: p._id, kind: p.kind, title: p.title, status: p.status } : null,
    outcomes: p ? itemsOf(p, out) : [],
  };
}

export const proposalSummary = (p: ProposalDoc): ProposalSummary => ({
  id: p._id,
  no: p.no,
  version: p.version,
  kind: p.kind,
  title: p.title,
  groupName: p.groupName,
  status: p.status,
  createdAt: p.createdAt,
  opinionCount: p.opinionIds.length,
});

/** A proposal the caller may see: the office (admin), or a representative of its group. Others: NOT_FOUND. */
export async function visibleProposal(caller: Caller, id: string): Promise<ProposalDoc> {
  const p = await getById<ProposalDoc>('rep_proposals', id);
  const none = new AppError('NOT_FOUND', '没有找到这件建议，或者您无权查看');
  if (!p) throw none;
  if (caller.roles.includes('admin')) return p;
  const rep = caller.roles.includes('rep') ? await getById<RepDoc>('reps', caller.openid) : null;
  if (!rep || rep.groupId !== p.groupId) throw none;
  return p;
}

export async function proposalDetail(p: ProposalDoc, caller: Caller): Promise<ProposalDetail> {
  const [opinions, out] = await Promise.all([
    findMany<OpinionDoc>('rep_opinions', { _id: _.in(p.opinionIds) }, { limit: p.opinionIds.length, fields: { events: false } }),
    outcomesOfProposals([p]),
  ]);
  const office = caller.roles.includes('admin');
  return {
    ...proposalSummary(p),
    content: maskPhonesIn(p.content),
    handler: p.handler,
    lead: p.lead,
    convenerName: p.convenerName,
    opinions: opinions.map((o) => opinionView(o, caller, out)),
    items: itemsOf(p, out),
    canForward: office && p.status === 'submitted',
    canWithdraw: p.convenerId === caller.openid && p.status === 'submitted',
  };
}

/**
 * Adds a visit or an opinion and raises the representative's tally for its year, in one
 * transaction: a retry of the same clientId finds the document and counts nothing twice.
 */
export async function addCounted<T extends { _id: string }>(
  coll: 'rep_visits' | 'rep_opinions',
  doc: T,
  repId: string,
  year: number,
  add: Partial<RepYear>,
): Promise<T> {
  const counted: Counted<RepDoc> = {
    coll: 'reps',
    id: repId,
    bump: (rep) => {
      const key = yearKey(year);
      const prev: RepYear = rep.years?.[key] ?? { people: 0, visits: 0, opinions: 0 };
      const next: RepYear = {
        people: prev.people + (add.people ?? 0),
        visits: prev.visits + (add.visits ?? 0),
        opinions: prev.opinions + (add.opinions ?? 0),
      };
      return { years: { ...(rep.years ?? {}), [key]: next } };
    },
  };
  return insertCounted(coll, doc, [counted]);
}

/** A representative's year against the target, as the rep and the office read it. */
export function progressOf(r: RepDoc, year: number, targets: RepTargetSettings): RepProgress {
  const y: RepYear = r.years?.[yearKey(year)] ?? { people: 0, visits: 0, opinions: 0 };
  const target = Math.max(1, targets.peoplePerYear);
  return {
    name: r.name,
    scene: r.scene,
    groupName: r.groupName,
    year,
    people: y.people,
    peopleTarget: targets.peoplePerYear,
    visits: y.visits,
    opinions: y.opinions,
    share: Math.min(1, y.people / target),
  };
}

/** Furthest behind first: the smallest share of the people target, then the fewest opinions, then by name. */
export const furthestBehind = (a: RepProgress, b: RepProgress): number =>
  a.share - b.share || a.opinions - b.opinions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The constituents on the app whose opinions went into a proposal, read when a unit answers: one
 * who claims a representative's record after it was compiled is told too.
 */
export async function constituentsOf(proposalId: string): Promise<string[]> {
  const opinions = await findAll<OpinionDoc>('rep_opinions', { proposalId }, { _id: true, constituentId: true });
  return [...new Set(opinions.map((o) => o.constituentId).filter((c): c is string => c !== null))];
}
