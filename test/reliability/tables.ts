/**
 * What the suites are generated from: the code's own action tables (userActions, countyActions,
 * requestActions, adminActions) and lifecycle table (TRANSITIONS), plus ONE declared table of
 * expected answers per caller. An action in the code that is missing here fails the suites.
 */
import type { z } from 'zod';
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
import { cadreKey } from '../../server/duties';
import { leaderKey } from '../../server/meet';
import { CASE_DUTIES } from '../../miniprogram/shared/leaders';
import { TRANSITIONS } from '../../server/domain/lifecycle';
import type { ErrorCode } from '../../typings';
import { DEMO, demoConsult, demoSurveys } from '../../scripts/demo-county';
import { setKnownActions, type Rig } from './harness';

// ---------------------------------------------------------------- the code's tables

type HandlerLike = { input: z.ZodType<unknown>; roles: readonly string[] };
export const FUNCTIONS: Record<string, Record<string, HandlerLike>> = {
  user: userActions as unknown as Record<string, HandlerLike>,
  county: countyActions as unknown as Record<string, HandlerLike>,
  request: requestActions as unknown as Record<string, HandlerLike>,
  admin: adminActions as unknown as Record<string, HandlerLike>,
  survey: surveyActions as unknown as Record<string, HandlerLike>,
  rep: repActions as unknown as Record<string, HandlerLike>,
  consult: consultActions as unknown as Record<string, HandlerLike>,
  meet: meetActions as unknown as Record<string, HandlerLike>,
  volunteer: volunteerActions as unknown as Record<string, HandlerLike>,
  duty: dutyActions as unknown as Record<string, HandlerLike>,
};

/** Every `fn.action` the functions answer, read from the code. */
export const ALL_ACTIONS: string[] = Object.entries(FUNCTIONS).flatMap(([fn, t]) => Object.keys(t).map((a) => `${fn}.${a}`));
setKnownActions(ALL_ACTIONS);

export const split = (fa: string): [string, string] => {
  const i = fa.indexOf('.');
  return [fa.slice(0, i), fa.slice(i + 1)];
};

interface TransitionLike {
  from: readonly string[];
  to: string | null;
  by: string | readonly string[];
  /** Only for requests of this channel (信访): a walk from a new 诉求 cannot take it. */
  channel?: string;
}
export const LIFECYCLE = TRANSITIONS as unknown as Record<string, TransitionLike>;
/**
 * Transitions no action is named after, and the action that makes them: a leader's 接访事项纪要 hands
 * the request its 约访 named to a unit (领导交办), the leader's right coming from the booking.
 */
export const MADE_BY: Record<string, string> = { reroute: 'meet.recordOutcome' };
export const partiesOfTransition = (t: TransitionLike): string[] => (Array.isArray(t.by) ? [...t.by] : [t.by as string]);
export const isTransition = (fa: string): boolean => Object.prototype.hasOwnProperty.call(LIFECYCLE, split(fa)[1]);

/** The keys of an action's input object (through refinements). */
export function shapeOf(fa: string): Record<string, z.ZodType<unknown>> {
  const [fn, a] = split(fa);
  const s = FUNCTIONS[fn]![a]!.input as unknown as {
    shape?: Record<string, z.ZodType<unknown>>;
    _zod: { def: { in?: unknown; schema?: unknown } };
  };
  return s.shape ?? {};
}
/** Actions about one request: they take its id (or, like 认领, need a request made for them). */
export const takesRequest = (fa: string): boolean =>
  ('id' in shapeOf(fa) && fa !== 'county.card') || Object.prototype.hasOwnProperty.call(SPECIAL, fa);

// ---------------------------------------------------------------- the callers

export const CALLERS = {
  residentA: 'demo-resident-1',
  residentB: 'demo-resident-2',
  handlingCadre: 'demo-cadre-chengguan',
  otherCadre: 'demo-cadre-renshe',
  subjectCadre: 'demo-cadre-zhujian',
  /** 党代表 刘红梅, convener of the demo's 城关镇党代表联络组 (with a card of her own). */
  rep: 'demo-rep-1',
  /** 党员 马春华 of 河西村党支部 (S6), with her 党群连心服务卡. */
  volunteer: 'demo-volunteer-1',
  admin: 'demo-admin',
  unknown: null,
} as const;
export type CallerName = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];

/** The cadre who answers for a unit, for walking a request through its states. */
export const CADRE_OF: Record<string, string> = {
  'unit-ducha': 'demo-cadre-ducha',
  'unit-chengguan': 'demo-cadre-chengguan',
  'unit-renshe': 'demo-cadre-renshe',
  'unit-zhujian': 'demo-cadre-zhujian',
};

// ---------------------------------------------------------------- the ONE table of expected answers

export type Outcome = 'OK' | ErrorCode;
type Row = Record<CallerName, Outcome>;
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const N = 'NOT_FOUND';
const row = (r: Omit<Row, 'unknown'>): Row => ({ ...r, unknown: U });

/** Anyone signed in. */
const ANYONE = row({
  residentA: 'OK',
  residentB: 'OK',
  handlingCadre: 'OK',
  otherCadre: 'OK',
  subjectCadre: 'OK',
  rep: 'OK',
  volunteer: 'OK',
  admin: 'OK',
});
/** Cadres only (of any unit: the action is about their own unit). */
const CADRES = row({
  residentA: F,
  residentB: F,
  handlingCadre: 'OK',
  otherCadre: 'OK',
  subjectCadre: 'OK',
  rep: F,
  volunteer: F,
  admin: F,
});
const CADRES_AND_ADMIN = { ...CADRES, admin: 'OK' } as Row;
const ADMIN = row({ residentA: F, residentB: F, handlingCadre: F, otherCadre: F, subjectCadre: F, rep: F, volunteer: F, admin: 'OK' });
/** Resident A's request (a 投诉 about 住建局, now handled by 城关镇): who may read it. Others: NOT_FOUND, no probing. */
const READ_REQUEST = row({
  residentA: 'OK',
  residentB: N,
  handlingCadre: 'OK',
  otherCadre: N,
  subjectCadre: N,
  rep: N,
  volunteer: N,
  admin: 'OK',
});
/** Done by the requester: staff who can see it are FORBIDDEN, everyone else NOT_FOUND. */
const BY_REQUESTER = row({
  residentA: 'OK',
  residentB: N,
  handlingCadre: F,
  otherCadre: N,
  subjectCadre: N,
  rep: N,
  volunteer: N,
  admin: F,
});
/** Done by the handling unit (cadre role checked first, then the request's visibility). */
const BY_HANDLER = row({ residentA: F, residentB: F, handlingCadre: 'OK', otherCadre: N, subjectCadre: N, rep: F, volunteer: F, admin: F });
/** Done by the handling unit or the dispatcher (the function lets every resident in; the request decides). */
/** Staff actions on a request (roles cadre or admin; then the handling unit or the dispatcher). */
const STAFF_ON_REQUEST = row({
  residentA: F,
  residentB: F,
  handlingCadre: 'OK',
  otherCadre: N,
  subjectCadre: N,
  rep: F,
  volunteer: F,
  admin: 'OK',
});
/** A card of the handling cadre's (their own, or their unit's) and the admin; another unit's cadre hears NOT_FOUND. */
const CARD_OWNERS = STAFF_ON_REQUEST;
/** 审批延期: the unit head or the dispatcher; the handling cadre (not a head) may not decide their own. */
const HEAD_OR_DISPATCHER = { ...STAFF_ON_REQUEST, handlingCadre: F } as Row;
/** A representative (the convener of the demo group) only. */
const REP = row({ residentA: F, residentB: F, handlingCadre: F, otherCadre: F, subjectCadre: F, rep: 'OK', volunteer: F, admin: F });
const REP_AND_ADMIN = { ...REP, admin: 'OK' } as Row;
/** A party member with a 党群连心服务卡 (S6) only. */
const VOLUNTEER = row({ residentA: F, residentB: F, handlingCadre: F, otherCadre: F, subjectCadre: F, rep: F, volunteer: 'OK', admin: F });
/** A leader the duties bind (城关镇's 镇领导, 住建局's 县直单位领导). */
const LEADER = row({ residentA: F, residentB: F, handlingCadre: 'OK', otherCadre: F, subjectCadre: 'OK', rep: F, volunteer: F, admin: F });
/** Who looks after 河西村 (S6.3): the unit its routing rule names (城关镇, the handling cadre's) and the admin; other cadres are refused. */
const COMMUNITY = row({
  residentA: F,
  residentB: F,
  handlingCadre: 'OK',
  otherCadre: F,
  subjectCadre: F,
  rep: F,
  volunteer: F,
  admin: 'OK',
});
/** A county leader's 包案 (he has no unit): the admin acts as his office; every cadre hears NOT_FOUND. */
const CASE_OFFICE = row({
  residentA: F,
  residentB: F,
  handlingCadre: N,
  otherCadre: N,
  subjectCadre: N,
  rep: F,
  volunteer: F,
  admin: 'OK',
});
/** Claiming a registered 信访 item by its 受理告知 code: any signed-in person holding the code. */
const BY_CODE = ANYONE;

