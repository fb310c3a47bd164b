/**
 * The one-time code that makes the first admin of a new environment: `npm run deploy` stores only
 * its hash (setup_codes, _id = setupCodeId(code)) and prints the code once; `user.claimSetup` with
 * it makes the caller admin. No one edits a users document by hand.
 */
import { createHash, randomInt } from 'crypto';

export interface SetupCodeDoc {
  /** setupCodeId(code): the code itself is never stored */
  _id: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}

/** Letters and digits a person reads off a screen without confusing (no 0/O, 1/I/L). */
export const SETUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const SETUP_CODE_LENGTH = 12;

export const setupCodeId = (code: string): string => createHash('sha256').update(`lianxin-setup:${code}`).digest('hex');

export function newSetupCode(): string {
  let code = '';
  for (let i = 0; i < SETUP_CODE_LENGTH; i += 1) code += SETUP_ALPHABET[randomInt(SETUP_ALPHABET.length)];
  return code;
}
