/** The error envelope. Codes and their default wording: miniprogram/shared/errors.ts. */
import type { ErrorCode } from '../miniprogram/shared/errors';

export type { ErrorCode };

interface ApiError {
  code: ErrorCode;
  message: string;
}

/** The one response envelope of every cloud function. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };
