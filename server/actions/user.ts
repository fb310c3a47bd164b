/** Who the caller is, and how a cadre binds to their unit with a one-time invite code. */
import { z } from 'zod';
import { loadCaller, meOf, type Caller } from '../caller';
import type { Directory } from '../directory';
import { checkText } from '../content';
import { bindInvite } from '../invites';
import { askFor } from '../subscriptions';
import { recordGrants } from '../grants';
import type { Actions } from '../serve';
import { SETUP_CODE, TEXT } from '../../miniprogram/shared/limits';
import { cursorSchema, empty, idSchema, text } from '../schemas';
import { messagesOf, readMessage, unreadOf } from '../notices';
import { claimSetupCode } from '../setup-code';

/** Template ids are WeChat's: letters, digits, - and _ (never a name an object has of its own). */
const idLike = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '消息模板编号不正确')
  .refine((k) => !['__proto__', 'constructor', 'prototype'].includes(k), '消息模板编号不正确');
/** The panel takes at most 5 templates; getSetting lists the kept ones. */
const atMost = (n: number) => (o: object) => Object.keys(o).length <= n;

export const userActions: Actions<'user'> = {
  me: {
    input: empty,
    roles: ['resident'],
    run: async ({ caller, dir }) => meOf(caller, subscribeOf(caller, dir)),
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
      return meOf(me, subscribeOf(me, dir));
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
      return meOf(me, subscribeOf(me, dir));
    },
  },
  grantSubscriptions: {
    input: z.strictObject({
      answers: z.record(idLike, z.enum(['accept', 'acceptWithAudio', 'reject', 'ban', 'filter'])).refine(atMost(5), '一次最多订阅5个消息'),
      mainSwitch: z.boolean().optional(),
      itemSettings: z
        .record(idLike, z.enum(['accept', 'reject', 'ban']))
        .refine(atMost(50), '订阅设置过多')
        .optional(),
    }),
    roles: ['resident'],
    run: async ({ caller, dir, now }, input) => {
      const user = await recordGrants(caller, dir, input, now);
      return { subscribe: askFor(dir, caller.roles, user) };
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

const subscribeOf = (c: Caller, dir: Directory) => askFor(dir, c.roles, c.subs);
