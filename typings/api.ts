/**
 * The contract between the mini-program and the cloud functions: every function, its actions,
 * and each action's request and response. Times are epoch milliseconds.
 */
import type {
  CadreLevel,
  Channel,
  DeliveryMethod,
  RequestCategory,
  Source,
  RequestEventType,
  RequestStatus,
  Role,
  Score,
  Urgency,
} from './domain';
import type { QuestionKind, ResultScope, SubjectKind } from '../miniprogram/shared/survey';
import type { ActivityKind, ActivityStatus, OpinionStatus, ProposalKind, ProposalStatus } from '../miniprogram/shared/reps';
import type { BookingStatus, RosterStatus } from '../miniprogram/shared/meet';
import type { CaseDuty, CaseStatus } from '../miniprogram/shared/leaders';
import type { AssessmentResult, Measure, PairKind, ProgressState, SlotKind, TalkForm, VisitKind } from '../miniprogram/shared/duties';
import type { CardFieldKey, CardKind } from '../miniprogram/shared/cards';
import type {
  ConsentWay,
  DutyKind,
  MediationOutcome,
  MinuteKind,
  OnBehalfKind,
  PairStatus,
  ReportKind,
  TeamOrganizer,
  TeamSkill,
} from '../miniprogram/shared/volunteers';

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null when there is none. */
  cursor: string | null;
}

export interface Me {
  roles: Role[];
  unitId: string | null;
  unitName: string | null;
  name: string | null;
  level: CadreLevel | null;
  /** Head of the unit: approves extensions, receives 督办. */
  head: boolean;
  /** The subscription messages the next tap asks for (from the county's templates and what I granted). */
  subscribe: SubscribeAsk;
  /** Where this user's photos are uploaded (云存储 path); a request takes photos from it only. */
  photoFolder: string;
}

export interface CardView {
  id: string;
  /** A unit's card, or one cadre's own (S7.1). */
  kind: CardKind;
  /** false: the card was taken out of use; it says so and leads to its unit (the unit's phone and card), never to the person. */
  active: boolean;
  scene: string;
  /** The unit whose requests it brings (null: a county leader's card, whose requests the 信访局 routes). */
  unitId: string | null;
  unitName: string;
  /** A cadre's card: their name and post (null on a unit's card). */
  name: string | null;
  post: string | null;
  scope: string;
  duties: string;
  /** A unit's card: the person in charge, as the unit wrote it (a cadre's card: their name and post). */
  responsible: string;
  /** Work phones printed on the card (public by S7.2); a card taken out of use shows its unit's instead. */
  phone: string;
  supervisionPhone: string;
  /** Who the 监督电话 reaches: the unit a complaint about this one goes to (its supervisor). */
  supervisorName: string | null;
  /** A card out of use: the unit's own card to open instead (null when the unit has none in use). */
  unitScene: string | null;
  version: number;
  updatedAt: number;
}

/** A card as its editors see it (the cadre it belongs to, an admin): whether the caller may change it. */
export interface CardEntry extends CardView {
  canEdit: boolean;
  /** Why it was taken out of use (admin's words), when it was. */
  revokeReason: string | null;
  /** 发放: copies handed out so far (printed sheets recorded as handed out). */
  handedOut: number;
}

/** The fields an editor changes (those of the card's kind; the others are refused). */
export type CardEdit = Partial<Record<CardFieldKey, string>>;

export interface UnitView {
  id: string;
  name: string;
  kind: string;
}

export interface RegionView {
  id: string;
  name: string;
  parentId: string | null;
}

export interface RequestSummary {
  id: string;
  no: string;
  channel: Channel;
  category: RequestCategory;
  status: RequestStatus;
  title: string;
  unitName: string | null;
  createdAt: number;
  /** The deadline that binds the request now (签收, 答复, 复查…); the answer deadline once stopped. */
  dueAt: number;
  /**
   * What `dueAt` is for: 派单 (route), 签收 (accept), 答复 (answer), 复查复核 (review); null when no
   * clock runs (answered, closed, withdrawn… or paused), and lists then show no deadline.
   */
  dueKind: 'route' | 'accept' | 'answer' | 'review' | null;
  /** The clock is paused (waiting for the petitioner, a hearing). */
  paused: boolean;
  overdue: boolean;
  version: number;
}

export interface TimelineEntry {
  type: RequestEventType;
  at: number;
  /** Who acted, as the other side may see it: a role label and unit, never a resident's identity. */
  actor: string;
  note: string | null;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus;
}

export interface RequestDetail extends RequestSummary {
  content: string;
  photos: string[];
  confidential: boolean;
  mayContact: boolean;
  regionName: string | null;
  cardId: string | null;
  /**
   * The petitioner only: the card the request came through (its scene key, for its phones) and
   * whether it is a complaint about the card's own unit (then only its 监督电话 is offered).
   */
  card: { scene: string; aboutUnit: boolean } | null;
  source: Source;
  urgency: Urgency;
  acceptDueAt: number;
  answerDueAt: number;
  /** 退单 is possible until then; null: until answered. */
  objectDueAt: number | null;
  /** The deadline policy in the county's words, e.g. “一般诉求：1个工作日内签收，7个工作日内答复”. */
  policyLabel: string;
  reply: string | null;
  repliedAt: number | null;
  /** `resolved`: the resident's answer to 问题解决了吗 (null on ratings from before it was asked). */
  rating: { score: Score; resolved: boolean | null; comment: string | null; at: number } | null;
  extension: { state: 'asked' | 'approved' | 'denied'; days: number; reason: string } | null;
  /** 复查 (level 1) / 复核 (level 2) of a 信访 answer. */
  review: { level: number; askDueAt: number | null; dueAt: number } | null;
  mergedInto: string | null;
  /** How far the chase has gone: 0 none, 1 reminded, 2 催办, 3 督办, 4 通报. */
  chase: number;
  timeline: TimelineEntry[];
  /** What the caller may do next, decided by the server. */
  can: RequestAction[];
  /** The caller may ask for the petitioner's full name and phone (查看联系方式, audited). */
  canUnmask: boolean;
  /** Shown to cadres only: masked, or 保密 when the petitioner must stay unknown to this unit. */
  petitioner: { name: string; phone: string } | null;
  /** 谁查看过我的联系方式: shown to the petitioner only (role, unit, time of each look); null for anyone else. */
  viewers: ContactViewer[] | null;
  /** 书面答复: how and when the answer reached a petitioner who is not on the app. */
  delivery: { method: DeliveryMethod; at: number } | null;
  /** A registered 信访 item nobody has claimed with its 受理告知 code yet (its answer goes by letter). */
  unclaimed: boolean;
  /** 阅批 (S4.1): the leader the 信访局 sent it to; null when never sent. */
  leader: LeaderReviewView | null;
  /**
   * 联合办理: the co-handling units and their parts (the petitioner reads who, not the parts: the
   * lead unit's answer is the answer); empty when one unit handles it.
   */
  coUnits: CoPartView[];
}

/** A co-handling unit's part (联合办理); `answer` is null for the petitioner and until it is given. */
interface CoPartView {
  unitId: string;
  unitName: string;
  answer: string | null;
  answeredAt: number | null;
}

/**
 * 阅批 as the caller may read it: staff and the leader everything; the petitioner who read it and
 * when only (`important`, `note` and `instruction` null): the 批示 instructs the unit, the answer is the unit's.
 */
interface LeaderReviewView {
  key: string;
  name: string;
  /** 县领导, or the leader's unit. */
  title: string;
  sentAt: number;
  instructedAt: number | null;
  important: boolean | null;
  note: string | null;
  instruction: string | null;
}

/** A letter on a leader's 阅批 list. */
export interface LetterSummary extends RequestSummary {
  important: boolean;
  sentAt: number;
  instructedAt: number | null;
}

/** A leader the 信访局 may send a letter to (named by a key, not their openid). */
export interface LeaderChoice {
  key: string;
  name: string;
  title: string;
}