export const EXPECT: Record<string, Row> = {
  'user.me': ANYONE,
  'user.bindInvite': ANYONE,
  // 首位管理员设置码: anyone holding a waiting code (the matrix makes one per caller, see freshSetupCode)
  'user.claimSetup': ANYONE,
  'user.grantSubscriptions': ANYONE,
  'county.card': ANYONE,
  'county.unitCards': CADRES,
  // 城关镇's card: its own cadres only; another unit's cadre hears NOT_FOUND (no probing).
  'county.cardCode': row({
    residentA: F,
    residentB: F,
    handlingCadre: 'OK',
    otherCadre: N,
    subjectCadre: N,
    rep: F,
    volunteer: F,
    admin: F,
  }),
  'county.units': CADRES_AND_ADMIN,
  'county.regions': ANYONE,
  'county.figures': CADRES_AND_ADMIN,
  'request.submit': ANYONE,
  'request.mine': ANYONE,
  'request.detail': READ_REQUEST,
  'request.photos': READ_REQUEST,
  'request.withdraw': BY_REQUESTER,
  'request.rate': BY_REQUESTER,
  'request.inbox': CADRES,
  'request.accept': BY_HANDLER,
  'request.reply': BY_HANDLER,
  'request.return': BY_HANDLER,
  'request.transfer': BY_HANDLER,
  'request.reject': STAFF_ON_REQUEST,
  'request.merge': STAFF_ON_REQUEST,
  'request.duplicates': STAFF_ON_REQUEST,
  'request.revisit': STAFF_ON_REQUEST,
  'request.extendAsk': BY_HANDLER,
  'request.extendDecide': HEAD_OR_DISPATCHER,
  'request.pause': BY_HANDLER,
  'request.resume': BY_HANDLER,
  // 复查/复核 of a registered 信访 item: only the petitioner who claimed it, never staff on their behalf.
  'request.reviewAsk': BY_REQUESTER,
  'request.unmask': BY_HANDLER,
  'request.claim': BY_CODE,
  // 说话输入: resident A's recording, in A's own folder; anyone else sending it is refused (not theirs).
  'request.transcribe': row({
    residentA: 'OK',
    residentB: 'INVALID_INPUT',
    handlingCadre: 'INVALID_INPUT',
    otherCadre: 'INVALID_INPUT',
    subjectCadre: 'INVALID_INPUT',
    rep: 'INVALID_INPUT',
    volunteer: 'INVALID_INPUT',
    admin: 'INVALID_INPUT',
  }),
  // 阅批 (S4.1): leaders read the letters sent to them (城关镇's 镇领导, 住建局's 县直单位领导; not a window cadre)…
  'request.letters': LEADER,
  // …and the one it was sent to (城关镇's, who also handles it) writes the 批示; the unit complained about never sees it.
  'request.instruct': BY_HANDLER,
  // 联合办理: the co-handling unit (城关镇, the handling cadre's) answers its part; the lead (人社局) may not answer it for them.
  'request.coReply': row({
    residentA: F,
    residentB: F,
    handlingCadre: 'OK',
    otherCadre: F,
    subjectCadre: N,
    rep: F,
    volunteer: F,
    admin: F,
  }),
  'admin.leaders': ADMIN,
  'admin.toLeader': ADMIN,
  'admin.queue': ADMIN,
  'admin.dispatch': ADMIN,
  'admin.createInvite': ADMIN,
  'admin.register': ADMIN,
  'admin.reviewAnswer': ADMIN,
  'admin.claimCode': ADMIN,
  'admin.deliver': ADMIN,
  'admin.reveal': ADMIN,
  'admin.overdue': ADMIN,
  'admin.policies': ADMIN,
  'admin.updatePolicy': ADMIN,
  'admin.calendarDays': ADMIN,
  'admin.setCalendarDay': ADMIN,
  'admin.removeCalendarDay': ADMIN,
  // 消息: everyone reads only their own notices, and marks only their own read.
  'user.messages': ANYONE,
  'user.readMessage': row({
    residentA: 'OK',
    residentB: N,
    handlingCadre: N,
    otherCadre: N,
    subjectCadre: N,
    rep: N,
    volunteer: N,
    admin: N,
  }),
  'user.unread': ANYONE,
  // 调查评价: anyone answers (once each); the results of the context's closed survey are published
  // to 'units' (each unit its own subjects): cadres and admins read them, others are FORBIDDEN.
  'survey.list': ANYONE,
  'survey.get': ANYONE,
  'survey.respond': ANYONE,
  'survey.results': CADRES_AND_ADMIN,
  'survey.manage': ADMIN,
  'survey.create': ADMIN,
  'survey.publish': ADMIN,
  'survey.close': ADMIN,
  'survey.publishResults': ADMIN,
  'survey.exportResults': ADMIN,
  'survey.update': ADMIN,
  // ---------------------------------------------------------------- 党代表 (S9)
  'rep.card': ANYONE,
  'rep.send': ANYONE,
  'rep.myOpinions': ANYONE,
  // a representative's record is claimed by the constituent, never by the representative who made it
  'rep.claimOpinion': { ...ANYONE, rep: 'CONFLICT' },
  // resident A's own opinion, sent through the card: the representative it went to may read, not withdraw it
  'rep.withdrawOpinion': row({
    residentA: 'OK',
    residentB: N,
    handlingCadre: N,
    otherCadre: N,
    subjectCadre: N,
    rep: F,
    volunteer: N,
    admin: N,
  }),
  'rep.home': REP,
  'rep.cardCode': REP,
  'rep.opinions': REP,
  'rep.recordVisit': REP,
  'rep.recordOpinion': REP,
  'rep.group': REP,
  'rep.planActivity': REP,
  'rep.recordAttendance': REP,
  'rep.compile': REP,
  'rep.proposals': REP_AND_ADMIN,
  'rep.proposal': REP_AND_ADMIN,
  'rep.withdrawProposal': REP,
  // 党代表联络办 (an admin) accepts and forwards
  'rep.forward': ADMIN,
  'rep.officePlan': ADMIN,
  'rep.officeAttendance': ADMIN,
  'rep.figures': ADMIN,
  // 三问决策: anyone reads, comments and votes (once a phase) in the context's open consultation; the office moves phases.
  'consult.list': ANYONE,
  'consult.get': ANYONE,
  'consult.comments': ANYONE,
  'consult.comment': ANYONE,
  'consult.vote': ANYONE,
  'consult.create': ADMIN,
  'consult.openPhase': ADMIN,
  'consult.closePhase': ADMIN,
  // Cadres who receive nothing by push: the dispatcher (the county), a unit head (their unit; no head among the callers).
  'county.unreachable': ADMIN,
  // 连心卡 (S7): a cadre's own card and their unit's; a unit's every card (admin); the card below is 城关镇's cadre's own.
  'county.myCards': CADRES,
  'county.cards': ADMIN,
  'county.editCard': CARD_OWNERS,
  'county.revokeCard': ADMIN,
  // 城关镇's own card: its cadres and the admin hand it out; another unit's cadre hears NOT_FOUND.
  'county.handOut': CARD_OWNERS,
  // 接访 (S4.2): everyone reads the board; the admin makes the rosters.
  'meet.board': ANYONE,
  'meet.rosterSetup': ADMIN,
  'meet.setPeriod': ADMIN,
  'meet.removePeriod': ADMIN,
  'meet.generate': ADMIN,
  'meet.roster': ADMIN,
  'meet.swap': ADMIN,
  'meet.publish': ADMIN,
  // ---------------------------------------------------------------- 党员志愿服务 (S6)
  // the card is public; a member's pairs and minute are hers alone (another member: NOT_FOUND by pair, see volunteers.test.ts)
  'volunteer.card': ANYONE,
  'volunteer.home': VOLUNTEER,
  'volunteer.cardCode': VOLUNTEER,
  'volunteer.pairs': VOLUNTEER,
  'volunteer.pair': VOLUNTEER,
  'volunteer.addPair': VOLUNTEER,
  'volunteer.endPair': VOLUNTEER,
  'volunteer.duties': VOLUNTEER,
  'volunteer.record': VOLUNTEER,
  'volunteer.onBehalf': VOLUNTEER,
  // counts only: no paired resident reaches the admin
  'volunteer.figures': ADMIN,
  // ---------------------------------------------------------------- 干部履职 (S1–S3, S5, S8)
  // Leaders record their own duties: 城关镇's 镇领导 and 住建局's 县直单位领导; the 人社局 window clerk is no leader.
  'duty.home': LEADER,
  'duty.recordVisit': LEADER,
  'duty.recordReport': LEADER,
  'duty.recordTalk': LEADER,
  'duty.records': LEADER,
  // the handling cadre's contact point: its leader and the organisation department; other cadres hear NOT_FOUND
  'duty.pointCode': row({
    residentA: F,
    residentB: F,
    handlingCadre: 'OK',
    otherCadre: N,
    subjectCadre: N,
    rep: F,
    volunteer: F,
    admin: 'OK',
  }),
  'duty.point': ANYONE,
  'duty.assignPoint': ADMIN,
  'duty.removePoint': ADMIN,
  'duty.points': ADMIN,
  // the county's figures: the organisation department (a unit head: their unit; no head among the callers)
  'duty.figures': ADMIN,
  'duty.exportFigures': ADMIN,
  'duty.rules': ADMIN,
  'duty.updateRule': ADMIN,
  // teams (S6.2): members and organisers read them; an organiser (admin) sets one up; members join and sign up
  'volunteer.teams': { ...VOLUNTEER, admin: 'OK' },
  'volunteer.team': { ...VOLUNTEER, admin: 'OK' },
  'volunteer.createTeam': ADMIN,
  'volunteer.joinTeam': VOLUNTEER,
  // the demo member leads the context's team: she plans, shows the venue code, signs up and checks in (S6.3)
  'volunteer.planActivity': VOLUNTEER,
  'volunteer.activityCode': VOLUNTEER,
  'volunteer.signUp': VOLUNTEER,
  'volunteer.checkIn': VOLUNTEER,
  // 约访 (S4.4): slots opened by a leader (城关镇's 孙丽, the handling cadre); resident A's booking of one.
  'meet.slots': ANYONE,
  // leader-level cadres only: the window clerk is not one, the 住建局's leader is
  'meet.openSlot': LEADER,
  'meet.desk': CADRES_AND_ADMIN,
  'meet.book': ANYONE,
  'meet.myBookings': ANYONE,
  // resident A's booking: she acts on it; the office sees it but may not act for her; anyone else: NOT_FOUND
  'meet.cancel': BY_REQUESTER,
  'meet.reschedule': BY_REQUESTER,
  // the office of the slot's leader (孙丽 herself) and the 信访局; another unit's cadre: NOT_FOUND
  'meet.confirm': STAFF_ON_REQUEST,
  'meet.propose': STAFF_ON_REQUEST,
  'meet.venueCode': STAFF_ON_REQUEST,
  // only the resident with a booking there, now, checks in; anyone else has nothing to check in
  'meet.checkIn': row({ residentA: 'OK', residentB: N, handlingCadre: N, otherCadre: N, subjectCadre: N, rep: N, volunteer: N, admin: N }),
  // the leader who received them writes the 纪要 (cadres only: the 信访局's admin is not a cadre)
  'meet.recordOutcome': { ...STAFF_ON_REQUEST, admin: F },
  'meet.noShow': STAFF_ON_REQUEST,
  // 报到 and posts (S6.3): members register and claim; the unit that looks after 河西村 (城关镇: the handling cadre's) and the admin set posts and read who registered
  'volunteer.myCommunity': VOLUNTEER,
  'volunteer.report': VOLUNTEER,
  'volunteer.claimPost': VOLUNTEER,
  'volunteer.createPost': COMMUNITY,
  'volunteer.community': COMMUNITY,
  // S8 relief pairs: a leader's own; 住建局's 县直单位领导 holds the pair a visit is recorded on, so another leader hears NOT_FOUND
  'duty.reliefs': LEADER,
  'duty.addRelief': LEADER,
  'duty.reliefVisit': row({
    residentA: F,
    residentB: F,
    handlingCadre: N,
    otherCadre: F,
    subjectCadre: 'OK',
    rep: F,
    volunteer: F,
    admin: F,
  }),
  // 包案 (S4.5): the context's case is a county leader's (陈建华, no unit): the 信访局 acts for him; cadres of other units never see it
  'meet.cases': CADRES_AND_ADMIN,
  'meet.caseDetail': CASE_OFFICE,
  'meet.assignCase': ADMIN,
  'meet.tickDuty': CASE_OFFICE,
  'meet.closeCase': ADMIN,
  // 下访 (S4.3): leaders log theirs (the window clerk is none); every cadre reads their month; the admin who missed what
  'meet.logVisit': LEADER,
  'meet.myVisits': CADRES,
  'meet.missedVisits': ADMIN,
  // S3 postings: the organisation department posts and assesses; 人社局's reserve cadre (李建国) is posted and files the report, another cadre hears NOT_FOUND
  'duty.postings': CADRES_AND_ADMIN,
  'duty.postingCandidates': ADMIN,
  'duty.post': ADMIN,
  'duty.postingReport': row({
    residentA: F,
    residentB: F,
    handlingCadre: N,
    otherCadre: 'OK',
    subjectCadre: N,
    rep: F,
    volunteer: F,
    admin: F,
  }),
  'duty.assessPosting': ADMIN,
  // 约访 from a reception day: every cadre and the 信访局 read the days they may open slots from (none: an empty list)
  'meet.slotDays': CADRES_AND_ADMIN,
};

