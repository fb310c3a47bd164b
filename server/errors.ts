import { ERROR_MESSAGES } from '../miniprogram/shared/errors';
import type { ErrorCode } from '../typings';

/** A failure the caller is meant to see, with a fixed code and a plain Chinese message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }
}

export const notFound = (what = '内容'): AppError => new AppError('NOT_FOUND', `没有找到这条${what}，或者您无权查看`);
export const conflict = (): AppError => new AppError('CONFLICT');
