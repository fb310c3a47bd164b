/** Shared vocabulary of the county's rules: the words both sides use. */

export type Role = 'resident' | 'cadre' | 'rep' | 'volunteer' | 'admin';

/** 干部层级 (REQUIREMENTS.md "People who use it"). */
export type CadreLevel = '县四大班子领导' | '镇领导' | '街道领导' | '县直单位领导' | '包村(居)干部' | '窗口工作人员';
export const CADRE_LEVELS: readonly CadreLevel[] = ['县四大班子领导', '镇领导', '街道领导', '县直单位领导', '包村(居)干部', '窗口工作人员'];

export type RequestCategory = '咨询' | '求助' | '投诉' | '建议' | '意见';
export const REQUEST_CATEGORIES: readonly RequestCategory[] = ['咨询', '求助', '投诉', '建议', '意见'];

/** 一般, 紧急 (2 hours), 水电气暖 (24 hours): chooses the deadline policy with the category. */
export type Urgency = 'normal' | 'urgent' | 'utility';
export const URGENCY_LABELS: Record<Urgency, string> = { normal: '一般', urgent: '紧急', utility: '水电气暖' };

/** 诉求工单 states (DESIGN.md "Request lifecycle"). */
export type RequestStatus =
  | 'submitted' // 待派单: no unit yet, waits for the dispatcher
  | 'assigned' // 已派单
  | 'accepted' // 已签收
  | 'replied' // 已答复
  | 'closed' // 已办结
  | 'returned' // 退单: back to the dispatcher with an objection
  | 'withdrawn' // 撤回
  | 'rejected' // 不予受理, with the reason told to the petitioner
  | 'merged' // 并单: a duplicate folded into another request
  | 'reopened' // 重办 after a 差评
  | 'reviewing'; // 复查/复核 of a 信访 answer

export const STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '待派单',
  assigned: '已派单',
  accepted: '已签收',
  replied: '已答复',
  closed: '已办结',
  returned: '已退单',
  withdrawn: '已撤回',
  rejected: '不予受理',
  merged: '已并单',
  reopened: '重办中',
  reviewing: '复查复核中',
};

/** Where a request came in: 12345-style 诉求 from the app, or a 信访 item registered by the 信访局 (S4.1). */
export type Channel = '诉求' | '信访';
export const CHANNELS: readonly Channel[] = ['诉求', '信访'];

/** How it reached the county: through the mini-program, or a letter or visit registered by the 信访局. */
export type Source = '小程序' | '来信' | '来访';
export const PETITION_SOURCES = ['来信', '来访'] as const;

export const EVENT_LABELS = {
  submit: '提交诉求',
  register: '登记信访事项',
  assign: '派单',
  accept: '签收',
  reply: '答复',
  return: '退单',
  transfer: '转办',
  dispatch: '派单',
  withdraw: '撤回',
  rate: '评价',
  reject: '不予受理',
  merge: '并单',
  absorb: '合并重复诉求',
  reopen: '重办',
  revisit: '回访',
  extendAsk: '申请延期',
  extendDecide: '审批延期',
  pause: '暂停计时',
  resume: '恢复计时',
  reviewAsk: '申请复查复核',
  reviewAnswer: '复查复核意见',
  remind: '到期提醒',
  urge: '催办',
  supervise: '督办',
  notice: '通报',
  unmask: '查看联系方式',
} as const;

export type RequestEventType = keyof typeof EVENT_LABELS;

/** 好差评 five levels; 4 and 5 are 差评 and must be followed up. */
export type Score = 1 | 2 | 3 | 4 | 5;
export const SCORE_LABELS: Record<Score, string> = {
  1: '非常满意',
  2: '满意',
  3: '基本满意',
  4: '不满意',
  5: '非常不满意',
};
export const isBadScore = (s: Score): boolean => s >= 4;