/** Who may succeed at an action, by the table (the first is used to drive it in other suites). */
export const allowed = (fa: string): CallerName[] => CALLER_NAMES.filter((c) => EXPECT[fa]?.[c] === 'OK');

// ---------------------------------------------------------------- valid input for every action

export interface Fixture {
  id: string;
  version: number;
  unitId: string | null;
  status: string;
  requesterId?: string | null;
  /** A registered 信访 item's 受理告知 code, while unclaimed. */
  claimCode?: string | null;
  /** A contact point's code key (duty.point). */
  scene?: string;
}

let seq = 0;
export const uniq = (p: string): string => `${p}-${process.pid}-${Date.now().toString(36)}-${(seq += 1)}`;

export const FILLER = '可靠性测试：请按规定办理此事项，谢谢配合';

/** Things some valid inputs point at, made once per emulator by prepareContext(). */
const CONTEXT: {
  mergeTarget?: string;
  policy?: Record<string, unknown>;
  messageId?: string;
  /** Resident A's voice recording (说话输入), uploaded into A's own folder. */
  recording?: string;
  /** Surveys (S10) in each state: answerable, to be closed, closed with results published to 'units', a draft. */
  surveys?: Record<'open' | 'toClose' | 'closed' | 'draft' | 'toEdit', { id: string; version: number }>;
  /** 三问 consultations: 问需 open (to comment, vote and close), and a draft (to open). */
  consults?: Record<'open' | 'toClose' | 'draft', { id: string; version: number }>;
} = {};

/** The demo's consultation (三问决策), created again by the office. */
const consultDraft = (): Record<string, unknown> => ({
  clientId: uniq('consult'),
  title: demoConsult.title,
  background: demoConsult.background,
  phases: demoConsult.phases,
});
async function consultIn(rig: Rig, open: boolean): Promise<{ id: string; version: number }> {
  const c = await rig.ok<{ id: string; version: number }>(CALLERS.admin, 'consult', 'create', consultDraft());
  return open ? rig.ok(CALLERS.admin, 'consult', 'openPhase', { consultId: c.id, version: c.version }) : c;
}

/** A survey of three units (城关镇, 人社局, 住建局) with two scale questions and one for free text. */
const surveyDraft = (title = '年度群众满意度调查'): Record<string, unknown> => ({
  clientId: uniq('survey'),
  title,
  // this year: its residents' requests of this year are who it tells (jobs/surveys.ts)
  year: Number(countyToday().slice(0, 4)),
  questions: demoSurveys.questions,
  subjects: [
    { kind: '领导班子', unitId: 'unit-chengguan' },
    { kind: '执法窗口单位', unitId: 'unit-renshe' },
    { kind: '领导联系点', unitId: 'unit-zhujian', label: '县住建局联系点：安居小区' },
  ],
  opensAt: Date.now() - 86_400_000,
  closesAt: Date.now() + 30 * 86_400_000,
  minResponses: 30,
});

/** Makes a survey and moves it through the admin's actions; answers of `respondents` on the way (one with a phone typed in). */
async function surveyIn(
  rig: Rig,
  state: 'open' | 'closed' | 'draft',
  respondents: string[] = [],
): Promise<{ id: string; version: number }> {
  let v = await rig.ok<{ id: string; version: number }>(CALLERS.admin, 'survey', 'create', surveyDraft());
  if (state === 'draft') return v;
  v = await rig.ok(CALLERS.admin, 'survey', 'publish', { surveyId: v.id, version: v.version });
  for (const [i, who] of respondents.entries())
    await rig.ok(who, 'survey', 'respond', {
      surveyId: v.id,
      items: [
        { subjectId: 's1', answers: [5 - i, 4, i === 0 ? '窗口人少，请回电13800007779' : ''] },
        { subjectId: 's2', answers: [3, 0, ''] },
      ],
    });
  if (state === 'open') return v;
  v = await rig.ok(CALLERS.admin, 'survey', 'close', { surveyId: v.id, version: v.version });
  return rig.ok(CALLERS.admin, 'survey', 'publishResults', { surveyId: v.id, version: v.version, scope: 'units' });
}

