/** The fixed error codes every function answers with (DESIGN.md), and their default wording. */

/** Default wording a resident understands; actions may give a more precise message. */
export const ERROR_MESSAGES = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先在微信中登录后再试',
  FORBIDDEN: '您没有权限进行这项操作',
  NOT_FOUND: '没有找到相关内容，可能已被删除',
  CONFLICT: '内容已被他人更新，请刷新后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  CONTENT_REJECTED: '内容含有不适宜的信息，请修改后再提交',
  INTERNAL: '系统繁忙，请稍后再试',
} as const;
export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];
