/**
 * A one-time code that grants a role (a cadre invite, the first admin's setup code): in one
 * transaction the code is used up and the role added, or neither. The rest of the user (other
 * roles, granted messages, since when) is kept.
 */
import type { Role } from '../typings';
import type { Caller, UserDoc } from './caller';
import { db, type Collection, type TxLike } from './db';

interface CodeDoc {
  expiresAt: number;
  usedBy: string | null;
}

/** Why a code was not redeemed now; `already` is a retry by the person who used it. */
export type Unredeemed = 'missing' | 'used' | 'already' | 'expired';

export async function redeemCode<T extends CodeDoc>(
  coll: Collection,
  id: string,
  caller: Caller,
  now: number,
  role: Role,
  grant: (code: T) => Partial<Omit<UserDoc, '_id' | 'roles'>> = () => ({}),
): Promise<{ code: T } | Unredeemed> {
  return db.runTransaction(async (tx: TxLike) => {
    const read = async <D>(c: Collection, docId: string): Promise<D | null> =>
      (
        await tx
          .collection(c)
          .doc(docId)
          .get()
          .catch(() => ({ data: null }))
      ).data as D | null;
    const code = await read<T>(coll, id);
    if (!code) return 'missing';
    if (code.usedBy) return code.usedBy === caller.openid ? 'already' : 'used';
    if (code.expiresAt < now) return 'expired';
    await tx
      .collection(coll)
      .doc(id)
      .update({ data: { usedBy: caller.openid, usedAt: now } });
    const prev = await read<Omit<UserDoc, '_id'>>('users', caller.openid);
    const { _id: _drop, ...kept } = { _id: '', unitId: null, unitName: null, name: null, level: null, ...(prev ?? {}) };
    await tx
      .collection('users')
      .doc(caller.openid)
      .set({
        data: { ...kept, ...grant(code), roles: [...new Set([...caller.roles, role])], createdAt: prev?.createdAt ?? now, updatedAt: now },
      });
    return { code };
  });
}
