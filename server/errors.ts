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

/**
 * The cloud aborts a transaction whose write meets another transaction's lock, and wx-server-sdk
 * hands that to the caller instead of retrying: someone changed the same record first.
 */
export const isTransactionConflict = (e: unknown): boolean =>
  /TransactionConflict/.test(String((e as { errMsg?: unknown } | null)?.errMsg ?? ''));