/** One look at a petitioner's contact details, as the petitioner is told of it. */
export interface ContactViewer {
  /** 干部 or 调度中心. */
  role: string;
  unit: string | null;
  at: number;
}

/** The transitions a person can make; the server lists the ones open to the caller in `can`. */
export type RequestAction =
  | 'withdraw'
  | 'rate'
  | 'accept'
  | 'reply'
  | 'return'
  | 'transfer'
  | 'dispatch'
  | 'reject'
  | 'merge'
  | 'revisit'
  | 'extendAsk'
  | 'extendDecide'
  | 'pause'
  | 'resume'
  | 'reviewAsk'
  | 'reviewAnswer'
  | 'deliver'
  | 'toLeader'
  | 'instruct'
  | 'coReply'
  | 'reroute';

export interface SubmitInput {
  /** Client-generated id: the same id always yields the same request. */
  clientId: string;
  category: RequestCategory;
  content: string;
  photos?: string[];
  /** The card scanned, by its scene key; without it, regionId routes by the catalogue. */
  scene?: string;
  regionId?: string;
  urgency?: Urgency;
  /**
   * A 投诉 through a unit's card: false (or absent) — “请该单位处理这个问题”, the unit handles it; true —
   * “投诉该单位或其工作人员”, it goes to the unit's supervisor and the unit never sees it.
   */
  aboutUnit?: boolean;
  confidential: boolean;
  mayContact: boolean;
  contactName?: string;
  contactPhone?: string;
  /**
   * The one-time code of WeChat's phone button (`open-type="getPhoneNumber"`), instead of a typed
   * contactPhone: the function exchanges it for the number (phonenumber.getPhoneNumber).
   */
  phoneCode?: string;
}

export interface SubmitResult {
  id: string;
  no: string;
  status: RequestStatus;
  dueAt: number;
  /** True when this clientId had already been submitted. */
  duplicate: boolean;
}

