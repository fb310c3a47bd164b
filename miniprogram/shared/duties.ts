/**
 * 干部履职 (S1 调查研究, S2 基层联系点, S3 下基层锻炼, S5 谈心谈话, S8 扶贫济困) as values both
 * sides need: the leaders' levels the duties bind, the slots of a contact-point set, what a rule
 * counts and how the pages name it, and the limits of what a cadre types.
 */
import type { CadreLevel } from './domain';
import type { TextLimit } from './limits';

/** The levels the rule book gives duties to (领导干部); 包村干部 and window staff have none of these. */
export const LEADER_LEVELS = ['县四大班子领导', '镇领导', '街道领导', '县直单位领导'] as const satisfies readonly CadreLevel[];
export type LeaderLevel = (typeof LEADER_LEVELS)[number];
export const isLeader = (level: CadreLevel | null): level is LeaderLevel =>
  level !== null && (LEADER_LEVELS as readonly string[]).includes(level);

/** A record of time at the grassroots: a visit (走访、调研) or a stay living with residents (同吃同住、住村). */
export type VisitKind = 'visit' | 'stay';

/**
 * What a contact point is (S2.1): 一联六 (county leaders), 一联五 (town and street leaders), 一联二
 * (department leaders). Which slots a level holds, and how many of each, is data (the rule `S2.1`).
 */
export const SLOT_LABELS = {
  town: '镇（街道）',
  renovationVillage: '农村面貌改造提升村',
  oldAreaVillage: '老区村',
  poorHousehold: '建档立卡贫困户',
  enterprise: '民营企业',
  project: '重点项目',
  village: '村（社区）',
  oldMember: '老党员',
  wealthLeader: '致富带头人',
  household: '普通群众户',
  grassrootsUnit: '基层单位',
  serviceRecipient: '服务对象',
} as const;
export type SlotKind = keyof typeof SLOT_LABELS;
export const SLOT_KINDS = Object.keys(SLOT_LABELS) as SlotKind[];
/** Slots held by a person or a household: their name is personal and shows masked to anyone but staff. */
export const PERSON_SLOTS: readonly SlotKind[] = ['poorHousehold', 'oldMember', 'wealthLeader', 'household', 'serviceRecipient'];
/** Slots that are a place of the directory (a town, a village or community): chosen from the regions. */
export const PLACE_SLOTS: readonly SlotKind[] = ['town', 'renovationVillage', 'oldAreaVillage', 'village'];

/** What a duty rule counts (the evaluator in server/domain/duties.ts reads each). */
export const MEASURE_LABELS = {
  days: '下基层天数',
  stayDays: '同吃同住天数',
  stayRun: '连续住村天数',
  slotDays: '深入联系点次数',
  fixedDays: '逢十进社区天数',
  contactVisits: '深入联系点次数',
  contactDays: '深入联系点天数',
  places: '走过的村（社区）',
  householdShare: '走访居民户数',
  reports: '调研报告',
  talks: '谈心谈话活动',
  pairs: '帮扶对子',
  festivalVisits: '节日走访慰问',
  contactSlots: '联系点',
  retinue: '随行人员',
  postingDays: '下基层锻炼天数',
  postingAge: '锻炼干部年龄',
} as const;
export type Measure = keyof typeof MEASURE_LABELS;

/** S5.3: the forms a talk activity takes. */
export const TALK_FORMS = ['个别谈话', '集体座谈', '随机交流'] as const;
export type TalkForm = (typeof TALK_FORMS)[number];

/** How a figure reads: met, still owed in a period that is running or over, or not yet due (July in May). */
export const PROGRESS_LABELS = { met: '已完成', behind: '未完成', upcoming: '未到期' } as const;
export type ProgressState = keyof typeof PROGRESS_LABELS;

/** Every free-text field of the duty pages. */
export const DUTY_TEXT = {
  place: { label: '地点', min: 2, max: 50 },
  purpose: { label: '事由', min: 2, max: 200 },
  met: { label: '见了谁', min: 1, max: 200 },
  topic: { label: '调研课题', min: 4, max: 60 },
  report: { label: '报告摘要', min: 10, max: 2000 },
  talkWith: { label: '谈话对象', min: 1, max: 50 },
  talkNotes: { label: '谈话记录', min: 1, max: 1000 },
  target: { label: '联系对象', min: 2, max: 40 },
  contact: { label: '联系人', min: 1, max: 20 },
  household: { label: '帮扶户', min: 1, max: 20 },
  plan: { label: '帮扶计划', min: 2, max: 300 },
  note: { label: '走访情况', min: 1, max: 300 },
  postingReport: { label: '锻炼总结', min: 10, max: 2000 },
  postingPlace: { label: '锻炼岗位', min: 2, max: 50 },
  assessNotes: { label: '考核意见', min: 1, max: 300 },
} as const satisfies Record<string, TextLimit>;

/** At most this many requests gathered on one visit go in with it; more are submitted one by one. */
export const MAX_GATHERED = 5;

/** S8: one-to-one help (一助一) by a leader, and each department's 优抚 household (优抚对象困难户) with its named contact. */
export const PAIR_KINDS = { oneToOne: '一助一困难户', youfu: '优抚对象困难户' } as const;
export type PairKind = keyof typeof PAIR_KINDS;

/** S3.3: the organisation department's assessment of a posting at its end. */
export const ASSESSMENT_RESULTS = ['优秀', '称职', '基本称职', '不称职'] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];
/** Where a posting stands: posted (running or awaiting its report), reported (awaiting assessment), assessed. */
export const POSTING_STATES = { posted: '锻炼中', reported: '待考核', assessed: '已考核' } as const;