/** Makes what some valid inputs point at: a request to merge into, the current policy to re-save. */
export async function prepareContext(rig: Rig): Promise<void> {
  CONTEXT.mergeTarget = (await fixtureIn(rig, ['assigned'])).id;
  // A notice in resident A's 消息, as the outbox leaves one: the message user.readMessage marks read.
  const { insert } = await import('../../server/db');
  CONTEXT.messageId = uniq('rel-message');
  await insert('notifications', {
    _id: CONTEXT.messageId,
    requestId: CONTEXT.mergeTarget,
    to: CALLERS.residentA,
    template: 'progress',
    page: `packages/request/detail/index?id=${CONTEXT.mergeTarget}`,
    values: ['20261201-RELMSG', '已派单', FILLER, Date.now()],
    state: 'no_quota',
    attempts: 0,
    createdAt: Date.now(),
    sentAt: null,
    error: null,
    read: false,
    readAt: null,
  });
  const { photoFolder } = await import('../../server/photos');
  const { recording } = await import('../helpers/recording');
  const form = new FormData();
  form.set('cloudPath', `${photoFolder(CALLERS.residentA)}/rel-voice-${uniq('rec')}.mp3`);
  form.set('file', new Blob([new Uint8Array(recording('村口的路灯坏了一个月了'))]), 'voice.mp3');
  CONTEXT.recording = (
    (await (await fetch(`${rig.url}/storage/upload`, { method: 'POST', body: form })).json()) as { fileID: string }
  ).fileID;
  CONTEXT.surveys = {
    open: await surveyIn(rig, 'open'),
    toClose: await surveyIn(rig, 'open'),
    closed: await surveyIn(rig, 'closed', ['rel-survey-1', 'rel-survey-2']),
    draft: await surveyIn(rig, 'draft'),
    toEdit: await surveyIn(rig, 'draft'),
  };
  CONTEXT.consults = { open: await consultIn(rig, true), toClose: await consultIn(rig, true), draft: await consultIn(rig, false) };
  const policies = await rig.ok<Record<string, unknown>[]>(CALLERS.admin, 'admin', 'policies', {});
  if (policies[0]) {
    const { key: _key, ...policy } = policies[0];
    CONTEXT.policy = policy;
  }
}

/** Explicit valid inputs where the schema alone cannot say (ids of things, patterns). */
const INPUTS: Record<string, (fx: Fixture | null) => Record<string, unknown>> = {
  'user.bindInvite': () => ({ code: 'ABCD2345', name: '测试干部' }),
  'user.claimSetup': () => ({ code: 'ABCD2345EFGH' }),
  'county.card': () => ({ scene: 'c-renshe-01' }),
  'county.regions': () => ({ parentId: 'town-chengguan' }),
  'county.cardCode': () => ({ cardId: 'card-chengguan-1' }),
  'county.cards': () => ({ unitId: 'unit-chengguan' }),
  'county.editCard': (fx) => ({ cardId: fx!.id, version: fx!.version, fields: { post: `便民服务中心主任${(seq += 1) % 1000}` } }),
  'county.revokeCard': (fx) => ({ cardId: fx!.id, version: fx!.version, reason: '已调离本单位' }),
  'county.handOut': (fx) => ({
    cardId: fx!.id,
    version: fx!.version,
    clientId: uniq('relhand').replace(/[^A-Za-z0-9_-]/g, ''),
    copies: 10,
    to: '河西村村民大会',
  }),
  'request.submit': () => ({
    clientId: uniq('rel'),
    category: '咨询',
    content: '请问灵活就业人员怎样缴纳养老保险？',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: false,
  }),
  'request.inbox': () => ({ box: 'todo' }),
  'request.letters': () => ({ box: 'todo' }),
  'request.instruct': (fx) => ({ id: fx!.id, version: fx!.version, instruction: FILLER }),
  'request.coReply': (fx) => ({ id: fx!.id, version: fx!.version, answer: FILLER }),
  'admin.leaders': () => ({ scope: 'unit-chengguan' }),
  // 阅批 by 城关镇's leader (the handling cadre is its 镇领导).
  'admin.toLeader': (fx) => ({
    id: fx!.id,
    version: fx!.version,
    scope: 'unit-chengguan',
    leaderKey: leaderKey(CALLERS.handlingCadre),
    important: true,
    note: FILLER,
  }),
  'request.transfer': (fx) => ({ id: fx!.id, version: fx!.version, unitId: 'unit-shuiwu', reason: FILLER }),
  'admin.dispatch': (fx) => ({ id: fx!.id, version: fx!.version, unitId: 'unit-chengguan' }),
  'admin.createInvite': () => ({ unitId: 'unit-renshe', level: '窗口工作人员' }),
  'user.grantSubscriptions': () => ({ answers: { 'demo-tmpl-progress-long': 'accept' }, mainSwitch: true }),
  'county.figures': () => ({ month: '2026-11' }),
  'request.merge': (fx) => ({ id: fx!.id, version: fx!.version, intoId: CONTEXT.mergeTarget ?? 'prepareContext-not-run' }),
  'admin.register': () => ({
    clientId: uniq('reg'),
    source: '来访',
    category: '求助',
    content: FILLER,
    receivedAt: Date.now() - 60_000,
    contactName: '来访群众',
    confidential: false,
    unitId: 'unit-chengguan',
  }),
  // 5 = 非常满意: closes it (a 差评 would reopen it, which the walk reaches on purpose: REACH.reopened).
  'request.rate': (fx) => ({ id: fx!.id, version: fx!.version, resolved: true, score: 5 }),
  'request.claim': (fx) => ({ code: fx!.claimCode ?? 'no-claim-code' }),
  'admin.deliver': (fx) => ({ id: fx!.id, version: fx!.version, method: '邮寄', deliveredAt: Date.now() }),
  'admin.updatePolicy': () => ({ ...(CONTEXT.policy ?? {}) }),
  'admin.setCalendarDay': () => ({ date: '2027-01-01', work: false, name: '元旦' }),
  'admin.removeCalendarDay': () => ({ date: '2027-01-01' }),
  // Resident A's message (prepareContext): nobody else may mark it, nor learn it exists.
  'user.readMessage': () => ({ messageId: CONTEXT.messageId ?? 'prepareContext-not-run' }),
  'request.transcribe': () => ({ fileID: CONTEXT.recording ?? 'cloud://prepareContext-not-run/x.mp3' }),
  'survey.get': () => ({ surveyId: CONTEXT.surveys?.open.id ?? 'prepareContext-not-run' }),
  'survey.respond': () => ({
    surveyId: CONTEXT.surveys?.open.id ?? 'prepareContext-not-run',
    items: [{ subjectId: 's2', answers: [4, 5, FILLER] }],
  }),
  'survey.results': () => ({ surveyId: CONTEXT.surveys?.closed.id ?? 'prepareContext-not-run' }),
  'survey.create': () => surveyDraft(),
  'survey.publish': () => ({ surveyId: CONTEXT.surveys?.draft.id, version: CONTEXT.surveys?.draft.version }),
  'survey.close': () => ({ surveyId: CONTEXT.surveys?.toClose.id, version: CONTEXT.surveys?.toClose.version }),
  'survey.publishResults': () => ({ surveyId: CONTEXT.surveys?.closed.id, version: CONTEXT.surveys?.closed.version, scope: 'staff' }),
  'survey.exportResults': () => ({ surveyId: CONTEXT.surveys?.closed.id ?? 'prepareContext-not-run' }),
  'survey.update': () => {
    const { clientId: _clientId, ...draft } = surveyDraft('年度窗口单位满意度调查');
    return { surveyId: CONTEXT.surveys?.toEdit.id, version: CONTEXT.surveys?.toEdit.version, ...draft };
  },
  'rep.card': () => ({ scene: REP_SCENE }),
  'rep.send': () => ({ clientId: uniq('rop'), scene: REP_SCENE, content: '村口路灯坏了一个多月，晚上出行不安全', showIdentity: false }),
  'rep.claimOpinion': (fx) => ({ code: fx!.claimCode ?? 'no-claim-code' }),
  'rep.withdrawOpinion': (fx) => ({ opinionId: fx!.id, version: fx!.version }),
  'rep.recordVisit': () => ({ clientId: uniq('rvi'), date: countyToday(), place: '河西村三组', people: 3 }),
  'rep.recordOpinion': () => ({ clientId: uniq('rro'), content: '希望村里增设老年人日间照料中心', showIdentity: true }),
  'rep.planActivity': () => ({ clientId: uniq('rpa'), kind: '调研', date: countyToday(), topic: '农村养老服务调研' }),
  'rep.recordAttendance': (fx) => ({ activityId: fx!.id, version: fx!.version, present: [REP_SCENE] }),
  'rep.compile': (fx) => ({
    clientId: uniq('rco'),
    kind: '建议',
    title: '关于加强农村养老服务的建议',
    content: FILLER,
    handler: '刘红梅',
    lead: '县民政局',
    opinionIds: [fx!.id],
  }),
  'rep.proposals': () => ({ box: 'all' }),
  'rep.proposal': (fx) => ({ proposalId: fx!.id }),
  'rep.withdrawProposal': (fx) => ({ proposalId: fx!.id, version: fx!.version, reason: '意见需要补充调研' }),
  'rep.forward': (fx) => ({ proposalId: fx!.id, version: fx!.version, unitIds: ['unit-renshe'] }),
  'rep.officePlan': () => ({ clientId: uniq('rop'), kind: '建言献策', date: countyToday(), topic: '全县党代表建言献策会' }),
  'rep.officeAttendance': (fx) => ({ activityId: fx!.id, version: fx!.version, present: [REP_SCENE, 'r-zhangweidong'] }),
  'rep.figures': () => ({ year: Number(countyToday().slice(0, 4)) }),
  'consult.get': () => ({ consultId: CONTEXT.consults?.open.id ?? 'prepareContext-not-run' }),
  'consult.comments': () => ({ consultId: CONTEXT.consults?.open.id ?? 'prepareContext-not-run', phase: 0 }),
  'consult.comment': () => ({
    consultId: CONTEXT.consults?.open.id ?? 'prepareContext-not-run',
    clientId: uniq('rel-comment'),
    text: FILLER,
  }),
  'consult.vote': () => ({ consultId: CONTEXT.consults?.open.id ?? 'prepareContext-not-run', option: 1 }),
  'consult.create': () => consultDraft(),
  'consult.openPhase': () => ({ consultId: CONTEXT.consults?.draft.id, version: CONTEXT.consults?.draft.version }),
  'consult.closePhase': () => ({ consultId: CONTEXT.consults?.toClose.id, version: CONTEXT.consults?.toClose.version, summary: FILLER }),
  'volunteer.card': () => ({ scene: 'v-machunhua' }),
  'volunteer.addPair': () => ({ clientId: uniq('vpa'), name: '王桂兰', regionId: 'vil-hexi', address: '河西村三组12号' }),
  'volunteer.pair': (fx) => ({ pairId: fx!.id }),
  'volunteer.endPair': (fx) => ({ pairId: fx!.id, version: fx!.version, reason: '群众已搬离本村' }),
  'volunteer.duties': () => ({}),
  'volunteer.record': (fx) => ({
    clientId: uniq('vre'),
    pairId: fx!.id,
    kind: '政策宣传',
    date: countyToday(),
    content: '上门讲解城乡居民医保缴费政策',
  }),
  'volunteer.onBehalf': (fx) => ({
    clientId: uniq('vob'),
    pairId: fx!.id,
    kind: '事务代办',
    category: '求助',
    content: '代群众申请临时救助，家中老人住院',
    consent: '当面口头同意',
  }),
  'volunteer.figures': () => ({ year: Number(countyToday().slice(0, 4)) }),
  'duty.recordVisit': () => ({
    clientId: uniq('dvi'),
    kind: 'visit',
    start: countyToday(),
    end: countyToday(),
    regionId: 'vil-hexi',
    place: '河西村三组',
    purpose: '了解饮水安全情况',
    households: 3,
    retinue: 1,
  }),
  'duty.recordReport': () => ({ clientId: uniq('dre'), date: countyToday(), topic: '农村饮水安全调研', summary: FILLER }),
  'duty.recordTalk': () => ({ clientId: uniq('dta'), date: countyToday(), talkWith: '河西村支部书记', form: '个别谈话', notes: FILLER }),
  'duty.pointCode': (fx) => ({ pointId: fx!.id }),
  'duty.point': (fx) => ({ scene: fx!.scene }),
  'duty.assignPoint': () => ({
    clientId: uniq('dpt'),
    cadreKey: cadreKey(CALLERS.handlingCadre),
    year: Number(countyToday().slice(0, 4)),
    slot: 'household',
    name: '河西村张大爷家',
  }),
  'duty.removePoint': (fx) => ({ pointId: fx!.id, version: fx!.version }),
  'duty.points': () => ({ year: Number(countyToday().slice(0, 4)) }),
  'duty.addRelief': () => ({ clientId: uniq('drl'), kind: 'oneToOne', household: '河西村李大爷', plan: '帮助申请临时救助' }),
  'duty.reliefVisit': (fx) => ({ reliefId: fx!.id, version: fx!.version, occasion: '八一', date: countyToday() }),
  'duty.updateRule': (fx) => ({ ruleId: fx!.id, version: fx!.version, threshold: 3, fromYear: Number(countyToday().slice(0, 4)) + 1 }),
  'duty.post': () => ({
    clientId: uniq('dpo'),
    cadreKey: cadreKey(CALLERS.otherCadre),
    place: '河西村党支部书记助理',
    regionId: 'vil-hexi',
    start: countyDaysAgo(100),
    end: countyDaysAgo(5),
  }),
  'duty.postingReport': (fx) => ({ postingId: fx!.id, version: fx!.version, end: countyDaysAgo(5), summary: FILLER }),
  'duty.assessPosting': (fx) => ({ postingId: fx!.id, version: fx!.version, result: '称职', notes: '表现良好' }),
  'volunteer.team': (fx) => ({ teamId: fx!.id }),
  'volunteer.createTeam': () => ({
    clientId: uniq('vte'),
    name: '河西村环保志愿服务队',
    skill: '环境保护',
    organizer: '团县委',
    leaderScene: 'v-machunhua',
  }),
  'volunteer.joinTeam': (fx) => ({ teamId: fx!.id, version: fx!.version }),
  'volunteer.planActivity': (fx) => ({
    clientId: uniq('vpl'),
    teamId: fx!.id,
    title: '村道垃圾清理',
    date: countyToday(),
    place: '河西村村委会',
    capacity: 50,
  }),
  'volunteer.activityCode': (fx) => ({ activityId: fx!.id }),
  'volunteer.signUp': (fx) => ({ activityId: fx!.id }),
  'volunteer.checkIn': (fx) => ({ scene: fx!.claimCode ?? 'no-venue-code' }),
  'volunteer.report': () => ({ regionId: 'vil-hexi', kind: '在职党员报到' }),
  'volunteer.claimPost': (fx) => ({ postId: fx!.id }),
  'volunteer.createPost': () => ({
    clientId: uniq('vps'),
    regionId: 'vil-hexi',
    title: '楼栋长',
    duty: '收集楼栋群众诉求，每月走访一次',
    slots: 50,
  }),
  'volunteer.community': () => ({ regionId: 'vil-hexi' }),
};

