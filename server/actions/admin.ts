/** The dispatcher's desk (调度中心, e.g. 信访局): requests with no unit, invites for cadres. */
import { randomInt } from 'crypto';
import { z } from 'zod';
import { CADRE_LEVELS, type CadreLevel } from '../../typings';
import { decodeCursor, findPage, getById, insert, _ } from '../db';
import { AppError } from '../errors';
import { checkText } from '../content';
import { deadline } from '../domain/calendar';
import { DISPATCH_QUEUE } from '../domain/lifecycle';
import { toSummary, transition, type RequestDoc } from '../requests';
import type { UnitDoc } from '../county';
import { unitNameOf } from '../county';
import type { Actions } from '../serve';
import { cursorSchema, idSchema, text, versioned } from '../schemas';
import { INVITE_ALPHABET, type InviteDoc } from './user';

const INVITE_DAYS = 7;

function inviteCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

export const adminActions: Actions<'admin'> = {
  queue: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['admin'],
    run: async ({ now }, { cursor }) => {
      const page = await findPage<RequestDoc>('requests', { status: _.in([...DISPATCH_QUEUE]) }, decodeCursor(cursor), 10, { events: false, content: false });
      return { items: page.items.map((d) => toSummary(d, now)), cursor: page.cursor };
    },
  },
  dispatch: {
    input: z.strictObject({ ...versioned, unitId: idSchema, note: text('派单说明', 1, 300).optional() }),
    roles: ['admin'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.note);
      const name = await unitNameOf(input.unitId);
      return transition('dispatch', input, caller, now, (doc) => ({
        set: { unitId: input.unitId, unitName: name, acceptDueAt: deadline(now, doc.limits.accept) },
        note: input.note ? `派至${name}：${input.note}` : `派至${name}`,
        toUnitId: input.unitId,
      }));
    },
  },
  createInvite: {
    input: z.strictObject({
      unitId: idSchema,
      level: z.enum(CADRE_LEVELS as unknown as [CadreLevel, ...CadreLevel[]], { message: '请选择干部层级' }),
    }),
    roles: ['admin'],
    run: async ({ caller, now }, { unitId, level }) => {
      const unit = await getById<UnitDoc>('units', unitId);
      if (!unit) throw new AppError('INVALID_INPUT', '所选单位不存在');
      const expiresAt = now + INVITE_DAYS * 86_400_000;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const invite: InviteDoc = {
          _id: inviteCode(), unitId, unitName: unit.name, level, createdBy: caller.openid, createdAt: now, expiresAt, usedBy: null, usedAt: null,
        };
        try {
          await insert('invites', invite);
          return { code: invite._id, expiresAt };
        } catch {
          // the random code was taken: draw again
        }
      }
      throw new Error('invite code space exhausted');
    },
  },
};
