/** Who the caller is, and how a cadre binds to their unit with a one-time invite code. */
import { z } from 'zod';
import { loadCaller, meOf, type Caller, type UserDoc } from '../caller';
import { db, getById, insert, _ } from '../db';
import type { Directory } from '../directory';
import { AppError } from '../errors';
import { checkText } from '../content';
import { bindInvite } from '../invites';
import type { Actions } from '../serve';
import { SETUP_CODE, TEXT } from '../../miniprogram/shared/limits';
import { cursorSchema, empty, idSchema, text } from '../schemas';
import { messagesOf, readMessage, unreadOf } from '../notices';
import { claimSetupCode } from '../setup-code';

/** Template ids are WeChat's: letters, digits, - and _. */
const idLike = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '消息模板编号不正确');

export const userActions: Actions<'user'> = {
  me: {
    input: empty,
    roles: ['resident'],
    run: async ({ caller, dir }) => meOf(caller, templatesOf(dir)),
  },
  bindInvite: {
    input: z.strictObject({
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[2-9A-Z]{8}$/, '邀请码是8位字母或数字，请核对'),
      name: text(TEXT.cadreName),
    }),
    roles: ['resident'],
    limit: 'text',
    run: async ({ caller, dir, now }, { code, name }) => {
      await checkText(caller.openid, name);
      const bound = await bindInvite(caller, code, name, now);
      // A retry of a bind that already happened reads what was written; a new bind knows it.
      const me: Caller = !bound
        ? await loadCaller(caller.openid)
        : {
            ...caller,
            roles: [...new Set([...caller.roles, 'cadre' as const])],
            unitId: bound.unitId,
            unitName: bound.unitName,
            name,
            level: bound.level,
            head: false,
          };
      return meOf(me, templatesOf(dir));
    },
  },
  claimSetup: {
    input: z.strictObject({
      code: z.string().trim().toUpperCase().regex(SETUP_CODE.pattern, SETUP_CODE.message),
    }),
    roles: ['resident'],
    run: async ({ caller, dir, now }, { code }) => {
      const made = await claimSetupCode(caller, code, now);
      // A retry of a claim that already happened reads what was written; a new claim knows it.
      const me: Caller = made ? { ...caller, roles: [...new Set([...caller.roles, 'admin' as const])] } : await loadCaller(caller.openid);
      return meOf(me, templatesOf(dir));
    },
  },
  grantSubscriptions: {
    input: z.strictObject({ accepted: z.array(idLike).max(3, '一次最多订阅3个消息') }),
    roles: ['resident'],
    run: async ({ caller, dir, now }, { accepted }) => {
      const known = new Set(Object.values(templatesOf(dir)).filter((t): t is string => t !== null));
      const ids = [...new Set(accepted)].filter((t) => known.has(t));
      if (ids.length < accepted.length) throw new AppError('INVALID_INPUT', '订阅的消息模板不存在');
      const inc = Object.fromEntries(ids.map((t) => [`grants.${t}`, _.inc(1)]));
      if (ids.length > 0) {
        const res = await db
          .collection('users')
          .where({ _id: caller.openid })
          .update({ data: { ...inc, updatedAt: now } });
        if ((res as { stats?: { updated?: number } }).stats?.updated !== 1) {
          // A resident with no user document yet: create it with these grants.
          await insert('users', {
            _id: caller.openid,
            roles: ['resident'],
            unitId: null,
            unitName: null,
            name: null,
            level: null,
            grants: Object.fromEntries(ids.map((t) => [t, 1])),
            createdAt: now,
            updatedAt: now,
          }).catch(async () => {
            await db.collection('users').where({ _id: caller.openid }).update({ data: inc }); // created meanwhile
          });
        }
      }
      const user = await getById<UserDoc>('users', caller.openid);
      return { granted: user?.grants ?? {} };
    },
  },
  messages: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['resident'],
    run: ({ caller }, { cursor }) => messagesOf(caller.openid, cursor),
  },
  readMessage: {
    input: z.strictObject({ messageId: idSchema }),
    roles: ['resident'],
    run: ({ caller, now }, { messageId }) => readMessage(caller.openid, messageId, now),
  },
  unread: {
    input: empty,
    roles: ['resident'],
    run: async ({ caller }) => ({ unread: await unreadOf(caller.openid) }),
  },
};

const templatesOf = ({ subscribe }: Directory) => ({ progress: subscribe.progress, deadline: subscribe.deadline });