/** The demo representative's card (刘红梅). */
const REP_SCENE = 'r-liuhongmei';
/** Today in the county (UTC+08:00), as a date field takes it. */
const countyToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const countyDaysAgo = (n: number): string => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

type Def = { type: string; innerType?: unknown; options?: unknown[]; values?: unknown[]; entries?: Record<string, unknown> };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** A valid value for one field, from its schema: ids from the fixture, text as filler, first choices. */
function valueFor(key: string, schema: unknown, fx: Fixture | null): unknown {
  const d = defOf(schema);
  if (d.type === 'optional') return undefined;
  if (key === 'id') return fx?.id;
  if (key === 'version') return fx?.version;
  if (key === 'unitId') return 'unit-shuiwu';
  if (d.type === 'string') {
    const s = schema as { minLength?: number | null; maxLength?: number | null };
    const min = s.minLength ?? 1;
    const max = s.maxLength ?? 1000;
    let t = FILLER;
    while (Array.from(t).length < min) t += FILLER;
    return Array.from(t)
      .slice(0, Math.min(max, Math.max(min, 20)))
      .join('');
  }
  if (d.type === 'number') return 1;
  if (d.type === 'boolean') return false;
  if (d.type === 'enum') return Object.values(d.entries ?? {})[0];
  if (d.type === 'literal') return d.values?.[0];
  if (d.type === 'union') return valueFor(key, d.options![0], fx);
  return undefined;
}

