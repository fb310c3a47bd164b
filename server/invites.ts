/** One-time invite codes: an admin makes one for a unit; a cadre binds to the unit with it. */
import { randomInt } from 'crypto';
import type { CadreLevel } from '../typings';
import type { Caller } from './caller';
import { insert } from './db';
import type { UnitDoc } from './directory';
import { AppError } from './errors';
import { redeemCode } from './oneTimeCode';

export interface InviteDoc {
  /** The code itself. */
  _id: string;
  unitId: string;
  unitName: string;
  level: CadreLevel;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}

/** Letters and digits read aloud without confusion (no 0/O, 1/I/L). */
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const INVITE_DAYS = 7;

/** An 8-character code read aloud or typed without confusion (invites, 受理告知 claim codes). */
export function readableCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

/** A fresh code for `unit`, valid INVITE_DAYS. */
export async function createInvite(
  caller: Caller,
  unit: UnitDoc,
  level: CadreLevel,
  now: number,
): Promise<{ code: string; expiresAt: number }> {
  const expiresAt = now + INVITE_DAYS * 86_400_000;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const invite: InviteDoc = {
      _id: readableCode(),
      unitId: unit._id,
      unitName: unit.name,
      level,
      createdBy: caller.openid,
      createdAt: now,
      expiresAt,
      usedBy: null,
      usedAt: null,
    };
    try {
      await insert('invites', invite);
      return { code: invite._id, expiresAt };
    } catch {
      // the random code was taken: draw again
    }
  }
  throw new Error('invite code space exhausted');
}

/**
 * Binds the caller to the code's unit as a cadre, in one transaction: the code is used up and
 * the user bound together, or neither. Returns the invite when this call bound it, null when the
 * caller had already used this code (a retry).
 */
export async function bindInvite(caller: Caller, code: string, name: string, now: number): Promise<InviteDoc | null> {
  const outcome = await redeemCode<InviteDoc>('invites', code, caller, now, 'cadre', (invite) => ({
    unitId: invite.unitId,
    unitName: invite.unitName,
    name,
    level: invite.level,
    head: false,
  }));
  if (outcome === 'missing') throw new AppError('NOT_FOUND', '邀请码不存在，请向单位管理员核对');
  if (outcome === 'used') throw new AppError('CONFLICT', '这个邀请码已经被使用，请向单位管理员重新申请');
  if (outcome === 'expired') throw new AppError('CONFLICT', '邀请码已过期，请向单位管理员重新申请');
  return outcome === 'already' ? null : outcome.code;
}
