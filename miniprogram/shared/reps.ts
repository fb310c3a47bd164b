/**
 * 党代表联系群众 (S9) as values both sides need: the kinds of group activities and of compiled
 * opinions, how their states read, and the limits of what a person types. The pages show these
 * words; the functions (which bundle this file) validate against the same lists.
 */
import type { TextLimit } from './limits';

/** Group activities (S9.2): 调研, 视察, 建言献策. */
export const ACTIVITY_KINDS = ['调研', '视察', '建言献策'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** What a convener compiles related opinions into (S9.4). */
export const PROPOSAL_KINDS = ['议案', '建议', '意见'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const OPINION_STATUS_LABELS = {
  open: '待汇总',
  compiled: '已汇入建议',
  withdrawn: '已撤回',
} as const;
export type OpinionStatus = keyof typeof OPINION_STATUS_LABELS;

export const PROPOSAL_STATUS_LABELS = {
  submitted: '待联络办受理',
  forwarded: '已交办',
  withdrawn: '已撤回',
} as const;
export type ProposalStatus = keyof typeof PROPOSAL_STATUS_LABELS;

export const ACTIVITY_STATUS_LABELS = { planned: '已计划', held: '已开展' } as const;
export type ActivityStatus = keyof typeof ACTIVITY_STATUS_LABELS;

/** Every free-text field of the representatives' pages. */
export const REP_TEXT = {
  opinion: { label: '意见内容', min: 5, max: 1000 },
  contactName: { label: '群众姓名', min: 1, max: 20 },
  place: { label: '走访地点', min: 2, max: 50 },
  visitNote: { label: '走访情况', min: 1, max: 300 },
  topic: { label: '活动主题', min: 2, max: 60 },
  title: { label: '标题', min: 4, max: 60 },
  proposal: { label: '正文', min: 10, max: 3000 },
  person: { label: '姓名', min: 2, max: 20 },
  reason: { label: '撤回原因', min: 2, max: 200 },
  forwardNote: { label: '交办说明', min: 1, max: 300 },
} as const satisfies Record<string, TextLimit>;

/** People met on one visit (a 走访 of a household, a meeting at the 联络站). */
export const VISIT_PEOPLE = { min: 1, max: 200 } as const;
/** Opinions compiled into one proposal; units it is forwarded to. */
export const MAX_COMPILED = 20;
export const MAX_UNITS = 5;