/** One month's figures of a unit or of the whole county (counters kept as requests move, not recomputed). */
export interface Figures {
  month: string;
  received: number;
  /** Requests whose signing limit passed, or that were signed: the base of 响应率. */
  responseDue: number;
  signed: number;
  signedInTime: number;
  replied: number;
  rated: number;
  satisfied: number;
  resolved: number;
  overdue: number;
  /**
   * As 接诉即办 assessment defines them: 响应率 = signed in time / responseDue; 解决率 = answered 解决 /
   * rated; 满意率 = satisfied / rated. null when the base is 0.
   */
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export interface UnitFigures extends Figures {
  unitId: string;
  unitName: string;
}

/** A page of the 统计 table: units by name, and the county's totals for the month. */
export interface FiguresPage extends Page<UnitFigures> {
  /** The whole county's month (an admin's; null for a cadre, or when nothing was counted that month). */
  county: Figures | null;
}

export interface LimitView {
  unit: 'hours' | 'workingHours' | 'days' | 'workingDays';
  n: number;
}

export interface PolicyView {
  id: string;
  key: string;
  label: string;
  route: LimitView;
  accept: LimitView;
  finish: LimitView;
  finishFrom: 'submit' | 'accept';
  object: LimitView | null;
  extension: LimitView;
  followUp: LimitView;
  review: { ask: LimitView; answer: LimitView } | null;
  remindAt: number;
  noticeAfter: number;
}

/** A day the county entered on its calendar, beside what the holiday package says of it. */
export interface CalendarDayView {
  /** YYYY-MM-DD */
  date: string;
  work: boolean;
  name: string;
  /** What chinese-days says without this entry. */
  packageWork: boolean;
}

export interface RegisterInput {
  /** Client-generated id: registering the same letter twice yields one item. */
  clientId: string;
  source: Exclude<Source, '小程序'>;
  category: RequestCategory;
  content: string;
  /** When the letter or visit was received (the 15-day routing clock starts then). */
  receivedAt: number;
  contactName: string;
  contactPhone?: string;
  regionId?: string;
  /** Route at once to this unit; otherwise it waits in the queue. */
  unitId?: string;
  confidential: boolean;
}

/** What a notice is: a petitioner's step (办理进度), or staff's new work, deadline, 督办 (办理提醒). */
/** 办理进度, 办理提醒 (staff), and 民意调查 (a survey that asks about a unit the resident dealt with). */
export type MessagePurpose = 'progress' | 'deadline' | 'survey';
/** 长期订阅 (one 允许, many messages) or 一次性订阅 (one 允许, one message). */
export type TemplateKind = 'long' | 'once';
/** wx.requestSubscribeMessage's answer for one template. */
export type SubscribeAnswer = 'accept' | 'acceptWithAudio' | 'reject' | 'ban' | 'filter';

/** What to put in one subscription panel: template ids of one kind (WeChat refuses both kinds at once), at most 3. */
export interface SubscribeAsk {
  kind: TemplateKind;
  tmplIds: string[];
}

/** A cadre who receives nothing by push now, and why: notices off, refused, or never allowed (or used up). */
export interface UnreachableCadre {
  name: string | null;
  unitName: string | null;
  level: CadreLevel | null;
  why: 'off' | 'refused' | 'none';
}

/** What became of a notice's push (订阅消息): the in-app message is there either way. */
export type PushOutcome = 'pending' | 'sent' | 'no_grant' | 'refused' | 'error';

/** One notice in the in-app message list (消息): every notice the outbox makes lands here for its recipient. */
export interface MessageView {
  id: string;
  /** The request it is about; null for a survey's notice. */
  requestId: string | null;
  /** The request's number (诉求编号); '' for a survey's notice. */
  no: string;
  /** 办理进度 (a petitioner's step) or 办理提醒 (new work, a deadline, 督办 for staff). */
  kind: MessagePurpose;
  /** The notice in one line, e.g. “已签收：小区路灯坏了”. */
  title: string;
  /** The time it speaks of (the step, or the deadline). */
  at: number;
  createdAt: number;
  read: boolean;
  push: PushOutcome;
  /** The page that shows the request to this recipient. */
  url: string;
}

export interface Versioned {
  id: string;
  version: number;
}

// ---------------------------------------------------------------- 调查评价 (S10)

export interface SurveyQuestion {
  /** q1, q2, … in order */
  id: string;
  text: string;
  kind: QuestionKind;
}

/** Something the survey evaluates: a unit of the directory as a leadership team, a law-enforcement or window unit, or a leader's contact point. */
export interface SurveySubject {
  /** s1, s2, … in order */
  id: string;
  kind: SubjectKind;
  unitId: string;
  name: string;
}

/** draft: being prepared; open: published (answerable between opensAt and closesAt); closed: over. */
export type SurveyStatus = 'draft' | 'open' | 'closed';

export interface SurveyView {
  id: string;
  title: string;
  intro: string | null;
  year: number;
  questions: SurveyQuestion[];
  subjects: SurveySubject[];
  opensAt: number;
  closesAt: number;
  status: SurveyStatus;
  /** Open now: published and within its period. */
  answerable: boolean;
  /** Below this many answers a result is marked as possibly not representative. */
  minResponses: number;
  /** Who may read the results; null: not published (admins only). */
  resultScope: ResultScope | null;
  version: number;
}

/** A survey as a person finds it: answerable now, or with results they may read. */
export interface SurveyBrief {
  id: string;
  title: string;
  year: number;
  closesAt: number;
  answerable: boolean;
  /** The caller already answered it (told by the keyed hash; nothing stored ties the answer to them). */
  answered: boolean;
  resultsVisible: boolean;
}

/** One subject's answers, one per question in order: a score 1–5 (0: 不了解) for a scale question, text or '' for a text one. */
export interface SurveyItemInput {
  subjectId: string;
  answers: (number | string)[];
}

interface QuestionResult {
  id: string;
  text: string;
  kind: QuestionKind;
  /** How many answered it (scale: scored 1–5; text: wrote something). */
  n: number;
  /** Mean score, two decimals; null for a text question or when nobody scored. */
  mean: number | null;
  /** Counts of 非常满意 … 非常不满意 (5 down to 1); empty for a text question. */
  dist: number[];
}

export interface SubjectResult {
  id: string;
  kind: SubjectKind;
  unitId: string;
  name: string;
  /** Respondents who evaluated this subject. */
  n: number;
  /** Set when fewer than the survey's minimum answered: “仅3人作答（少于30人），结果仅供参考”. */
  note: string | null;
  questions: QuestionResult[];
}

export interface SurveyResults {
  surveyId: string;
  title: string;
  year: number;
  /** Everyone who answered the survey (as counted so far). */
  responses: number;
  minResponses: number;
  resultScope: ResultScope | null;
  /** When the tally last took in answers (the timer counts them; results may trail by one run). */
  countedAt: number | null;
  subjects: SubjectResult[];
}

export interface SurveyDraftInput {
  /** Client-generated id: creating the same draft twice yields one survey. */
  clientId: string;
  title: string;
  intro?: string;
  year: number;
  questions: { text: string; kind: QuestionKind }[];
  /** Units of the directory; a contact point names itself (label), a unit defaults to its name. */
  subjects: { kind: SubjectKind; unitId: string; label?: string }[];
  opensAt: number;
  closesAt: number;
  minResponses: number;
}

// ---------------------------------------------------------------- 党代表 (S9)

/** A representative's public contact card (S9.3): what residents see when they scan its code. */
export interface RepCardView {
  scene: string;
  name: string;
  /** e.g. 县党代表 */
  title: string;
  groupName: string | null;
  intro: string;
  /** The work phone the representative publishes (S9.3). */
  phone: string;
  /** Where and when they receive visitors (联络站). */
  place: string;
  receiveTime: string;
}

/** How an opinion's constituent shows to the caller: masked, 保密 when they asked so, or nothing. */
export interface ConstituentView {
  name: string;
  phone: string;
}

/** What became of a compiled opinion at one unit: the tracked item's state and its answer. */
export interface OutcomeView {
  unitName: string;
  no: string;
  status: RequestStatus;
  reply: string | null;
}

export interface OpinionView {
  id: string;
  version: number;
  status: OpinionStatus;
  content: string;
  /** 扫码留言 (sent through the card) or 走访代录 (recorded by the representative). */
  via: 'card' | 'visit';
  repName: string;
  at: number;
  showIdentity: boolean;
  /** To the representative: name and masked phone; to others: masked, or 保密; to the constituent: null. */
  constituent: ConstituentView | null;
  /** The representative's own unclaimed record: the code the constituent enters to follow it. */
  claimCode: string | null;
  proposal: { id: string; kind: ProposalKind; title: string; status: ProposalStatus } | null;
  outcomes: OutcomeView[];
}

export interface SendOpinionInput {
  clientId: string;
  scene: string;
  content: string;
  /** The constituent chooses: false keeps their identity from everyone but this representative. */
  showIdentity: boolean;
  contactName?: string;
  contactPhone?: string;
}

export interface RecordOpinionInput {
  clientId: string;
  content: string;
  visitId?: string;
  showIdentity: boolean;
  contactName?: string;
  contactPhone?: string;
}

export interface VisitView {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  place: string;
  people: number;
  note: string | null;
}

/** One representative's year against the county's targets (settings `repTargets`). */
export interface RepProgress {
  /** No openid: a representative is also the requester of their proposals' items. */
  name: string;
  /** The card's key: names the representative in attendance. */
  scene: string;
  groupName: string | null;
  year: number;
  people: number;
  peopleTarget: number;
  visits: number;
  opinions: number;
  /** Share of the yearly people target met (0–1, capped at 1). */
  share: number;
}

export interface RepFigures {
  reps: RepProgress[];
  office: { held: number; target: number; activities: ActivityView[] };
}

export interface ActivityView {
  id: string;
  version: number;
  kind: ActivityKind;
  date: string;
  topic: string;
  status: ActivityStatus;
  attendees: string[];
}

export interface GroupView {
  id: string;
  name: string;
  convenerName: string;
  isConvener: boolean;
  members: { id: string; name: string }[];
  activities: ActivityView[];
  /** The group's held activities this quarter against the target (S9.2: ≥ 1 a quarter). */
  quarter: { held: number; target: number };
  /** For the convener: the group's opinions waiting to be compiled (newest first, at most 20). */
  open: OpinionView[];
}

export interface RepHome {
  card: RepCardView;
  progress: RepProgress;
  group: { id: string; name: string; isConvener: boolean } | null;
  visits: VisitView[];
}

export interface ProposalSummary {
  id: string;
  no: string;
  version: number;
  kind: ProposalKind;
  title: string;
  groupName: string;
  status: ProposalStatus;
  createdAt: number;
  opinionCount: number;
}

export interface ProposalDetail extends ProposalSummary {
  content: string;
  /** 承办人 and 牵头责任人 (S9.4). */
  handler: string;
  lead: string;
  convenerName: string;
  opinions: OpinionView[];
  items: OutcomeView[];
  canForward: boolean;
  canWithdraw: boolean;
}

export interface CompileInput {
  clientId: string;
  kind: ProposalKind;
  title: string;
  content: string;
  handler: string;
  lead: string;
  opinionIds: string[];
}

// ---------------------------------------------------------------- 党员志愿服务 (S6)

/** A party member's 党群连心服务卡 (S6.1): what the paired residents keep and see when they scan its code. */
export interface VolunteerCardView {
  scene: string;
  name: string;
  /** The member's 党支部. */
  branch: string;
  /** The phone the member gives the residents paired with them. */
  phone: string;
  intro: string;
  /** The five duties the member owes each pair. */
  duties: DutyKind[];
}

/** How many residents a member is paired with against the county's range (settings `volTargets`); outside it is flagged. */
export interface PairCount {
  active: number;
  min: number;
  max: number;
  /** below: fewer than min; above: more than max (the range was lowered); null: within it. */
  flag: 'below' | 'above' | null;
}

/** One paired resident, as only their member sees them (phone masked). */
export interface PairView {
  id: string;
  version: number;
  name: string;
  phone: string;
  regionName: string;
  address: string;
  note: string | null;
  status: PairStatus;
  since: number;
  /** Duties recorded for this pair. */
  duties: number;
}

export interface AddPairInput {
  clientId: string;
  name: string;
  phone?: string;
  /** The village or community the resident lives in: where their 代办 requests are routed. */
  regionId: string;
  address: string;
  note?: string;
}

/** The request a duty entered on the resident's behalf, as the member follows it. */
export interface DutyRequestView {
  no: string;
  status: RequestStatus;
  unitName: string | null;
  reply: string | null;
  /** Until the resident claims it: the code the member hands them (request.claim). */
  claimCode: string | null;
  claimed: boolean;
}

/** One entry of the member's minute (履职尽责记实). */
export interface DutyView {
  id: string;
  pairId: string;
  /** The paired resident's name: only the member reads the minute. */
  residentName: string;
  kind: DutyKind;
  date: string;
  content: string;
  outcome: MediationOutcome | null;
  consent: ConsentWay | null;
  request: DutyRequestView | null;
  at: number;
}

export interface RecordDutyInput {
  clientId: string;
  pairId: string;
  kind: MinuteKind;
  date: string;
  content: string;
  /** 调解纠纷 only, and required there. */
  outcome?: MediationOutcome;
}

export interface OnBehalfInput {
  clientId: string;
  pairId: string;
  /** 反馈民意 (an opinion) or 事务代办 (an errand): either becomes a request the resident follows. */
  kind: OnBehalfKind;
  category: RequestCategory;
  content: string;
  /** How the resident agreed (recorded with the request and the minute). */
  consent: ConsentWay;
}

export interface VolunteerHome {
  card: VolunteerCardView;
  year: number;
  pairs: PairCount;
  /** This year's duties recorded, by kind. */
  duties: Record<DutyKind, number>;
  /** Activities checked in at this year against the county's target (S6.3: ≥ 2). */
  activities: { attended: number; target: number };
}

/** A volunteer team by skill (S6.2) and its year against the target (S6.3: ≥ 6 activities). */
export interface TeamView {
  id: string;
  version: number;
  name: string;
  skill: TeamSkill;
  organizer: TeamOrganizer;
  leaderName: string;
  members: number;
  isMember: boolean;
  isLeader: boolean;
  year: number;
  held: number;
  target: number;
}

/** A team's activity: sign-up up to capacity, check-in at the venue. */
export interface VolActivityView {
  id: string;
  teamId: string;
  teamName: string;
  title: string;
  date: string;
  place: string;
  capacity: number;
  signedUp: number;
  checkedIn: number;
  status: 'planned' | 'held';
  /** It falls on that month's 党员志愿服务日. */
  serviceDay: boolean;
  /** What the caller did: nothing yet, signed up, checked in. */
  mine: 'none' | 'signedUp' | 'checkedIn';
}

export interface TeamDetail extends TeamView {
  activities: VolActivityView[];
  /** The date a new activity is proposed for: the next 党员志愿服务日 (S6.3). */
  proposedDate: string;
}

/** A post a village or community sets for party members (S6.3 设岗定责). */
export interface PostView {
  id: string;
  regionName: string;
  title: string;
  duty: string;
  slots: number;
  claimed: number;
  /** Nobody holds it. */
  empty: boolean;
  /** The caller holds it. */
  mine: boolean;
}

/** Where the caller registered (报到) and that place's posts. */
export interface MyCommunity {
  regionId: string;
  regionName: string;
  kind: ReportKind;
  at: number;
  posts: PostView[];
}

/** A village or community as the unit that looks after it sees it: who registered, what each holds, which posts are empty. */
export interface CommunityView {
  regionId: string;
  regionName: string;
  /** Members by their cards' names; those holding no post first. */
  members: { name: string; branch: string; kind: ReportKind; at: number; posts: string[] }[];
  /** Empty posts first. */
  posts: (PostView & { claimers: string[] })[];
}

export interface PlanVolActivityInput {
  clientId: string;
  teamId: string;
  title: string;
  date: string;
  place: string;
  capacity: number;
}

/** One member's year as the admin reads it: counts only, never a paired resident. */
interface MemberProgress {
  name: string;
  scene: string;
  branch: string;
  pairs: PairCount;
  duties: number;
  /** Activities checked in at against the target (S6.3: ≥ 2). */
  activities: number;
  activityTarget: number;
}

export interface VolunteerFigures {
  year: number;
  /** Members outside the pair range or behind on activities first, then by name. */
  members: MemberProgress[];
  /** Teams furthest behind their yearly target first. */
  teams: TeamView[];
}

// ---------------------------------------------------------------- 三问决策 (S1.4)

/** One phase of a consultation: 问需, 问计, 问效. */
interface ConsultPhaseView {
  key: 'need' | 'plan' | 'effect';
  label: string;
  question: string;
  options: string[];
  /** pending: not yet asked; open: residents comment and vote; closed: answered by the office. */
  state: 'pending' | 'open' | 'closed';
  openedAt: number | null;
  closedAt: number | null;
  /** The office's answer when it closed the phase. */
  summary: string | null;
  /** Votes per option, as counted so far (the timer counts them; may trail by one run). */
  votes: number[];
  /** The option the caller chose in this phase, or null. */
  myVote: number | null;
}

interface ConsultEventView {
  type: 'create' | 'openPhase' | 'closePhase';
  phase: string | null;
  at: number;
  note: string | null;
}

export interface ConsultView {
  id: string;
  title: string;
  background: string;
  phases: ConsultPhaseView[];
  /** The phase open now, or null (not yet asked, between phases, or done). */
  openPhase: number | null;
  /** Every phase answered. */
  done: boolean;
  /** The public timeline: published, each phase opened and answered. */
  timeline: ConsultEventView[];
  version: number;
}

export interface ConsultBrief {
  id: string;
  title: string;
  /** 问需进行中, 问计已答复, 未发布… */
  stage: string;
  open: boolean;
  updatedAt: number;
}

export interface ConsultComment {
  id: string;
  phase: string;
  text: string;
  at: number;
}

// ---------------------------------------------------------------- 接访、约访 (S4)

/** One day a leader receives the public: who, where, when. */
export interface ReceptionView {
  date: string;
  weekday: string;
  /** 县领导, or the unit whose leader receives. */
  unitName: string;
  county: boolean;
  leaderName: string;
  place: string;
  hours: string;
  /** In a sensitive period the admin declared. */
  sensitive: boolean;
}

/** 今日接访 / 本周接访 (the whole county, or a card's unit and the county's leaders), and a leader's own days. */
export interface ReceptionBoard {
  today: string;
  receptions: ReceptionView[];
  week: ReceptionView[];
  /** The caller's own reception days from today (leaders only; else empty). */
  mine: ReceptionView[];
}

export interface RosterView {
  id: string;
  scope: string;
  scopeName: string;
  month: string;
  /** The rule it was generated from (its label). */
  rule: string;
  place: string;
  hours: string;
  status: RosterStatus;
  version: number;
  days: { date: string; weekday: string; leaderKey: string; leaderName: string; sensitive: boolean }[];
  /** Who may receive under it (to swap in), by a key that is not their openid. */
  leaders: { key: string; name: string }[];
}

interface RosterRuleView {
  id: string;
  label: string;
  cadence: string;
  place: string;
  hours: string;
}

export interface SensitivePeriodView {
  id: string;
  name: string;
  from: string;
  to: string;
}

export interface RosterSetup {
  rules: RosterRuleView[];
  periods: SensitivePeriodView[];
  /** Scopes with a rule: the county's leaders, then each unit a rule applies to. */
  scopes: { id: string; name: string; rule: string }[];
}

/** A leader's 约访 slot as residents and the office read it. */
export interface SlotView {
  id: string;
  leaderName: string;
  unitName: string;
  place: string;
  startAt: number;
  endAt: number;
  capacity: number;
  /** Seats not yet booked. */
  left: number;
  minNoticeHours: number;
  horizonDays: number;
  cancelHours: number;
  open: boolean;
}

export interface BookingView {
  id: string;
  version: number;
  slot: SlotView;
  topic: string;
  /** One of the resident's own requests it is about. */
  requestId: string | null;
  status: BookingStatus;
  statusLabel: string;
  /** The office proposed another time (the resident moves to it, or cancels). */
  proposal: { note: string; slot: SlotView | null } | null;
  /** The 接访事项纪要's tracked request: its number, unit and deadline. */
  outcome: { requestId: string; no: string; unitName: string; dueAt: number } | null;
  /** Before the cancellation cut-off (or the office proposed another time). */
  canCancel: boolean;
  createdAt: number;
}

/** A booking as the leader's office sees it: who comes (name, masked phone). */
export interface OfficeBookingView extends BookingView {
  resident: { name: string; phone: string };
}

export interface OpenSlotInput {
  clientId: string;
  place: string;
  startAt: number;
  minutes: number;
  capacity?: number;
  minNoticeHours?: number;
  horizonDays?: number;
  cancelHours?: number;
  /** A published reception day (from `slotDays`): the slot is its leader's, on that day; the office may open it. */
  dayId?: string;
}

/** A published reception day a leader or their office may open 约访 slots from (its place and hours prefill the slot). */
export interface SlotDayView extends ReceptionView {
  id: string;
}

export interface BookInput {
  clientId: string;
  slotId: string;
  topic: string;
  contactName: string;
  contactPhone?: string;
  requestId?: string;
}

/** 接访事项纪要: what was agreed, which unit does it, in how many working days. */
export interface RecordOutcomeInput {
  bookingId: string;
  version: number;
  category: RequestCategory;
  summary: string;
  measures: string;
  unitId: string;
  days: number;
}

// ---------------------------------------------------------------- 包案 (S4.5), 下访 (S4.3)

/** One of a 包案's five duties: ticked (落实) or not, with the notes written on it, oldest first. */
interface CaseDutyView {
  key: CaseDuty;
  label: string;
  done: boolean;
  notes: { at: number; by: string; text: string; done: boolean }[];
}

/** A 包案: the key case (as staff lists show a request: no petitioner), its county leader, the five duties. */
export interface CaseView {
  id: string;
  version: number;
  status: CaseStatus;
  statusLabel: string;
  request: RequestSummary;
  leaderName: string;
  note: string | null;
  duties: CaseDutyView[];
  /** The duties not ticked yet, by label. */
  open: string[];
  assignedAt: number;
  closedAt: number | null;
  closeNote: string | null;
  /** The leader and their office tick duties; the admin closes it (案结事了) once all five are ticked. */
  canTick: boolean;
  canClose: boolean;
}

export interface CasesPage extends Page<CaseView> {
  /** The county leaders an admin may assign a case to (by key, never their openid); empty for others. */
  leaders: { key: string; name: string }[];
}

/** A case taken along on a 下访 (带案下访). */
export interface VisitCase {
  id: string;
  no: string;
  title: string;
}

/** One 下访 a cadre logged. */
export interface DownVisitView {
  id: string;
  date: string;
  place: string;
  notes: string;
  cases: VisitCase[];
  at: number;
}

/** A cadre's month against the 下访 rule of their level (S4.3); `rule` null: no rule binds them. */
export interface VisitDue {
  rule: string | null;
  /** What `required` and `done` count: visits (monthly rules) or days (date rules). */
  unit: '次' | '天';
  /** Visits the month asks for (monthly rules) or days it asks for (逢五必进: the whole month's). */
  required: number;
  done: number;
  /** Days asked for that passed without a visit (date rules). */
  missed: string[];
  /** Visits still short for the month (monthly rules). */
  short: number;
  /** Today is a day asked for and no visit is logged yet. */
  dueToday: boolean;
}

export interface MyVisits {
  month: string;
  due: VisitDue;
  visits: DownVisitView[];
  /** The caller's open 包案 cases, to take along. */
  cases: VisitCase[];
}

/** Who missed what in a month (S4.3), the most missed first. */
export interface MissedVisit {
  key: string;
  name: string;
  unitName: string;
  level: CadreLevel;
  due: VisitDue;
}

/** Every function, its actions, and their request/response types. */
// ---------------------------------------------------------------- 干部履职 (S1–S3, S5, S8)

/** One duty rule evaluated for one cadre in the period that holds today. */
export interface Figure {
  ruleId: string;
  clause: string;
  label: string;
  /** 2026, 2026-07, or 任期 */
  period: string;
  value: number;
  target: number;
  unit: string;
  share: number;
  state: ProgressState;
}

/** A duty rule as an admin reads and changes it (threshold from a coming year). */
export interface DutyRuleView {
  id: string;
  version: number;
  clause: string;
  label: string;
  levels: CadreLevel[];
  kind: 'quota' | 'limit';
  measure: Measure;
  threshold: number;
  unit: string;
  fromYear: number;
  toYear: number | null;
}

export interface DutyRecordView {
  id: string;
  kind: VisitKind | 'report' | 'talk';
  start: string;
  end: string;
  place: string | null;
  slot: SlotKind | null;
  purpose: string | null;
  met: string | null;
  households: number;
  retinue: number;
  photoCount: number;
  requestCount: number;
  topic: string | null;
  summary: string | null;
  talkWith: string | null;
  form: TalkForm | null;
  /** Talk notes: to the cadre who wrote them and the organisation department only, else null. */
  notes: string | null;
  createdAt: number;
}

/** A contact point (S2.1); a household's or person's name is masked on the public page. */
export interface ContactPointView {
  id: string;
  version: number;
  year: number;
  slot: SlotKind;
  slotLabel: string;
  name: string;
  cadreName: string;
  unitName: string | null;
  level: CadreLevel;
  scene: string;
  active: boolean;
  /** Other leaders holding the same target this year (S2.1: should not overlap); staff only. */
  overlapWith: string[];
}

/** A request a cadre gathered on a visit: it enters the normal request flow. */
export interface GatheredRequest {
  category: RequestCategory;
  content: string;
  contactName?: string;
  contactPhone?: string;
}

export interface VisitInput {
  clientId: string;
  kind: VisitKind;
  start: string;
  end: string;
  /** The village or community it was in; or a contact point of the cadre's (its place is used). */
  regionId?: string;
  pointId?: string;
  place: string;
  purpose: string;
  met?: string;
  households: number;
  /** 随行人员 (S2.4: at most the rule's limit, 3). */
  retinue: number;
  photos?: string[];
  requests?: GatheredRequest[];
}

export interface DutyHome {
  name: string | null;
  level: CadreLevel;
  unitName: string | null;
  today: string;
  figures: Figure[];
  points: ContactPointView[];
  recent: DutyRecordView[];
}

/** One leader's standing: rules behind, mean share of due rules, every figure. */
export interface DutyStanding {
  /** Opaque handle of the cadre (never an openid). */
  key: string;
  name: string;
  unitName: string | null;
  level: CadreLevel;
  behind: number;
  share: number;
  figures: Figure[];
}

/** A relief pair (S8) and this year's festival visits to it. */
export interface ReliefView {
  id: string;
  version: number;
  kind: PairKind;
  kindLabel: string;
  household: string;
  contact: string | null;
  plan: string;
  /** The occasions of its kind's rule this year, and the day each was visited (null: not yet). */
  occasions: { key: string; visitedOn: string | null }[];
}

/** A grassroots training posting (S3), to its cadre and the organisation department. */
export interface PostingView {
  id: string;
  version: number;
  cadreName: string;
  unitName: string | null;
  place: string;
  start: string;
  end: string;
  /** The cadre's age in the posting's year, as checked when posted. */
  age: number;
  status: 'posted' | 'reported' | 'assessed';
  /** The final report (锻炼总结), once filed. */
  report: string | null;
  result: AssessmentResult | null;
  resultNotes: string | null;
  /** Days served of the ≥ 3 months the county's rule asks (null: no rule in force). */
  figure: Figure | null;
  /** The caller is the cadre posted (files the report). */
  mine: boolean;
}

/** A cadre the organisation department may post, with what their file says (S3.1). */
export interface PostingCandidate {
  key: string;
  name: string;
  unitName: string | null;
  level: CadreLevel | null;
  birthYear: number | null;
  grassroots: boolean | null;
  /** Why they may not be posted this year (null: they may). */
  refusal: string | null;
}

/** Leaders furthest behind first, a page at a time. */
export interface DutyFigures extends Page<DutyStanding> {
  today: string;
}

interface Api {
  user: {
    me: { req: Record<string, never>; res: Me };
    bindInvite: { req: { code: string; name: string }; res: Me };
    /** The one-time setup code printed by npm run deploy makes the caller the first admin. */
    claimSetup: { req: { code: string }; res: Me };
    /**
     * Records the answers of a subscription panel (wx.requestSubscribeMessage) and what
     * wx.getSetting({withSubscriptions: true}) says (notices switched off, choices kept); answers
     * what the next tap should ask for.
     */
    grantSubscriptions: {
      req: {
        answers: Record<string, SubscribeAnswer>;
        mainSwitch?: boolean;
        itemSettings?: Record<string, 'accept' | 'reject' | 'ban'>;
      };
      res: { subscribe: SubscribeAsk };
    };
    /** 消息: my notices, newest first, 20 a page, with how many are unread. */
    messages: { req: { cursor?: string }; res: Page<MessageView> & { unread: number } };
    /** Marks one of my notices read (opening it); answers how many are still unread. */
    readMessage: { req: { messageId: string }; res: { unread: number } };
    /** How many of my notices are unread (the 消息 tab's badge). */
    unread: { req: Record<string, never>; res: { unread: number } };
  };
  county: {
    card: { req: { scene: string }; res: CardView };
    unitCards: { req: Record<string, never>; res: CardView[] };
    /** The 小程序码 of one of the caller's unit's cards, to print (PNG as a data URL). */
    cardCode: { req: { cardId: string }; res: { image: string; scene: string } };
    /** A cadre's own 连心卡 (issued from their name, unit and level the first time they look), and their unit's cards. */
    myCards: { req: Record<string, never>; res: { mine: CardEntry; unit: CardEntry[] } };
    /** Every card of one unit, its cadres' and its own, those in use first (admin). */
    cards: { req: { unitId: string }; res: CardEntry[] };
    /** Changes a card (its owner cadre or an admin): compare-and-set with an audit event; the printed code shows it at once. */
    editCard: { req: { cardId: string; version: number; fields: CardEdit }; res: CardEntry };
    /** Takes a card out of use (admin), with the reason: its code then says so and leads to the unit. */
    revokeCard: { req: { cardId: string; version: number; reason: string }; res: CardEntry };
    /** 发放: copies of a printed card handed out and to whom (its cadre, its unit's cadres, admin); a retry counts once. */
    handOut: { req: { cardId: string; version: number; clientId: string; copies: number; to: string }; res: CardEntry };
    units: { req: Record<string, never>; res: UnitView[] };
    regions: { req: { parentId?: string }; res: RegionView[] };
    /** A month's figures: for an admin every unit, 20 a page by name, and the county's totals; for a cadre their own unit. */
    figures: { req: { month: string; cursor?: string }; res: FiguresPage };
    /** Cadres who receive nothing by push now (staff notices): an admin's whole county, a unit head's own unit. */
    unreachable: { req: { cursor?: string }; res: Page<UnreachableCadre> };
  };
  request: {
    submit: { req: SubmitInput; res: SubmitResult };
    mine: { req: { cursor?: string }; res: Page<RequestSummary> };
    detail: { req: { id: string }; res: RequestDetail };
    withdraw: { req: Versioned & { reason?: string }; res: RequestDetail };
    /** 评价: the resident answers 问题解决了吗 (`resolved`) and how satisfied they are (`score`). */
    rate: { req: Versioned & { resolved: boolean; score: Score; comment?: string }; res: RequestDetail };
    /** The unit's requests: to do, done, or (联合办理) those whose part the unit owes as a co-handling unit. */
    inbox: { req: { box: 'todo' | 'done' | 'co'; cursor?: string }; res: Page<RequestSummary> };
    accept: { req: Versioned; res: RequestDetail };
    reply: { req: Versioned & { reply: string }; res: RequestDetail };
    return: { req: Versioned & { reason: string }; res: RequestDetail };
    transfer: { req: Versioned & { unitId: string; reason: string }; res: RequestDetail };
    reject: { req: Versioned & { reason: string }; res: RequestDetail };
    /** 并单: folds this request into `intoId`; both requesters follow the surviving one. */
    merge: { req: Versioned & { intoId: string; note?: string }; res: RequestDetail };
    /** Likely duplicates of a request: same requester, card or place within a few days. */
    duplicates: { req: { id: string }; res: RequestSummary[] };
    revisit: { req: Versioned & { note: string; satisfied: boolean }; res: RequestDetail };
    extendAsk: { req: Versioned & { days: number; reason: string }; res: RequestDetail };
    extendDecide: { req: Versioned & { approve: boolean; note?: string }; res: RequestDetail };
    pause: { req: Versioned & { reason: string }; res: RequestDetail };
    resume: { req: Versioned; res: RequestDetail };
    reviewAsk: { req: Versioned & { reason: string }; res: RequestDetail };
    /** Temporary URLs of the request's photos, in order, for whoever may see the request. */
    photos: { req: { id: string }; res: { urls: string[] } };
    /** Voice input: a recording in the caller's own folder, as text for the box they would type in (nothing stored). */
    transcribe: { req: { fileID: string }; res: { text: string } };
    /** 查看联系方式: the full name and phone, for the handling unit only; recorded on the timeline. */
    unmask: { req: { id: string }; res: { name: string | null; phone: string } };
    /** 认领: the petitioner of a registered 信访 item scans its 受理告知 code and follows it as their own. */
    claim: { req: { code: string }; res: RequestDetail };
    /** 阅批 (S4.1): the letters sent to the calling leader — waiting for a 批示 (重要来信 first, then the longest waiting) or done. */
    letters: { req: { box: 'todo' | 'done'; cursor?: string }; res: Page<LetterSummary> };
    /** The leader's 批示: the handling unit reads it on the request and is told by message. */
    instruct: { req: Versioned & { instruction: string }; res: RequestDetail };
    /** 联合办理: a co-handling unit's part, once; the lead unit reads it and answers the whole. */
    coReply: { req: Versioned & { answer: string }; res: RequestDetail };
  };
  admin: {
    queue: { req: { cursor?: string }; res: Page<RequestSummary> };
    /** 派单, with co-handling units (联合办理: `unitId` leads, each of `coUnitIds` answers its part). */
    dispatch: { req: Versioned & { unitId: string; coUnitIds?: string[]; note?: string }; res: RequestDetail };
    createInvite: { req: { unitId: string; level: CadreLevel }; res: { code: string; expiresAt: number } };
    /** Registers a 信访 letter or visit (S4.1: 件件有登记); the 受理告知 carries the claim code. */
    register: { req: RegisterInput; res: SubmitResult & { claimCode: string } };
    /** The 受理告知 of a registered item: its claim code, the code's 小程序码 (PNG data URL) and the notice's words. */
    claimCode: { req: { id: string }; res: { code: string; image: string; scene: string; notice: string } };
    /** 书面答复送达: the answer reached a petitioner without the app by letter, SMS or in person; closes the item. */
    deliver: { req: Versioned & { method: DeliveryMethod; deliveredAt: number }; res: RequestDetail };
    /** 调阅联系方式: the dispatcher sees a (even confidential) petitioner's contact, with a stated reason; audited. */
    reveal: { req: { id: string; reason: string }; res: { name: string | null; phone: string | null } };
    reviewAnswer: { req: Versioned & { opinion: string }; res: RequestDetail };
    /** 阅批 (S4.1): the leaders a letter may go to — the county's (`scope` county) or a unit's. */
    leaders: { req: { scope: string }; res: LeaderChoice[] };
    /** 呈送领导阅批: a registered 信访 item goes to one leader (重要来信 first on their list), who is told by message. */
    toLeader: { req: Versioned & { scope: string; leaderKey: string; important: boolean; note?: string }; res: RequestDetail };
    /** 督办台: requests past their deadline, most overdue first. */
    overdue: { req: { cursor?: string }; res: Page<RequestSummary & { chase: number; overdueSince: number }> };
    policies: { req: Record<string, never>; res: PolicyView[] };
    updatePolicy: { req: Omit<PolicyView, 'key'>; res: PolicyView };
    /** The county's own calendar entries (a new year's 放假/调休 before the package has it). */
    calendarDays: { req: Record<string, never>; res: CalendarDayView[] };
    setCalendarDay: { req: { date: string; work: boolean; name: string }; res: CalendarDayView[] };
    removeCalendarDay: { req: { date: string }; res: CalendarDayView[] };
  };
  survey: {
    /** Surveys open now and those whose results the caller may read. */
    list: { req: Record<string, never>; res: SurveyBrief[] };
    /** A survey to answer, and whether the caller already did. */
    get: { req: { surveyId: string }; res: { survey: SurveyView; answered: boolean } };
    /** One response per person per survey, stored without the person (a keyed hash refuses a second one). */
    respond: { req: { surveyId: string; items: SurveyItemInput[] }; res: { duplicate: boolean } };
    /** Results per subject: admins always; others as the published scope allows. */
    results: { req: { surveyId: string }; res: SurveyResults };
    /** Every survey, newest first (admins). */
    manage: { req: { cursor?: string }; res: Page<SurveyView> };
    create: { req: SurveyDraftInput; res: SurveyView };
    /** draft → open: residents may answer from opensAt to closesAt. */
    publish: { req: { surveyId: string; version: number }; res: SurveyView };
    /** open → closed: no more answers; the key that told respondents apart is destroyed. */
    close: { req: { surveyId: string; version: number }; res: SurveyView };
    /** S10.3: publish the results to a scope (or change it). */
    publishResults: { req: { surveyId: string; version: number; scope: ResultScope }; res: SurveyView };
    /** The results and the free-text answers as an .xlsx workbook (base64). */
    exportResults: { req: { surveyId: string }; res: { fileName: string; base64: string } };
    /** A draft changed before it is published (compare-and-set with an audit event); an open or closed survey is not. */
    update: { req: Omit<SurveyDraftInput, 'clientId'> & { surveyId: string; version: number }; res: SurveyView };
  };