/** A valid input for `fa` on fixture `fx` (explicit where declared, else from the schema). */
export function validInput(fa: string, fx: Fixture | null): Record<string, unknown> {
  const explicit = INPUTS[fa];
  if (explicit) return explicit(fx);
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(shapeOf(fa))) {
    const v = valueFor(k, s, fx);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

// ---------------------------------------------------------------- requests in any state

const PETITIONER = { name: '王秀英', phone: '13800001234' };

/** Where each action's fixture must stand: a state its transition starts from, else “assigned”. */
function statesFor(fa: string): readonly string[] {
  const t = LIFECYCLE[split(fa)[1]];
  return isTransition(fa) && t ? t.from : ['assigned'];
}

/** Which function hosts a lifecycle action. */
function fnOf(action: string): string {
  return Object.keys(FUNCTIONS).find((fn) => Object.prototype.hasOwnProperty.call(FUNCTIONS[fn], action)) ?? 'request';
}

/** Who plays a party on a request now. */
export function playerOf(party: string, fx: Fixture, requester: string): string | null {
  if (party === 'requester') return requester;
  if (party === 'dispatcher') return CALLERS.admin;
  if (party === 'handler' && fx.unitId) return CADRE_OF[fx.unitId] ?? null;
  // 联合办理 fixtures name 城关镇 as the co-handling unit (SPECIAL 'request.coReply').
  if (party === 'coHandler') return CALLERS.handlingCadre;
  return null;
}

export async function readFixture(rig: Rig, id: string): Promise<Fixture> {
  const r = (await rig.requests()).find((x) => x._id === id);
  if (!r) throw new Error(`request ${id} is not stored`);
  return {
    id,
    version: r.version,
    unitId: r.unitId,
    status: r.status,
    requesterId: r.requesterId,
    claimCode: (r.claimCode as string | null | undefined) ?? null,
  };
}

/** The shortest walk through TRANSITIONS from `start` to one of `targets`, by parties we can play. */
function walk(start: string, targets: readonly string[]): string[] | null {
  const seen = new Map<string, string[]>([[start, []]]);
  const queue = [start];
  while (queue.length) {
    const s = queue.shift()!;
    if (targets.includes(s)) return seen.get(s)!;
    for (const [a, t] of Object.entries(LIFECYCLE)) {
      if (!t.from.includes(s) || !t.to || t.to === s || seen.has(t.to) || (t.channel && t.channel !== '诉求')) continue;
      if (!partiesOfTransition(t).some((p) => p === 'requester' || p === 'handler' || p === 'dispatcher')) continue;
      seen.set(t.to, [...seen.get(s)!, a]);
      queue.push(t.to);
    }
  }
  return null;
}

export interface FixtureOptions {
  requester?: string;
  confidential?: boolean;
  mayContact?: boolean;
  name?: string;
  phone?: string;
  content?: string;
}

/**
 * Resident A's 投诉 about 住建局 (through its card, “投诉该单位或其工作人员”: subjectUnitId = 住建局),
 * which goes to 住建局's supervisor (县政府督查室), handed on by it to 城关镇 (转办), then walked
 * through the lifecycle table to one of `targets`. A target of “submitted” starts from a place the
 * routing catalogue does not cover instead; `reopened` and `reviewing` are reached as REACH says.
 */
export async function fixtureIn(rig: Rig, targets: readonly string[], o: FixtureOptions = {}): Promise<Fixture> {
  const special = targets.map((t) => REACH[t]).find((f) => f !== undefined);
  if (special && !targets.some((t) => walkable(t))) return special(rig, o);
  const requester = o.requester ?? CALLERS.residentA;
  const who = {
    confidential: o.confidential ?? false,
    mayContact: o.mayContact ?? true,
    contactName: o.name ?? PETITIONER.name,
    contactPhone: o.phone ?? PETITIONER.phone,
  };
  let fx: Fixture;
  if (targets.includes('submitted') && !targets.includes('assigned')) {
    const s = await rig.ok<{ id: string }>(requester, 'request', 'submit', {
      clientId: uniq('fx'),
      category: '求助',
      content: o.content ?? '安居小区到县城的公交停运了，出行不方便',
      regionId: 'com-anju',
      ...who,
    });
    fx = await readFixture(rig, s.id);
  } else {
    const s = await rig.ok<{ id: string }>(requester, 'request', 'submit', {
      clientId: uniq('fx'),
      category: '投诉',
      aboutUnit: true,
      content: o.content ?? '住建局执法人员到工地检查时态度粗暴',
      scene: 'c-zhujian-01',
      ...who,
    });
    await rig.ok(CADRE_OF['unit-ducha']!, 'request', 'transfer', {
      id: s.id,
      version: 0,
      unitId: 'unit-chengguan',
      reason: '请城关镇核查属地执法情况',
    });
    fx = await readFixture(rig, s.id);
  }
  const path = walk(fx.status, targets);
  if (!path) throw new Error(`no walk through TRANSITIONS from ${fx.status} to ${targets.join('/')}`);
  for (const action of path) fx = await step(rig, fx, action, requester);
  return fx;
}

/** One transition on a fixture, by whoever plays its party. */
async function step(rig: Rig, fx: Fixture, action: string, requester: string, input?: Record<string, unknown>): Promise<Fixture> {
  const fa = `${fnOf(action)}.${action}`;
  const party = partiesOfTransition(LIFECYCLE[action]!)
    .map((p) => playerOf(p, fx, requester))
    .find((x) => x !== null);
  if (!party) throw new Error(`nobody to play ${action} on a request at ${fx.unitId ?? 'no unit'}`);
  const [fn, a] = split(fa);
  await rig.ok(party, fn, a, input ?? validInput(fa, fx));
  return readFixture(rig, fx.id);
}

const walkable = (state: string): boolean => state === 'submitted' || walk('assigned', [state]) !== null;

/** A 信访 item the dispatcher registered for 城关镇 (受理告知 with a claim code), not yet claimed. */
async function registered(rig: Rig): Promise<Fixture> {
  const reg = await rig.ok<{ id: string }>(CALLERS.admin, 'admin', 'register', INPUTS['admin.register']!(null));
  return readFixture(rig, reg.id);
}

/** A registered 信访 item, answered; with `claim`, resident A claimed it first (and may ask for a review). */
async function registeredReplied(rig: Rig, claim = true): Promise<Fixture> {
  let fx = await registered(rig);
  if (claim) {
    await rig.ok(CALLERS.residentA, 'request', 'claim', { code: fx.claimCode });
    fx = await readFixture(rig, fx.id);
  }
  await rig.ok(CALLERS.handlingCadre, 'request', 'accept', { id: fx.id, version: fx.version });
  await rig.ok(CALLERS.handlingCadre, 'request', 'reply', { id: fx.id, version: fx.version + 1, reply: FILLER });
  return readFixture(rig, fx.id);
}

/** States no walk through TRANSITIONS reaches from a new 诉求, and how to reach them. */
const REACH: Record<string, (rig: Rig, o: FixtureOptions) => Promise<Fixture>> = {
  // A 差评 (1 = 非常不满意) reopens an answered request for 重办.
  reopened: async (rig, o) => {
    const fx = await fixtureIn(rig, ['replied'], o);
    return step(rig, fx, 'rate', o.requester ?? CALLERS.residentA, { id: fx.id, version: fx.version, resolved: false, score: 1 });
  },
  // 复查: only 信访 items have it; the petitioner who claimed the item asks.
  reviewing: async (rig) => {
    const fx = await registeredReplied(rig);
    await rig.ok(CALLERS.residentA, 'request', 'reviewAsk', { id: fx.id, version: fx.version, reason: FILLER });
    return readFixture(rig, fx.id);
  },
};

/** Actions whose precondition is more than a state: how to make a request they apply to. */
const SPECIAL: Record<string, (rig: Rig) => Promise<Fixture>> = {
  'request.reviewAsk': (rig) => registeredReplied(rig),
  'admin.reviewAnswer': (rig) => REACH.reviewing!(rig, {}),
  'request.claim': registered,
  'admin.claimCode': registered,
  // answered, and its petitioner is not on the app: the answer goes by letter (书面答复)
  'admin.deliver': (rig) => registeredReplied(rig, false),
  'request.extendDecide': async (rig) => {
    const fx = await fixtureIn(rig, ['accepted']);
    await rig.ok(CALLERS.handlingCadre, 'request', 'extendAsk', validInput('request.extendAsk', fx));
    return readFixture(rig, fx.id);
  },
  'request.resume': async (rig) => {
    const fx = await fixtureIn(rig, ['accepted']);
    await rig.ok(CALLERS.handlingCadre, 'request', 'pause', validInput('request.pause', fx));
    return readFixture(rig, fx.id);
  },
  // 阅批: a registered letter (for 城关镇), then sent to 城关镇's leader.
  'admin.toLeader': registered,
  'request.instruct': async (rig) => {
    const fx = await registered(rig);
    await rig.ok(CALLERS.admin, 'admin', 'toLeader', validInput('admin.toLeader', fx));
    return readFixture(rig, fx.id);
  },
  // 联合办理: an unrouted request the dispatcher gives the 人社局 to lead, with 城关镇 co-handling.
  'request.coReply': async (rig) => {
    const fx = await fixtureIn(rig, ['submitted']);
    await rig.ok(CALLERS.admin, 'admin', 'dispatch', {
      id: fx.id,
      version: fx.version,
      unitId: 'unit-renshe',
      coUnitIds: ['unit-chengguan'],
    });
    return readFixture(rig, fx.id);
  },
};

// ---------------------------------------------------------------- 党代表: the things their actions point at

type Made = { id: string; version: number; claimCode?: string | null };
const madeFixture = (m: Made, status: string): Fixture => ({
  id: m.id,
  version: m.version,
  unitId: null,
  status,
  claimCode: m.claimCode ?? null,
});
/** An opinion the demo representative recorded on a visit (with its claim code). */
const recorded = async (rig: Rig): Promise<Fixture> =>
  madeFixture(await rig.ok<Made>(CALLERS.rep, 'rep', 'recordOpinion', INPUTS['rep.recordOpinion']!(null)), 'open');
/** A 建议 the convener compiled from one recorded opinion, waiting for the office. */
const compiled = async (rig: Rig): Promise<Fixture> =>
  madeFixture(await rig.ok<Made>(CALLERS.rep, 'rep', 'compile', INPUTS['rep.compile']!(await recorded(rig))), 'submitted');
Object.assign(SPECIAL, {
  'rep.claimOpinion': recorded,
  'rep.compile': recorded,
  'rep.withdrawOpinion': async (rig: Rig) =>
    madeFixture(await rig.ok<Made>(CALLERS.residentA, 'rep', 'send', INPUTS['rep.send']!(null)), 'open'),
  'rep.recordAttendance': async (rig: Rig) =>
    madeFixture(await rig.ok<Made>(CALLERS.rep, 'rep', 'planActivity', INPUTS['rep.planActivity']!(null)), 'planned'),
  'rep.officeAttendance': async (rig: Rig) =>
    madeFixture(await rig.ok<Made>(CALLERS.admin, 'rep', 'officePlan', INPUTS['rep.officePlan']!(null)), 'planned'),
  'rep.proposal': compiled,
  'rep.withdrawProposal': compiled,
  'rep.forward': compiled,
});

// ---------------------------------------------------------------- 党员志愿服务: the pair their actions point at

/** A resident the demo party member pairs with (her own). */
const paired = async (rig: Rig): Promise<Fixture> =>
  madeFixture(await rig.ok<Made>(CALLERS.volunteer, 'volunteer', 'addPair', INPUTS['volunteer.addPair']!(null)), 'active');
/** A team the demo member leads (an organiser set it up). */
const teamLed = async (rig: Rig): Promise<Fixture> =>
  madeFixture(await rig.ok<Made>(CALLERS.admin, 'volunteer', 'createTeam', INPUTS['volunteer.createTeam']!(null)), 'team');
/** Today's activity of that team; its venue code's scene rides in `claimCode`. */
async function activityToday(rig: Rig, signedUp: boolean): Promise<Fixture> {
  const a = await rig.ok<Made>(CALLERS.volunteer, 'volunteer', 'planActivity', INPUTS['volunteer.planActivity']!(await teamLed(rig)));
  if (signedUp) await rig.ok(CALLERS.volunteer, 'volunteer', 'signUp', { activityId: a.id });
  const code = await rig.ok<{ scene: string }>(CALLERS.volunteer, 'volunteer', 'activityCode', { activityId: a.id });
  return { ...madeFixture(a, 'planned'), claimCode: code.scene };
}
/** A post of 河西村, where the demo member has registered (报到). */
async function postInHexi(rig: Rig): Promise<Fixture> {
  await rig.ok(CALLERS.volunteer, 'volunteer', 'report', { regionId: 'vil-hexi', kind: '在职党员报到' });
  return madeFixture(await rig.ok<Made>(CALLERS.admin, 'volunteer', 'createPost', INPUTS['volunteer.createPost']!(null)), 'post');
}
Object.assign(SPECIAL, {
  'volunteer.claimPost': postInHexi,
  'volunteer.team': teamLed,
  'volunteer.joinTeam': teamLed,
  'volunteer.planActivity': teamLed,
  'volunteer.activityCode': (rig: Rig) => activityToday(rig, false),
  'volunteer.signUp': (rig: Rig) => activityToday(rig, false),
  'volunteer.checkIn': (rig: Rig) => activityToday(rig, true),
});
Object.assign(SPECIAL, { 'volunteer.pair': paired, 'volunteer.endPair': paired, 'volunteer.record': paired, 'volunteer.onBehalf': paired });
// ---------------------------------------------------------------- 干部履职: the things their actions point at

/** A contact point the organisation department gave the handling cadre (城关镇's 镇领导). */
const point = async (rig: Rig): Promise<Fixture> => {
  const p = await rig.ok<Made & { scene: string }>(CALLERS.admin, 'duty', 'assignPoint', INPUTS['duty.assignPoint']!(null));
  return { ...madeFixture(p, 'active'), scene: p.scene };
};
/** A duty rule of its own (a copy of S5.2's), so changing it for next year never meets another call's change. */
const dutyRule = async (): Promise<Fixture> => {
  const { insert } = await import('../../server/db');
  const { dutyRules } = await import('../../scripts/demo-county');
  const id = uniq('rel-rule');
  await insert('duty_rules', { ...dutyRules.find((r) => r._id === 'S5.2-talks')!, _id: id });
  return madeFixture({ id, version: 0 }, 'rule');
};
/** 住建局's 县直单位领导's 优抚 household (S8.2), a fresh one for each visit recorded on it. */
const relief = async (rig: Rig): Promise<Fixture> =>
  madeFixture(
    await rig.ok<Made>(CALLERS.subjectCadre, 'duty', 'addRelief', {
      clientId: uniq('drl'),
      kind: 'youfu',
      household: '城关镇优抚对象王大娘',
      contact: '住建局办公室张三',
      plan: '节日走访慰问，帮助修缮住房',
    }),
    'active',
  );
/** 李建国 (人社局) posted to 河西村 100 days ago by the organisation department (S3); reported: his final report filed. */
const posting = async (rig: Rig, reported: boolean): Promise<Fixture> => {
  const p = await rig.ok<Made>(CALLERS.admin, 'duty', 'post', INPUTS['duty.post']!(null));
  if (!reported) return madeFixture(p, 'posted');
  return madeFixture(
    await rig.ok<Made>(CALLERS.otherCadre, 'duty', 'postingReport', INPUTS['duty.postingReport']!(madeFixture(p, 'posted'))),
    'reported',
  );
};
Object.assign(SPECIAL, {
  'duty.postingReport': (rig: Rig) => posting(rig, false),
  'duty.assessPosting': (rig: Rig) => posting(rig, true),
  'duty.reliefVisit': relief,
  'duty.pointCode': point,
  'duty.point': point,
  'duty.removePoint': point,
  'duty.updateRule': dutyRule,
});

// ---------------------------------------------------------------- 连心卡: the cards their actions point at

/** The handling cadre's own card as it is now (issued on their first look). */
const ownCard = async (rig: Rig): Promise<Fixture> => {
  const { mine } = await rig.ok<{ mine: Made }>(CALLERS.handlingCadre, 'county', 'myCards', {});
  return madeFixture(mine, 'card');
};
/** A card of its own for 城关镇 (revoking one is for good): a unit card made for the call. */
const freshCard = async (): Promise<Fixture> => {
  const { insert } = await import('../../server/db');
  const id = uniq('rel-card');
  await insert('cards', {
    _id: id,
    kind: 'unit',
    scene: `c-${id.slice(-20)}`.replace(/[^0-9A-Za-z_-]/g, 'x'),
    unitId: 'unit-chengguan',
    unitName: '城关镇人民政府',
    scope: '城关镇便民服务',
    duties: '首问负责',
    responsible: '值班负责人',
    phone: '0000-6634567',
    supervisionPhone: '0000-6634500',
    active: true,
    version: 1,
    updatedAt: Date.now(),
    events: [],
  });
  return madeFixture({ id, version: 1 }, 'card');
};
Object.assign(SPECIAL, { 'county.editCard': ownCard, 'county.revokeCard': freshCard, 'county.handOut': freshCard });

/** Actions made for a request of their own (not a state of one). */
export const SPECIAL_ACTIONS: Readonly<Record<string, unknown>> = SPECIAL;

/** A request `fa` applies to, with the caller the table allows. */
export function fixtureFor(rig: Rig, fa: string): Promise<Fixture> {
  return SPECIAL[fa]?.(rig) ?? fixtureIn(rig, statesFor(fa));
}

/** Undoes what a successful bindInvite did to a caller (it rewrites their user document). */
/** A waiting one-time setup code, as npm run deploy leaves one (only its hash is stored). */
export async function freshSetupCode(): Promise<string> {
  const { db } = await import('../../server/db');
  const { newSetupCode, setupCodeId } = await import('../../server/setup-code');
  const code = newSetupCode();
  const now = Date.now();
  await db
    .collection('setup_codes')
    .add({ data: { _id: setupCodeId(code), createdAt: now, expiresAt: now + 86_400_000, usedBy: null, usedAt: null } });
  return code;
}

export async function restoreUser(openid: string, before: Record<string, unknown> | undefined): Promise<void> {
  const { db } = await import('../../server/db');
  const doc = db.collection('users').doc(openid);
  if (before) {
    const { _id: _omit, ...data } = before;
    await doc.set({ data });
  } else {
    await doc.remove();
  }
}

// ---------------------------------------------------------------- 接访: rosters and periods to act on

/** A month of its own for each roster made here (a published one cannot be generated again). */
let meetMonths = 0;
const meetMonth = (): string => {
  meetMonths += 1;
  return `${2040 + Math.floor(meetMonths / 12)}-${String((meetMonths % 12) + 1).padStart(2, '0')}`;
};
/** A draft roster's first day and its other leader, by roster id (for swap). */
const ROSTER_SWAP = new Map<string, { date: string; leaderKey: string }>();
const draftRoster = async (rig: Rig): Promise<Fixture> => {
  const r = await rig.ok<{ id: string; version: number; days: { date: string; leaderKey: string }[]; leaders: { key: string }[] }>(
    CALLERS.admin,
    'meet',
    'generate',
    { scope: 'county', month: meetMonth() },
  );
  ROSTER_SWAP.set(r.id, { date: r.days[0]!.date, leaderKey: r.leaders.find((l) => l.key !== r.days[0]!.leaderKey)!.key });
  return madeFixture(r, 'draft');
};
Object.assign(INPUTS, {
  'meet.setPeriod': () => ({ name: '重要节日期间', from: '2041-10-01', to: '2041-10-07' }),
  'meet.removePeriod': (fx: Fixture | null) => ({ periodId: fx!.id }),
  'meet.generate': () => ({ scope: 'county', month: meetMonth() }),
  'meet.roster': (fx: Fixture | null) => ({ scope: 'county', month: fx!.id.slice(-7) }),
  'meet.swap': (fx: Fixture | null) => ({ rosterId: fx!.id, version: fx!.version, ...ROSTER_SWAP.get(fx!.id) }),
  'meet.publish': (fx: Fixture | null) => ({ rosterId: fx!.id, version: fx!.version }),
});
Object.assign(SPECIAL, {
  'meet.removePeriod': async (rig: Rig) => {
    const day = String(1 + (meetMonths++ % 28)).padStart(2, '0');
    const periods = await rig.ok<{ id: string; from: string }[]>(CALLERS.admin, 'meet', 'setPeriod', {
      name: '临时敏感时期',
      from: `2042-01-${day}`,
      to: `2042-01-${day}`,
    });
    return madeFixture({ id: periods.find((p) => p.from === `2042-01-${day}`)!.id, version: 0 }, 'open');
  },
  'meet.roster': draftRoster,
  'meet.swap': draftRoster,
  'meet.publish': draftRoster,
});

// ---------------------------------------------------------------- 约访: slots and bookings to act on

let meetSlots = 0;
/** A slot of the handling cadre (城关镇's leader 孙丽), at a place of its own (a venue code of its own). */
async function leaderSlot(rig: Rig, inMinutes: number, noticeHours = 0): Promise<{ id: string; version: number }> {
  meetSlots += 1;
  return rig.ok(CALLERS.handlingCadre, 'meet', 'openSlot', {
    clientId: uniq('rel-slot'),
    place: `城关镇约访室${meetSlots}号`,
    startAt: Date.now() + inMinutes * 60_000,
    minutes: 60,
    capacity: 10,
    minNoticeHours: noticeHours,
    cancelHours: 0,
  });
}
/** Another slot of the same leader, by booking id (reschedule, propose). */
const OTHER_SLOT = new Map<string, string>();
/** The venue scene of each booking's slot (check-in). */
const VENUE = new Map<string, string>();
/** Resident A's booking of a slot starting within the hour. */
async function bookingOfA(rig: Rig): Promise<Fixture> {
  const slot = await leaderSlot(rig, 30);
  const b = await rig.ok<{ id: string; version: number }>(CALLERS.residentA, 'meet', 'book', {
    clientId: uniq('rel-book'),
    slotId: slot.id,
    topic: '村里灌溉水渠失修，想当面反映',
    contactName: '王秀英',
    contactPhone: '13800001234',
  });
  OTHER_SLOT.set(b.id, (await leaderSlot(rig, 24 * 60)).id);
  VENUE.set(b.id, (await rig.ok<{ scene: string }>(CALLERS.handlingCadre, 'meet', 'venueCode', { slotId: slot.id })).scene);
  return madeFixture(b, 'booked');
}
/** The last booking made for check-in (its venue is what the input names). */
let checkInBooking = '';
Object.assign(INPUTS, {
  'meet.openSlot': () => ({
    clientId: uniq('rel-slot'),
    place: '城关镇便民服务中心约访室',
    startAt: Date.now() + 3 * 86_400_000,
    minutes: 60,
  }),
  'meet.book': (fx: Fixture | null) => ({
    clientId: uniq('rel-book'),
    slotId: fx!.id,
    topic: '村里灌溉水渠失修，想当面反映',
    contactName: '王秀英',
    contactPhone: '13800001234',
  }),
  'meet.cancel': (fx: Fixture | null) => ({ bookingId: fx!.id, version: fx!.version }),
  'meet.reschedule': (fx: Fixture | null) => ({ bookingId: fx!.id, version: fx!.version, slotId: OTHER_SLOT.get(fx!.id) }),
  'meet.confirm': (fx: Fixture | null) => ({ bookingId: fx!.id, version: fx!.version }),
  'meet.propose': (fx: Fixture | null) => ({
    bookingId: fx!.id,
    version: fx!.version,
    slotId: OTHER_SLOT.get(fx!.id),
    note: '领导当天另有公务',
  }),
  'meet.venueCode': (fx: Fixture | null) => ({ slotId: fx!.id }),
  'meet.checkIn': () => ({ scene: VENUE.get(checkInBooking) ?? 'v-none00000000' }),
  'meet.recordOutcome': (fx: Fixture | null) => ({
    bookingId: fx!.id,
    version: fx!.version,
    category: '求助',
    summary: '群众反映灌溉水渠失修',
    measures: '城关镇现场查看并组织维修',
    unitId: 'unit-chengguan',
    days: 5,
  }),
  'meet.noShow': (fx: Fixture | null) => ({ bookingId: fx!.id, version: fx!.version }),
});
Object.assign(SPECIAL, {
  // a slot to book: far enough ahead for the county's notice rule
  'meet.book': async (rig: Rig) => madeFixture(await leaderSlot(rig, 3 * 24 * 60, 24), 'open'),
  'meet.venueCode': async (rig: Rig) => madeFixture(await leaderSlot(rig, 3 * 24 * 60), 'open'),
  'meet.cancel': bookingOfA,
  'meet.reschedule': bookingOfA,
  'meet.confirm': bookingOfA,
  'meet.propose': bookingOfA,
  'meet.checkIn': async (rig: Rig) => {
    const fx = await bookingOfA(rig);
    checkInBooking = fx.id;
    return fx;
  },
  // resident A checked in; the leader writes the 纪要
  'meet.recordOutcome': async (rig: Rig) => {
    const fx = await bookingOfA(rig);
    const b = await rig.ok<{ id: string; version: number }>(CALLERS.residentA, 'meet', 'checkIn', { scene: VENUE.get(fx.id) });
    return madeFixture(b, 'checkedIn');
  },
  // the slot is over (its time moved into the past, as the clock would) and she did not come
  'meet.noShow': async (rig: Rig) => {
    const fx = await bookingOfA(rig);
    const { db, getById } = await import('../../server/db');
    const b = (await getById<{ slotId: string }>('meet_bookings', fx.id))!;
    await db
      .collection('meet_slots')
      .doc(b.slotId)
      .update({ data: { startAt: Date.now() - 2 * 3_600_000, endAt: Date.now() - 3_600_000 } });
    return fx;
  },
});

// ---------------------------------------------------------------- 包案: key cases to act on

/** The request number of each request made for 包案 here, by id. */
const REQUEST_NO = new Map<string, string>();
/** A fresh request (assigned to 城关镇), to give a county leader. */
async function caseRequest(rig: Rig): Promise<Fixture> {
  const fx = await fixtureIn(rig, ['assigned']);
  REQUEST_NO.set(fx.id, String((await rig.requests()).find((r) => r._id === fx.id)!.no));
  return fx;
}
/** A request given to 陈建华 (县委副书记) by the 信访局; with all five duties ticked when `ticked`. */
async function keyCase(rig: Rig, ticked = false): Promise<Fixture> {
  const fx = await caseRequest(rig);
  let c = await rig.ok<Made>(CALLERS.admin, 'meet', 'assignCase', INPUTS['meet.assignCase']!(fx));
  if (ticked)
    for (const duty of CASE_DUTIES)
      c = await rig.ok<Made>(CALLERS.admin, 'meet', 'tickDuty', { caseId: c.id, version: c.version, duty, done: true, note: FILLER });
  return madeFixture(c, 'open');
}
Object.assign(INPUTS, {
  'meet.cases': () => ({ box: 'open' }),
  'meet.caseDetail': (fx: Fixture | null) => ({ caseId: fx!.id }),
  'meet.assignCase': (fx: Fixture | null) => ({
    requestNo: REQUEST_NO.get(fx!.id) ?? 'caseRequest-not-run',
    leaderKey: leaderKey(DEMO.leader1),
    note: '群众多次来访，请县领导包案',
  }),
  'meet.tickDuty': (fx: Fixture | null) => ({ caseId: fx!.id, version: fx!.version, duty: 'counsel', done: true, note: FILLER }),
  'meet.closeCase': (fx: Fixture | null) => ({ caseId: fx!.id, version: fx!.version, note: '问题已解决，信访人息诉罢访' }),
});
Object.assign(SPECIAL, {
  'meet.assignCase': caseRequest,
  'meet.caseDetail': (rig: Rig) => keyCase(rig),
  'meet.tickDuty': (rig: Rig) => keyCase(rig),
  'meet.closeCase': (rig: Rig) => keyCase(rig, true),
});

// ---------------------------------------------------------------- 下访: visits on days of their own

/** A past day for each 下访 logged here (spread over the year, so no cadre's month fills up). */
let visitDays = 0;
const visitDay = (): string => new Date(Date.now() + 8 * 3_600_000 - ((visitDays += 1) % 300) * 86_400_000).toISOString().slice(0, 10);
Object.assign(INPUTS, {
  'meet.logVisit': () => ({ clientId: uniq('rel-visit'), date: visitDay(), place: '石门村村委会', notes: FILLER }),
  'meet.myVisits': () => ({ month: countyToday().slice(0, 7) }),
  'meet.missedVisits': () => ({ month: countyToday().slice(0, 7) }),
});
