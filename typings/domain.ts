/** Shared vocabulary of the county's rules: the words both sides use. */

export type Role = 'resident' | 'cadre' | 'rep' | 'volunteer' | 'admin';

/** 干部层级 (REQUIREMENTS.md "People who use it"). */
export type CadreLevel = '县四大班子领导' | '镇领导' | '街道领导' | '县直单位领导' | '包村(居)干部' | '窗口工作人员';
export const CADRE_LEVELS: readonly CadreLevel[] = ['县四大班子领导', '镇领导', '街道领导', '县直单位领导', '包村(居)干部', '窗口工作人员'];

export type RequestCategory = '咨询' | '求助' | '投诉' | '建议' | '意见';
export const REQUEST_CATEGORIES: readonly RequestCategory[] = ['咨询', '求助', '投诉', '建议', '意见'];

export type Urgency = 'normal' | 'urgent';

/** 诉求工单 states (DESIGN.md "Request lifecycle"). */
export type RequestStatus =
  | 'submitted' // 待派单: no unit yet, waits for the dispatcher
  | 'assigned' // 已派单
  | 'accepted' // 已签收
  | 'replied' // 已答复
  | 'closed' // 已办结
  | 'returned' // 退单: back to the dispatcher with an objection
  | 'withdrawn'; // 撤回

export const STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '待派单',
  assigned: '已派单',
  accepted: '已签收',
  replied: '已答复',
  closed: '已办结',
  returned: '已退单',
  withdrawn: '已撤回',
};

export type RequestEventType = 'submit' | 'assign' | 'accept' | 'reply' | 'return' | 'transfer' | 'dispatch' | 'withdraw' | 'rate';

export const EVENT_LABELS: Record<RequestEventType, string> = {
  submit: '提交诉求',
  assign: '派单',
  accept: '签收',
  reply: '答复',
  return: '退单',
  transfer: '转办',
  dispatch: '重新派单',
  withdraw: '撤回',
  rate: '评价',
};

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
