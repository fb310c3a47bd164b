/**
 * The one-time code that makes the first admin of a new environment: `npm run deploy` stores only
 * its hash (setup_codes, _id = setupCodeId(code)) and prints the code once; `user.claimSetup` with
 * it makes the caller admin. No one edits a users document by hand.
 */
import { createHash, randomInt } from 'crypto';
import type { Caller, UserDoc } from './caller';
import { db, type TxLike } from './db';
import { AppError } from './errors';
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
  const id = setupCodeId(code);
  const outcome = await db.runTransaction(async (tx: TxLike) => {
    const setup = (
      await tx
        .collection('setup_codes')
        .doc(id)
        .get()
        .catch(() => ({ data: null }))
    ).data as SetupCodeDoc | null;
    if (!setup) return 'refused';
    if (setup.usedBy) return setup.usedBy === caller.openid ? 'already' : 'refused';
    if (setup.expiresAt < now) return 'refused';
    await tx
      .collection('setup_codes')
      .doc(id)
      .update({ data: { usedBy: caller.openid, usedAt: now } });
    // The rest of the user (unit, name, granted messages, since when) is kept: the code adds admin.
    const prev = (
      await tx
        .collection('users')
        .doc(caller.openid)
        .get()
        .catch(() => ({ data: null }))
    ).data as Omit<UserDoc, '_id'> | null;
    const { _id: _drop, ...kept } = { _id: '', unitId: null, unitName: null, name: null, level: null, ...(prev ?? {}) };
    await tx
      .collection('users')
      .doc(caller.openid)
      .set({
        data: { ...kept, roles: [...new Set([...caller.roles, 'admin'])], createdAt: prev?.createdAt ?? now, updatedAt: now },
      });
    return 'ok';
  });
  if (outcome === 'refused') throw new AppError('NOT_FOUND', '设置码不正确或已失效，请重新运行部署获取新的设置码');
  return outcome === 'ok';
}
