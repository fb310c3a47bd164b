/**
 * 接访、约访 (S4) as values both sides need: who counts as a receiving leader, how a roster's and an
 * appointment's states read, the limits of what a person types. The pages show these words; the
 * functions (which bundle this file) validate against the same lists.
 */
import type { TextLimit } from './limits';
import type { CadreLevel } from './domain';

/** Cadre levels that receive the public (S4.2): a roster names only these. */
export const LEADER_LEVELS: readonly CadreLevel[] = ['县四大班子领导', '镇领导', '街道领导', '县直单位领导'];
/** The county's own leaders (县四大班子领导): the county roster, 包案 and monthly 下访. */
export const COUNTY_LEADER: CadreLevel = '县四大班子领导';
/** The county-level roster's scope (every other roster's scope is its unit's id). */
export const COUNTY_SCOPE = 'county';

export const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

export const ROSTER_STATUS_LABELS = { draft: '草稿', published: '已公布' } as const;
export type RosterStatus = keyof typeof ROSTER_STATUS_LABELS;

/** How often a roster's leaders receive (rules are data; these are the kinds a rule may say). */
export const CADENCE_LABELS = {
  weekday: '每周固定一天',
  daily: '每天',
  workingDay: '每个工作日',
  weekly: '每周一次',
} as const;
export type Cadence = keyof typeof CADENCE_LABELS;

export const BOOKING_STATUS_LABELS = {
  booked: '已预约，待确认',
  confirmed: '已确认',
  proposed: '建议改期',
  cancelled: '已取消',
  moved: '已改期',
  checkedIn: '已签到',
  done: '已接谈',
  noShow: '未到场',
} as const;
export type BookingStatus = keyof typeof BOOKING_STATUS_LABELS;

/** Every free-text field of the 接访/约访 pages. */
export const MEET_TEXT = {
  periodName: { label: '敏感时期名称', min: 2, max: 30 },
  place: { label: '接访地点', min: 2, max: 50 },
  topic: { label: '约访事项', min: 5, max: 500 },
  contactName: { label: '姓名', min: 1, max: 20 },
  note: { label: '说明', min: 2, max: 200 },
  summary: { label: '接谈情况', min: 5, max: 2000 },
  measures: { label: '处理措施', min: 5, max: 1000 },
} as const satisfies Record<string, TextLimit>;

/** Seats in one slot; minutes one lasts; working days a 接访事项纪要 may give its unit. */
export const SLOT_CAPACITY = { min: 1, max: 50 } as const;
export const SLOT_MINUTES = { min: 15, max: 240 } as const;
export const OUTCOME_DAYS = { min: 1, max: 60 } as const;
