/**
 * Validation limits both sides apply: the pages check them before sending (so a person learns at
 * once), the functions' schemas enforce them (so nothing else gets in). Same numbers, same words.
 */

export interface TextLimit {
  /** How the field is named in messages. */
  label: string;
  min: number;
  max: number;
}

/** Every free-text field a person types, by what it is. */
export const TEXT = {
  content: { label: '诉求内容', min: 5, max: 1000 },
  contactName: { label: '联系人', min: 1, max: 20 },
  withdrawReason: { label: '撤回原因', min: 1, max: 200 },
  rateComment: { label: '评价意见', min: 1, max: 300 },
  reply: { label: '答复内容', min: 5, max: 2000 },
  returnReason: { label: '退单理由', min: 5, max: 300 },
  transferReason: { label: '转办说明', min: 5, max: 300 },
  rejectReason: { label: '不予受理的理由', min: 5, max: 300 },
  mergeNote: { label: '并单说明', min: 1, max: 200 },
  revisitNote: { label: '回访情况', min: 2, max: 300 },
  extendReason: { label: '延期理由', min: 5, max: 300 },
  extendNote: { label: '审批意见', min: 1, max: 200 },
  pauseReason: { label: '暂停原因', min: 5, max: 200 },
  reviewReason: { label: '申请理由', min: 5, max: 500 },
  reviewOpinion: { label: '复查复核意见', min: 5, max: 2000 },
  dispatchNote: { label: '派单说明', min: 1, max: 300 },
  petitionContent: { label: '信访事项', min: 5, max: 2000 },
  petitionerName: { label: '信访人姓名', min: 1, max: 20 },
  calendarName: { label: '名称', min: 1, max: 20 },
  policyLabel: { label: '时限说明', min: 2, max: 60 },
  cadreName: { label: '姓名', min: 2, max: 10 },
  revealReason: { label: '调阅原因', min: 5, max: 200 },
  // 阅批 (S4.1): the 信访局's note to the leader, and the leader's 批示
  leaderNote: { label: '呈批说明', min: 1, max: 300 },
  instruction: { label: '批示内容', min: 2, max: 1000 },
  // 联合办理: a co-handling unit's part of the answer
  coReply: { label: '协办意见', min: 5, max: 2000 },
} as const satisfies Record<string, TextLimit>;

export const tooShort = (l: TextLimit): string => (l.min <= 1 ? `请填写${l.label}` : `${l.label}请至少写${l.min}个字`);
export const tooLong = (l: TextLimit): string => `${l.label}请控制在${l.max}字以内`;

/** What is wrong with a typed text (trimmed, counted as the server counts), or null when it fits. */
export function textProblem(l: TextLimit, value: string): string | null {
  const n = value.trim().length;
  if (n < l.min) return tooShort(l);
  if (n > l.max) return tooLong(l);
  return null;
}

/** Mainland mobile numbers: 11 digits starting with 1. */
export const PHONE_PATTERN = /^1\d{10}$/;
export const PHONE_MESSAGE = '请填写11位手机号码';

export const MAX_PHOTOS = 3;
export const MAX_PHOTOS_MESSAGE = `最多上传${MAX_PHOTOS}张照片`;

/** 延期 asked in days. */
export const EXTENSION_DAYS = { min: 1, max: 60 } as const;

/** The first admin's one-time 设置码, as `npm run deploy` prints it. */
export const SETUP_CODE = { length: 12, pattern: /^[2-9A-Z]{12}$/, message: '设置码是12位字母或数字，请核对' } as const;
