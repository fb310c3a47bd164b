/**
 * 党员志愿服务 (S6) as values both sides need: the five duties of a pair (一卡四制), how a resident's
 * consent to 代办 was given, and the limits of what a member types. The pages show these words; the
 * functions (which bundle this file) validate against the same lists.
 */
import type { TextLimit } from './limits';

/** The five duties a member performs for the residents paired with them (S6.1). */
export const DUTY_KINDS = ['反馈民意', '调解纠纷', '帮困扶弱', '政策宣传', '事务代办'] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/** Duties that enter the request flow on the resident's behalf (an opinion, an errand), with their consent. */
export const ON_BEHALF_KINDS = ['反馈民意', '事务代办'] as const satisfies readonly DutyKind[];
export type OnBehalfKind = (typeof ON_BEHALF_KINDS)[number];
/** Duties recorded in the minute only (履职尽责记实). */
export const MINUTE_KINDS = ['调解纠纷', '帮困扶弱', '政策宣传'] as const satisfies readonly DutyKind[];
export type MinuteKind = (typeof MINUTE_KINDS)[number];

/** How the resident agreed that the member acts for them (recorded with the request). */
export const CONSENT_WAYS = ['当面口头同意', '电话同意', '书面签字同意'] as const;
export type ConsentWay = (typeof CONSENT_WAYS)[number];

/** A mediation's outcome (调解纠纷), recorded with it. */
export const MEDIATION_OUTCOMES = ['调解成功', '部分达成', '未能调解，已引导依法解决'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

/** Every free-text field of the volunteers' pages. */
export const VOL_TEXT = {
  residentName: { label: '群众姓名', min: 1, max: 20 },
  address: { label: '住址', min: 2, max: 60 },
  pairNote: { label: '备注', min: 1, max: 100 },
  duty: { label: '服务内容', min: 5, max: 1000 },
  endReason: { label: '解除原因', min: 2, max: 100 },
} as const satisfies Record<string, TextLimit>;

export const PAIR_STATUS_LABELS = { active: '结对中', ended: '已解除' } as const;
export type PairStatus = keyof typeof PAIR_STATUS_LABELS;

/** What a volunteer team serves with (S6.2), as the rule book lists the fields. */
export const TEAM_SKILLS = ['宣传教育', '扶贫济困', '法律援助', '医疗卫生', '文化服务', '文明传播', '环境保护'] as const;
export type TeamSkill = (typeof TEAM_SKILLS)[number];

/** Who organises a team (S6.2: 县文明办 with 总工会, 团县委, 妇联). */
export const TEAM_ORGANIZERS = ['县文明办', '县总工会', '团县委', '县妇联'] as const;
export type TeamOrganizer = (typeof TEAM_ORGANIZERS)[number];

export const TEAM_TEXT = {
  teamName: { label: '服务队名称', min: 4, max: 30 },
  title: { label: '活动内容', min: 4, max: 60 },
  place: { label: '活动地点', min: 2, max: 50 },
} as const satisfies Record<string, TextLimit>;

/** People one activity takes (the team sets it per activity). */
export const ACTIVITY_CAPACITY = { min: 1, max: 500 } as const;

/** How a member registers with a place (S6.3): an in-service member with the community where they live (报到); a member without office with their village, community or enterprise (设岗定责). */
export const REPORT_KINDS = ['在职党员报到', '无职党员设岗'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const POST_TEXT = {
  title: { label: '岗位名称', min: 2, max: 20 },
  duty: { label: '岗位职责', min: 5, max: 200 },
} as const satisfies Record<string, TextLimit>;

/** Members one post takes. */
export const POST_SLOTS = { min: 1, max: 50 } as const;