  rep: {
    /** A representative's public card behind its code's scene key. */
    card: { req: { scene: string }; res: RepCardView };
    /** A resident sends the representative an opinion through their card. */
    send: { req: SendOpinionInput; res: OpinionView };
    /** The caller's own opinions (sent, or recorded for them and claimed), with what became of them. */
    myOpinions: { req: { cursor?: string }; res: Page<OpinionView> };
    /** The constituent of an opinion recorded on their behalf follows it with the code the representative gave. */
    claimOpinion: { req: { code: string }; res: OpinionView };
    /** Withdrawn, never deleted: kept with its audit trail. */
    withdrawOpinion: { req: { opinionId: string; version: number }; res: OpinionView };
    home: { req: Record<string, never>; res: RepHome };
    cardCode: { req: Record<string, never>; res: { image: string; scene: string } };
    /** Opinions the representative recorded or that were sent to them. */
    opinions: { req: { cursor?: string }; res: Page<OpinionView> };
    recordVisit: { req: { clientId: string; date: string; place: string; people: number; note?: string }; res: VisitView };
    recordOpinion: { req: RecordOpinionInput; res: OpinionView };
    group: { req: Record<string, never>; res: GroupView };
    planActivity: { req: { clientId: string; kind: ActivityKind; date: string; topic: string }; res: ActivityView };
    recordAttendance: { req: { activityId: string; version: number; present: string[] }; res: ActivityView };
    compile: { req: CompileInput; res: ProposalDetail };
    /** A representative: their group's; the office: waiting ones, or all. */
    proposals: { req: { box: 'waiting' | 'all'; cursor?: string }; res: Page<ProposalSummary> };
    proposal: { req: { proposalId: string }; res: ProposalDetail };
    withdrawProposal: { req: { proposalId: string; version: number; reason: string }; res: ProposalDetail };
    /** 党代表联络办: accepts it and forwards it to units, each a tracked item on the request lifecycle. */
    forward: { req: { proposalId: string; version: number; unitIds: string[]; note?: string }; res: ProposalDetail };
    /** Every representative's year, furthest behind first. */
    /** The 党代表联络办's own activities (S9.2: ≥ 2 a year), any representative attending. */
    officePlan: { req: { clientId: string; kind: ActivityKind; date: string; topic: string }; res: ActivityView };
    officeAttendance: { req: { activityId: string; version: number; present: string[] }; res: ActivityView };
    /** Every representative's year, furthest behind first, and the office's own activities against its target. */
    figures: { req: { year: number }; res: RepFigures };
  };
  consult: {
    /** Consultations, newest first (drafts for admins only). */
    list: { req: { cursor?: string }; res: Page<ConsultBrief> };
    get: { req: { consultId: string }; res: ConsultView };
    /** A phase's comments, newest first, without their authors. */
    comments: { req: { consultId: string; phase: number; cursor?: string }; res: Page<ConsultComment> };
    /** A comment in the open phase; idempotent by clientId. */
    comment: { req: { consultId: string; clientId: string; text: string }; res: ConsultComment & { duplicate: boolean } };
    /** One vote per person per phase, in the open phase. */
    vote: { req: { consultId: string; option: number }; res: ConsultView };
    create: {
      req: { clientId: string; title: string; background: string; phases: { question: string; options: string[] }[] };
      res: ConsultView;
    };
    /** The next phase opens (the first one publishes the consultation). */
    openPhase: { req: { consultId: string; version: number }; res: ConsultView };
    /** The open phase closes with the office's answer. */
    closePhase: { req: { consultId: string; version: number; summary: string }; res: ConsultView };
  };
  meet: {
    /** 今日接访 / 本周接访: the county (or a card's unit and the county's leaders), and the caller's own days. */
    board: { req: { scene?: string }; res: ReceptionBoard };
    /** The rules per kind of unit, the sensitive periods, the scopes a roster can be made for. */
    rosterSetup: { req: Record<string, never>; res: RosterSetup };
    setPeriod: { req: { name: string; from: string; to: string }; res: SensitivePeriodView[] };
    removePeriod: { req: { periodId: string }; res: SensitivePeriodView[] };
    /** A month's draft roster from the scope's rule, the working-day calendar and the sensitive periods. */
    generate: { req: { scope: string; month: string }; res: RosterView };
    roster: { req: { scope: string; month: string }; res: RosterView };
    /** Another leader of the scope receives that day (the one named is away). */
    swap: { req: { rosterId: string; version: number; date: string; leaderKey: string }; res: RosterView };
    publish: { req: { rosterId: string; version: number }; res: RosterView };
    // 约访 (S4.4)
    /** Open slots residents may book now (within notice and horizon, seats left), soonest first. */
    slots: { req: Record<string, never>; res: SlotView[] };
    /** A leader opens a slot ad hoc, or a leader or their office from a published reception day (`dayId`). */
    openSlot: { req: OpenSlotInput; res: SlotView };
    /** The reception days ahead the caller may open slots from: a leader's own, the 信访局 the county leaders', a unit's cadres their unit's. */
    slotDays: { req: Record<string, never>; res: SlotDayView[] };
    /** The caller's own slots ahead (a leader) or their office's, with each one's bookings. */
    desk: { req: Record<string, never>; res: { slots: (SlotView & { bookings: OfficeBookingView[] })[] } };
    book: { req: BookInput; res: BookingView & { duplicate: boolean } };
    myBookings: { req: Record<string, never>; res: BookingView[] };
    cancel: { req: { bookingId: string; version: number }; res: BookingView };
    /** Moves a booking to another slot (the one the office proposed, or any within the rules). */
    reschedule: { req: { bookingId: string; version: number; slotId: string }; res: BookingView };
    confirm: { req: { bookingId: string; version: number }; res: OfficeBookingView };
    propose: { req: { bookingId: string; version: number; slotId: string; note: string }; res: OfficeBookingView };
    /** The venue's 小程序码 to print (opens the check-in page). */
    venueCode: { req: { slotId: string }; res: { image: string; scene: string } };
    /** The resident scans the venue's code on the day. */
    checkIn: { req: { scene: string }; res: BookingView };
    /** 接访事项纪要: creates the tracked request (or adds the leader's instruction to the one linked). */
    recordOutcome: { req: RecordOutcomeInput; res: OfficeBookingView };
    noShow: { req: { bookingId: string; version: number }; res: OfficeBookingView };
    // 包案 (S4.5)
    /** Key cases: an admin the county's, a leader their own, a leader's office (their unit's cadres) theirs. */
    cases: { req: { box: 'open' | 'closed'; cursor?: string }; res: CasesPage };
    caseDetail: { req: { caseId: string }; res: CaseView };
    /** The 信访局 gives a key case (a request, by its number) to a county leader with the five duties. */
    assignCase: { req: { requestNo: string; leaderKey: string; note?: string }; res: CaseView };
    /** The leader or their office ticks a duty (or opens it again) with a note. */
    tickDuty: { req: { caseId: string; version: number; duty: CaseDuty; done: boolean; note: string }; res: CaseView };
    /** 案结事了: the admin closes the case once all five duties are ticked. */
    closeCase: { req: { caseId: string; version: number; note: string }; res: CaseView };
    // 下访 (S4.3)
    /** A 下访 (a county leader's monthly one, with the cases taken along; a 包村干部's 逢五必进). */
    logVisit: {
      req: { clientId: string; date: string; place: string; notes: string; caseIds?: string[] };
      res: DownVisitView & { duplicate: boolean };
    };
    /** The caller's month: what their level's rule asks, what they logged, what they missed. */
    myVisits: { req: { month: string }; res: MyVisits };
    /** The admin: everyone a 下访 rule binds who missed something that month. */
    missedVisits: { req: { month: string }; res: { month: string; people: MissedVisit[]; total: number } };
  };
  volunteer: {
    /** A member's 党群连心服务卡 behind its code's scene key. */
    card: { req: { scene: string }; res: VolunteerCardView };
    home: { req: Record<string, never>; res: VolunteerHome };
    cardCode: { req: Record<string, never>; res: { image: string; scene: string } };
    /** The member's own pairs (active first); nobody else reads them. */
    pairs: { req: { cursor?: string }; res: Page<PairView> };
    /** One of the member's pairs with the first page of its minute. */
    pair: { req: { pairId: string }; res: { pair: PairView; duties: Page<DutyView> } };
    addPair: { req: AddPairInput; res: PairView };
    /** Ended, never deleted: the pair and its minute stay. */
    endPair: { req: { pairId: string; version: number; reason: string }; res: PairView };
    /** The member's minute, newest first; of one pair with pairId. */
    duties: { req: { pairId?: string; cursor?: string }; res: Page<DutyView> };
    /** 调解纠纷, 帮困扶弱, 政策宣传 into the minute. */
    record: { req: RecordDutyInput; res: DutyView };
    /** 反馈民意 or 事务代办: a request on the resident's behalf, with their consent; they follow it after claiming its code. */
    onBehalf: { req: OnBehalfInput; res: DutyView };
    /** Every member's pairs against the range, duties and activities of the year, and every team's (admin). */
    figures: { req: { year: number }; res: VolunteerFigures };
    /** The county's volunteer teams (S6.2). */
    teams: { req: Record<string, never>; res: TeamView[] };
    /** A team with its latest activities and the proposed date of the next (the 党员志愿服务日). */
    team: { req: { teamId: string }; res: TeamDetail };
    /** An organiser (admin) sets up a team by skill, led by a member named by their card's key. */
    createTeam: { req: { clientId: string; name: string; skill: TeamSkill; organizer: TeamOrganizer; leaderScene: string }; res: TeamView };
    joinTeam: { req: { teamId: string; version: number }; res: TeamView };
    /** The team's leader plans an activity. */
    planActivity: { req: PlanVolActivityInput; res: VolActivityView };
    /** The venue's 小程序码 (the leader prints or shows it at the venue). */
    activityCode: { req: { activityId: string }; res: { image: string; scene: string } };
    /** Any member signs up, while places are left. */
    signUp: { req: { activityId: string }; res: VolActivityView };
    /** A signed-up member scans the venue's code on the day. */
    checkIn: { req: { scene: string }; res: VolActivityView };
    /** Where I registered (报到) and its posts; null before I did. */
    myCommunity: { req: Record<string, never>; res: { community: MyCommunity | null } };
    /** 报到 with a village or community (in-service members where they live; members without office where they are). */
    report: { req: { regionId: string; kind: ReportKind }; res: MyCommunity };
    /** Claims a post of the place I registered with, while it has places. */
    claimPost: { req: { postId: string }; res: MyCommunity };
    /** The unit that looks after the place (or the admin) sets a post. */
    createPost: { req: { clientId: string; regionId: string; title: string; duty: string; slots: number }; res: PostView };
    /** Who registered with the place, what each holds, which posts are empty. */
    community: { req: { regionId: string }; res: CommunityView };
  };
  duty: {
    /** The caller's figures this period (every rule of their level), contact points and latest records. */
    home: { req: Record<string, never>; res: DutyHome };
    /** A visit or stay (S1.2, S2.3), with photos and the requests gathered on it. */
    recordVisit: { req: VisitInput; res: DutyRecordView & { requests: { id: string; no: string }[] } };
    /** A research report (S1.1). */
    recordReport: { req: { clientId: string; date: string; topic: string; summary: string }; res: DutyRecordView };
    /** A talk activity (S5): notes for the cadre and the organisation department only. */
    recordTalk: { req: { clientId: string; date: string; talkWith: string; form: TalkForm; notes?: string }; res: DutyRecordView };
    records: { req: { cursor?: string }; res: Page<DutyRecordView> };
    /** The 小程序码 of one of the caller's contact points (an admin: any). */
    pointCode: { req: { pointId: string }; res: { image: string; scene: string } };
    /** What a contact point's code opens: the point, and the open surveys that evaluate it. */
    point: { req: { scene: string }; res: { point: ContactPointView; surveys: { id: string; title: string }[] } };
    /** 组织部: assigns a contact point to a leader for a year; an overlap is flagged, not refused. */
    assignPoint: {
      req: { clientId: string; cadreKey: string; year: number; slot: SlotKind; name: string; regionId?: string };
      res: ContactPointView;
    };
    removePoint: { req: { pointId: string; version: number }; res: ContactPointView };
    /** Every contact point of a year (admin), overlaps flagged. */
    points: { req: { year: number; cursor?: string }; res: Page<ContactPointView> };
    /** Leaders furthest behind first: an admin the county, a unit head their unit. */
    figures: { req: { cursor?: string }; res: DutyFigures };
    /** The county's figures as an .xlsx workbook (base64). */
    exportFigures: { req: Record<string, never>; res: { fileName: string; base64: string } };
    rules: { req: Record<string, never>; res: DutyRuleView[] };
    /** A rule's threshold changed from a coming year on: this year's figures stay as they are. */
    updateRule: { req: { ruleId: string; version: number; threshold: number; fromYear: number }; res: DutyRuleView[] };
    /** S8: my relief pairs and this year's festival visits. */
    reliefs: { req: Record<string, never>; res: ReliefView[] };
    /** A 一助一 household of mine, or (a department leader) the department's 优抚 household with its named contact. */
    addRelief: { req: { clientId: string; kind: PairKind; household: string; contact?: string; plan: string }; res: ReliefView };
    /** A festival visit to a pair (元旦, 春节; 春种, 八一, 秋收): once per occasion and year. */
    reliefVisit: { req: { reliefId: string; version: number; occasion: string; date: string }; res: ReliefView };
    /** S3: my postings (a cadre), or every posting, newest first (the organisation department). */
    postings: { req: { cursor?: string }; res: Page<PostingView> };
    /** Cadres the organisation department may post this year, with their file's birth year and experience. */
    postingCandidates: { req: { cursor?: string }; res: Page<PostingCandidate> };
    /** 组织部 posts a cadre (≤ 45, no grassroots experience; ≥ 3 months): facts typed here go to their file. */
    post: {
      req: {
        clientId: string;
        cadreKey: string;
        place: string;
        regionId?: string;
        start: string;
        end: string;
        birthYear?: number;
        grassroots?: boolean;
      };
      res: PostingView;
    };
    /** The posted cadre's final report (锻炼总结) with the real last day: only once ≥ 3 months are served. */
    postingReport: { req: { postingId: string; version: number; end: string; summary: string }; res: PostingView };
    /** 组织部 records the assessment of a reported posting. */
    assessPosting: { req: { postingId: string; version: number; result: AssessmentResult; notes?: string }; res: PostingView };
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionReq<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { req: infer R } ? R : never;
export type ActionRes<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { res: infer R } ? R : never;
