/** Who the caller is, and how a cadre binds to their unit with a one-time invite code. */
import { z } from 'zod';
import type { CadreLevel } from '../../typings';
import { loadCaller, meOf, type Caller, type UserDoc } from '../caller';
import { db, getById, insert, _, type TxLike } from '../db';
import { loadDirectory } from '../directory';
import { AppError } from '../errors';
import { checkText } from '../content';
import type { Actions } from '../serve';
import { TEXT } from '../../miniprogram/shared/limits';
import { empty, text } from '../schemas';

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

export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Template ids are WeChat's: letters, digits, - and _. */
const idLike = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '消息模板编号不正确');

export const userActions: Actions<'user'> = {
  me: {
    input: empty,
    roles: ['resident'],
    run: async ({ caller }) => meOf(caller, await templatesNow()),
  },
  bindInvite: {
    input: z.strictObject({
      code: z.string().trim().toUpperCase().regex(/^[2-9A-Z]{8}$/, '邀请码是8位字母或数字，请核对'),
      name: text(TEXT.cadreName),
    }),
    roles: ['resident'],
    run: async ({ caller, now }, { code, name }) => {
      await checkText(caller.openid, name);
      // One transaction: the code is used up and the user bound together, or neither.
      const written: { invite: InviteDoc | null } = { invite: null };
      const outcome = await db.runTransaction(async (tx: TxLike) => {
        const got = await tx.collection('invites').doc(code).get().catch(() => ({ data: null }));
        const invite = got.data as InviteDoc | null;
        if (!invite) return 'missing';
        if (invite.usedBy) return invite.usedBy === caller.openid ? 'already' : 'used';
        if (invite.expiresAt < now) return 'expired';
        await tx.collection('invites').doc(code).update({ data: { usedBy: caller.openid, usedAt: now } });
        // The rest of the user (other roles, granted messages, since when) is kept: binding adds cadre.
        const prev = (await tx.collection('users').doc(caller.openid).get().catch(() => ({ data: null }))).data as Omit<UserDoc, '_id'> | null;
        const { _id: _drop, ...kept } = { _id: '', ...(prev ?? {}) };
        await tx.collection('users').doc(caller.openid).set({
          data: {
            ...kept, roles: [...new Set([...caller.roles, 'cadre'])], unitId: invite.unitId, unitName: invite.unitName, name, level: invite.level,
            head: false, createdAt: prev?.createdAt ?? now, updatedAt: now,
          },
        });
        written.invite = invite;
        return 'ok';
      });
      if (outcome === 'missing') throw new AppError('NOT_FOUND', '邀请码不存在，请向单位管理员核对');
      if (outcome === 'used') throw new AppError('CONFLICT', '这个邀请码已经被使用，请向单位管理员重新申请');
      if (outcome === 'expired') throw new AppError('CONFLICT', '邀请码已过期，请向单位管理员重新申请');
      // A retry of a bind that already happened reads what was written; a new bind knows it.
      const bound = written.invite;
      const me: Caller = outcome === 'already' || !bound
        ? await loadCaller(caller.openid)
        : { ...caller, roles: [...new Set([...caller.roles, 'cadre' as const])], unitId: bound.unitId, unitName: bound.unitName, name, level: bound.level, head: false };
      return meOf(me, await templatesNow());
    },
  },
  grantSubscriptions: {
    input: z.strictObject({ accepted: z.array(idLike).max(3, '一次最多订阅3个消息') }),
    roles: ['resident'],
    run: async ({ caller, now }, { accepted }) => {
      const known = new Set(Object.values(await templatesNow()).filter((t): t is string => t !== null));
      const ids = [...new Set(accepted)].filter((t) => known.has(t));
      if (ids.length < accepted.length) throw new AppError('INVALID_INPUT', '订阅的消息模板不存在');
      const inc = Object.fromEntries(ids.map((t) => [`grants.${t}`, _.inc(1)]));
      if (ids.length > 0) {
        const res = await db.collection('users').where({ _id: caller.openid }).update({ data: { ...inc, updatedAt: now } });
        if ((res as { stats?: { updated?: number } }).stats?.updated !== 1) {
          // A resident with no user document yet: create it with these grants.
          await insert('users', {
            _id: caller.openid, roles: ['resident'], unitId: null, unitName: null, name: null, level: null,
            grants: Object.fromEntries(ids.map((t) => [t, 1])), createdAt: now, updatedAt: now,
          }).catch(async () => {
            await db.collection('users').where({ _id: caller.openid }).update({ data: inc }); // created meanwhile
          });
        }
      }
      const user = await getById<UserDoc>('users', caller.openid);
      return { granted: user?.grants ?? {} };
    },
  },
};

async function templatesNow() {
  const { subscribe } = await loadDirectory();
  return { progress: subscribe.progress, deadline: subscribe.deadline };
}
