/**
 * The county's vocabulary as values both sides need: the pages show these words and the
 * functions (which bundle this file) validate against the same lists. Types in typings/ are
 * derived from these, so a word is written once.
 */

/** 干部层级 (REQUIREMENTS.md "People who use it"). */
export const CADRE_LEVELS = ['县四大班子领导', '镇领导', '街道领导', '县直单位领导', '包村(居)干部', '窗口工作人员'] as const;
export type CadreLevel = (typeof CADRE_LEVELS)[number];

export const REQUEST_CATEGORIES = ['咨询', '求助', '投诉', '建议', '意见'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

/** 信访 items come in as a letter or a visit, registered by the 信访局 (S4.1). */
export const PETITION_SOURCES = ['来信', '来访'] as const;

/** 诉求工单 states (DESIGN.md "Request lifecycle") and how people read them. */
export const STATUS_LABELS = {
  submitted: '待派单', // no unit yet, waits for the dispatcher
  assigned: '已派单',
  accepted: '已签收',
  replied: '已答复',
  closed: '已办结',
  returned: '已退单', // back to the dispatcher with an objection
  withdrawn: '已撤回',
  rejected: '不予受理', // with the reason told to the petitioner
  merged: '已并单', // a duplicate folded into another request
  reopened: '重办中', // after a 差评
  reviewing: '复查复核中', // 复查/复核 of a 信访 answer
} as const;
export type RequestStatus = keyof typeof STATUS_LABELS;

/** The same states as a resident reads them: plain words, no 派单/签收. */
export const RESIDENT_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '等待转交',
  assigned: '已转给单位',
  accepted: '正在办理',
  replied: '已答复',
  closed: '已办完',
  returned: '等待重新转交',
  withdrawn: '已撤回',
  rejected: '不予受理',
  merged: '已合并',
  reopened: '重新办理中',
  reviewing: '复查中',
};

/** Timeline entries, by audit event type. */
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
  reveal: '调阅联系方式',
  claim: '认领信访事项',
  deliver: '书面答复送达',
  instruct: '领导批示', // a leader's instruction (约访纪要, 阅批): the handling unit sees it
  toLeader: '呈送领导阅批', // S4.1: the 信访局 sends a registered letter to a leader
  coReply: '协办意见', // 联合办理: a co-handling unit's part; the lead unit answers the whole
  reroute: '领导交办', // a leader's 接访事项纪要 hands it to the unit it names, with its deadline
} as const;
export type RequestEventType = keyof typeof EVENT_LABELS;

/** Timeline entries as the petitioner reads them, where the county's word means nothing to most people. */
export const RESIDENT_EVENT_LABELS: Partial<Record<RequestEventType, string>> = {
  submit: '您提交了',
  assign: '转给办理单位',
  dispatch: '转给办理单位',
  accept: '单位接手办理',
  reply: '单位答复了',
  return: '单位说不归它管，重新找单位',
  transfer: '转给更合适的单位',
  withdraw: '您撤回了',
  rate: '您评价了',
  reopen: '重新办理',
  extendDecide: '办理时间延长',
  pause: '暂停办理，等您补充',
  resume: '接着办理',
  remind: '提醒单位抓紧办',
  urge: '催促单位办理',
  supervise: '上级督促办理',
  notice: '单位超时被通报',
  toLeader: '送领导阅批',
  instruct: '领导作了批示',
  coReply: '协办单位提出了办理意见',
  reroute: '领导交给单位办理',
};

/**
 * 好差评 five levels, read the way every rating scale and the national 政务服务好差评 data read them:
 * 5 = 非常满意 … 1 = 非常不满意. 1 and 2 are 差评 and must be followed up.
 */
export const SCORE_LABELS = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
} as const;
export type Score = keyof typeof SCORE_LABELS;
/** As a resident chooses them: best first. */
export const SCORES: readonly Score[] = [5, 4, 3, 2, 1];
export const isBadScore = (s: Score): boolean => s <= 2;
/** Counts toward 满意率 (非常满意, 满意, 基本满意). */
export const isSatisfied = (s: Score): boolean => s >= 3;

/** How a written answer (书面答复) reached a petitioner who is not on the app. */
export const DELIVERY_METHODS = ['邮寄', '短信', '当面'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/**
 * What a resident wants, in their own words (the form asks “您想：” rather than for a category):
 * each stands for the category it is filed under.
 */
export const INTENTS = [
  { key: 'ask', label: '问个事', category: '咨询' },
  { key: 'help', label: '请帮忙', category: '求助' },
  { key: 'report', label: '反映问题', category: '投诉' },
  { key: 'suggest', label: '提个建议', category: '建议' },
] as const satisfies readonly { key: string; label: string; category: RequestCategory }[];
export type IntentKey = (typeof INTENTS)[number]['key'];

/**
 * What a resident chooses when reporting a problem through a unit's card, in plain words, each with
 * what will happen (the card's 监督电话 stands for its supervisor, S7.2). Nothing is chosen for them.
 */
export const COMPLAINT_CHOICES = [
  { aboutUnit: false, label: '请这个单位处理这件事', hint: '这个单位会看到您说的事并负责办理，需要时打电话问您。' },
  { aboutUnit: true, label: '反映这个单位或它的工作人员的问题', hint: '交给管它的监督部门办理，这个单位看不到您反映的内容。' },
] as const;
