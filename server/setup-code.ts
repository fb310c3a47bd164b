/**
 * The one-time code that makes the first admin of a new environment: `npm run deploy` stores only
 * its hash (setup_codes, _id = setupCodeId(code)) and prints the code once; `user.claimSetup` with
 * it makes the caller admin. No one edits a users document by hand.
 */
import { createHash, randomInt } from 'crypto';
import type { Caller } from './caller';
import { AppError } from './errors';
import { redeemCode } from './oneTimeCode';
import { SETUP_CODE } from '../miniprogram/shared/limits';

interface SetupCodeDoc {
  /** setupCodeId(code): the code itself is never stored */
  _id: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}

/** Letters and digits a person reads off a screen without confusing (no 0/O, 1/I/L). */
const SETUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const setupCodeId = (code: string): string => createHash('sha256').update(`lianxin-setup:${code}`).digest('hex');

export function newSetupCode(): string {
  let code = '';
  for (let i = 0; i < SETUP_CODE.length; i += 1) code += SETUP_ALPHABET[randomInt(SETUP_ALPHABET.length)];
  return code;
}

/**
 * Makes the caller admin with a setup code, in one transaction: the code is used up and the role
 * added together, or neither. True when this call made the admin, false for a retry by the same
 * person; any other use of a missing, used or expired code is NOT_FOUND (no probing).
 */
export async function claimSetupCode(caller: Caller, code: string, now: number): Promise<boolean> {
  const outcome = await redeemCode<SetupCodeDoc>('setup_codes', setupCodeId(code), caller, now, 'admin');
  if (outcome === 'already') return false;
  if (typeof outcome === 'string') throw new AppError('NOT_FOUND', '设置码不正确或已失效，请重新运行部署获取新的设置码');
  return true;
}
