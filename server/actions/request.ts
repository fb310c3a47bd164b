/** Requests (诉求): residents submit and follow them; cadres of the handling unit answer them. */
import { z } from 'zod';
import type { Caller } from '../caller';
import { db, findMany, findPage, decodeCursor, _, type TxLike } from '../db';
import { AppError, conflict } from '../errors';
import { checkText } from '../content';
import { deadline, extendBy, extendByPause, maxExtensionDays } from '../domain/calendar';
import { DONE_FOR_UNIT, OPEN_FOR_UNIT, PENDING } from '../domain/lifecycle';
import { isBadScore } from '../../miniprogram/shared/domain';
import { EXTENSION_DAYS, MAX_PHOTOS, MAX_PHOTOS_MESSAGE, PHONE_MESSAGE, PHONE_PATTERN, TEXT } from '../../miniprogram/shared/limits';
import { route } from '../domain/rules';
import { loadDirectory, type Directory } from '../directory';
import { intake } from '../intake';
import {
  appendEvent, applyTransition, loadVisible, partiesOf, toDetail, toSummary, transition, unmaskRefusal, type RequestDoc,
} from '../requests';
import type { Actions } from '../serve';
import { categorySchema, cursorSchema, idSchema, sceneSchema, text, versioned } from '../schemas';
import { cardByScene, unitNameOf } from '../county';

export const PAGE_SIZE = 10;
export const LIST_FIELDS = { events: false, content: false, photos: false, contactName: false, contactPhone: false };
/** Requests within this many days of each other are suggested as possible duplicates. */
const DUPLICATE_WINDOW_MS = 7 * 86_400_000;

const submitInput = z
  .strictObject({
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确'),
    category: categorySchema,
    content: text(TEXT.content),
    photos: z.array(z.string().regex(/^cloud:\/\/[\w.\-/]{1,240}$/, '照片地址不正确')).max(MAX_PHOTOS, MAX_PHOTOS_MESSAGE).optional(),
    scene: sceneSchema.optional(),
    regionId: idSchema.optional(),
    urgency: z.enum(['normal', 'urgent', 'utility']).optional(),
    confidential: z.boolean(),
    mayContact: z.boolean(),
    contactName: text(TEXT.contactName).optional(),
    contactPhone: z.string().regex(PHONE_PATTERN, PHONE_MESSAGE).optional(),
  })
  .refine((v) => v.scene !== undefined || v.regionId !== undefined, { message: '请扫描连心卡，或选择您所在的村（社区）' })
  .refine((v) => !v.mayContact || v.contactPhone !== undefined, { message: '同意联系时请留下手机号码' });

type Submit = z.infer<typeof submitInput>;
type Destination = Pick<RequestDoc, 'cardId' | 'unitId' | 'unitName' | 'subjectUnitId' | 'regionId' | 'regionName'>;

/** Where a new request goes: the card's unit, else the routing catalogue, else the dispatcher. */
async function destination(input: Submit, dir: Directory): Promise<Destination> {
  if (input.scene !== undefined) {
    const card = await cardByScene(input.scene);
    return {
      cardId: card._id, unitId: card.unitId, unitName: card.unitName, regionId: null, regionName: null,
      subjectUnitId: input.category === '投诉' ? card.unitId : null,
    };
  }
  return routeByPlace(input.regionId!, input.category, dir);
}

/** The routing catalogue for a place (and its town); no rule means the dispatcher decides. */
export function routeByPlace(regionId: string, category: Submit['category'], dir: Directory): Destination {
  const region = dir.regions.get(regionId);
  if (!region) throw new AppError('INVALID_INPUT', '所选村（社区）不存在，请重新选择');
  const chain = [region._id, ...(region.parentId ? [region.parentId] : [])];
  const rule = route(dir.routing, category, chain);
  const unit = rule ? dir.units.get(rule.unitId) : undefined;
  return { cardId: null, unitId: unit?._id ?? null, unitName: unit?.name ?? null, subjectUnitId: null, regionId: region._id, regionName: region.name };
}

function requireUnit(caller: Caller): string {
  if (!caller.unitId) throw new AppError('FORBIDDEN', '您还没有绑定单位，请先使用邀请码绑定');
  return caller.unitId;
}


/** 并单 in one transaction: the duplicate is closed as merged, the survivor gains its requester as a follower. */
async function merge(caller: Caller, now: number, input: { id: string; version: number; intoId: string; note?: string }) {
  if (input.intoId === input.id) throw new AppError('INVALID_INPUT', '不能把诉求合并到它自己');
  const { doc, parties } = await loadVisible(input.id, caller);
  const { doc: into, parties: intoParties } = await loadVisible(input.intoId, caller).catch(() => {
    throw new AppError('INVALID_INPUT', '要合并到的诉求不存在，或不在您的办理范围内');
  });
  if (!PENDING.includes(into.status) || into.status === 'reviewing') throw new AppError('INVALID_INPUT', '只能合并到仍在办理中的诉求');
  if (!intoParties.some((p) => p === 'handler' || p === 'dispatcher')) throw new AppError('FORBIDDEN');
  const note = `并入 ${into.no}${input.note ? `：${input.note}` : ''}`;
  const a = applyTransition('merge', doc, parties, input.version, caller, now, () => ({ set: { mergedInto: into._id }, note }));
  const followers = [...new Set([...into.followers, doc.requesterId, ...doc.followers])].filter((f) => f !== into.requesterId);
  const absorb = {
    seq: into.events.length + 1, type: 'absorb' as const, at: now, actorId: caller.openid, actorRole: a.events[0]!.actorRole,
    actorUnit: a.events[0]!.actorUnit, from: into.status, to: into.status, note: `合并重复诉求 ${doc.no}`, unitId: into.unitId,
  };
  const outcome = await db.runTransaction(async (tx: TxLike) => {
    const [cur, curInto] = await Promise.all([
      tx.collection('requests').doc(doc._id).get(),
      tx.collection('requests').doc(into._id).get(),
    ]);
    if ((cur.data as RequestDoc).version !== doc.version || (curInto.data as RequestDoc).version !== into.version) return 'stale';
    await tx.collection('requests').doc(doc._id).update({ data: { ...a.set, version: doc.version + 1, events: [...doc.events, ...a.events] } });
    await tx.collection('requests').doc(into._id).update({
      data: { followers, updatedAt: now, needsCount: true, version: into.version + 1, events: [...into.events, absorb] },
    });
    return 'ok';
  });
  if (outcome !== 'ok') throw conflict();
  return toDetail(a.next, caller, partiesOf(a.next, caller), now);
}

export const requestActions: Actions<'request'> = {
  submit: {
    input: submitInput,
    roles: ['resident'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.content, input.contactName);
      const dir = await loadDirectory();
      return intake({
        submitterId: caller.openid, submitterRole: 'resident', submitterUnit: null, clientId: input.clientId,
        channel: '诉求', source: '小程序', category: input.category, urgency: input.urgency ?? 'normal', content: input.content,
        photos: input.photos ?? [], receivedAt: now, dest: await destination(input, dir), confidential: input.confidential,
        mayContact: input.mayContact, contactName: input.contactName ?? null, contactPhone: input.contactPhone ?? null,
      }, dir, now);
    },
  },
  mine: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['resident'],
    run: async ({ caller, now }, { cursor }) => {
      const page = await findPage<RequestDoc>('requests', { requesterId: caller.openid }, decodeCursor(cursor), PAGE_SIZE, LIST_FIELDS);
      return { items: page.items.map((d) => toSummary(d, now)), cursor: page.cursor };
    },
  },
  detail: {
    input: z.strictObject({ id: idSchema }),
    roles: ['resident'],
    run: async ({ caller, now }, { id }) => {
      const { doc, parties } = await loadVisible(id, caller);
      return toDetail(doc, caller, parties, now);
    },
  },
  withdraw: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.withdrawReason).optional() }),
    roles: ['resident'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      return transition('withdraw', input, caller, now, () => ({ note: input.reason ?? null }));
    },
  },
  rate: {
    input: z.strictObject({
      ...versioned,
      score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)], { message: '请选择评价等级' }),
      comment: text(TEXT.rateComment).optional(),
    }),
    roles: ['resident'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.comment);
      const rating = { score: input.score, comment: input.comment ?? null, at: now };
      return transition('rate', input, caller, now, (doc) => {
        if (!isBadScore(input.score)) return { set: { rating }, note: input.comment ?? null, mark: { score: input.score } };
        // 差评: reopened at once for 重办, with the follow-up limit (15 working days).
        return {
          set: { rating, dueAt: deadline(now, doc.policy.followUp), reopenCount: doc.reopenCount + 1, extension: null },
          note: input.comment ?? null,
          mark: { score: input.score },
          then: { type: 'reopen', to: 'reopened', note: '差评，转入重办' },
        };
      });
    },
  },
  inbox: {
    input: z.strictObject({ box: z.enum(['todo', 'done']), cursor: cursorSchema }),
    roles: ['cadre'],
    run: async ({ caller, now }, { box, cursor }) => {
      const unitId = requireUnit(caller);
      const status = _.in([...(box === 'todo' ? OPEN_FOR_UNIT : DONE_FOR_UNIT)]);
      const page = await findPage<RequestDoc>('requests', { unitId, status }, decodeCursor(cursor), PAGE_SIZE, LIST_FIELDS);
      return { items: page.items.map((d) => toSummary(d, now)), cursor: page.cursor };
    },
  },
  accept: {
    input: z.strictObject(versioned),
    roles: ['cadre'],
    run: ({ caller, now }, input) =>
      transition('accept', input, caller, now, (doc) => ({
        // 信访: the 60 days run from acceptance.
        set: doc.policy.finishFrom === 'accept' ? { dueAt: deadline(now, doc.policy.finish) } : {},
        note: null,
        mark: { inTime: now <= doc.acceptDueAt },
      })),
  },
  reply: {
    input: z.strictObject({ ...versioned, reply: text(TEXT.reply) }),
    roles: ['cadre'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reply);
      return transition('reply', input, caller, now, (doc) => ({
        set: {
          reply: input.reply,
          repliedAt: now,
          pausedAt: null,
          // 信访: the petitioner may ask for 复查 (then 复核) within the policy's time.
          review: doc.policy.review ? { level: doc.review?.level ?? 0, askDueAt: deadline(now, doc.policy.review.ask), dueAt: doc.review?.dueAt ?? 0 } : null,
        },
        note: input.reply,
      }));
    },
  },
  return: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.returnReason) }),
    roles: ['cadre'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      return transition('return', input, caller, now, () => ({ set: { unitId: null, unitName: null, objectDueAt: null }, note: input.reason }));
    },
  },
  transfer: {
    input: z.strictObject({ ...versioned, unitId: idSchema, reason: text(TEXT.transferReason) }),
    roles: ['cadre'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      const name = await unitNameOf(input.unitId);
      return transition('transfer', input, caller, now, (doc) => {
        if (input.unitId === doc.unitId) throw new AppError('INVALID_INPUT', '不能转办给本单位');
        return {
        set: {
          unitId: input.unitId, unitName: name, acceptDueAt: deadline(now, doc.policy.accept),
          objectDueAt: doc.policy.object ? deadline(now, doc.policy.object) : null,
        },
        note: `转至${name}：${input.reason}`,
        toUnitId: input.unitId,
        };
      });
    },
  },
  reject: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.rejectReason) }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      return transition('reject', input, caller, now, () => ({ set: { reply: input.reason, repliedAt: now }, note: input.reason }));
    },
  },
  merge: {
    input: z.strictObject({ ...versioned, intoId: idSchema, note: text(TEXT.mergeNote).optional() }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.note);
      return merge(caller, now, input);
    },
  },
  duplicates: {
    input: z.strictObject({ id: idSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, { id }) => {
      const { doc, parties } = await loadVisible(id, caller);
      if (!parties.some((p) => p === 'handler' || p === 'dispatcher')) throw new AppError('FORBIDDEN');
      // The nearest requests on either side in time, within the window: same requester, card or place.
      const same: Record<string, unknown>[] = [{ requesterId: doc.requesterId }];
      if (doc.cardId) same.push({ cardId: doc.cardId });
      if (doc.regionId) same.push({ regionId: doc.regionId });
      const sides = [
        { createdAt: _.gte(doc.createdAt - DUPLICATE_WINDOW_MS).and(_.lte(doc.createdAt)), dir: 'desc' as const },
        { createdAt: _.gt(doc.createdAt).and(_.lte(doc.createdAt + DUPLICATE_WINDOW_MS)), dir: 'asc' as const },
      ];
      const near = (await Promise.all(
        sides.map((s) => findMany<RequestDoc>('requests', _.or(same.map((k) => ({ ...k, createdAt: s.createdAt }))), { orderBy: [['createdAt', s.dir]], limit: 20, fields: LIST_FIELDS })),
      )).flat();
      const rankOf = (d: RequestDoc) => (d.requesterId === doc.requesterId ? 0 : d.cardId !== null && d.cardId === doc.cardId ? 1 : 2);
      const found = [0, 1, 2].map((rank) => near.filter((d) => rankOf(d) === rank));
      // Same requester first, then same card or place; nearest in time first within each.
      const seen = new Set<string>([doc._id]);
      return found
        .flatMap((list, rank) => list.map((d) => ({ d, rank })))
        .filter(({ d }) => !seen.has(d._id) && (seen.add(d._id), PENDING.includes(d.status)) && d.status !== 'reviewing')
        .sort((a, b) => a.rank - b.rank || Math.abs(a.d.createdAt - doc.createdAt) - Math.abs(b.d.createdAt - doc.createdAt))
        .slice(0, 10)
        .map(({ d }) => toSummary(d, now));
    },
  },
  revisit: {
    input: z.strictObject({ ...versioned, note: text(TEXT.revisitNote), satisfied: z.boolean() }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.note);
      return transition('revisit', input, caller, now, () => ({ note: `${input.satisfied ? '群众表示满意' : '群众仍不满意'}：${input.note}` }));
    },
  },
  extendAsk: {
    input: z.strictObject({ ...versioned, days: z.number().int().min(EXTENSION_DAYS.min).max(EXTENSION_DAYS.max), reason: text(TEXT.extendReason) }),
    roles: ['cadre'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      return transition('extendAsk', input, caller, now, (doc) => {
        const max = maxExtensionDays(doc.policy.extension);
        if (max < 1) throw new AppError('CONFLICT', '这类诉求不能延期，请在时限内办结');
        if (input.days > max) throw new AppError('INVALID_INPUT', `延期不能超过${max}${doc.policy.extension.unit === 'workingDays' ? '个工作日' : '日'}`);
        return { set: { extension: { state: 'asked', days: input.days, reason: input.reason, askedAt: now, decidedAt: null } }, note: `申请延期${input.days}日：${input.reason}` };
      });
    },
  },
  extendDecide: {
    input: z.strictObject({ ...versioned, approve: z.boolean(), note: text(TEXT.extendNote).optional() }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.note);
      return transition('extendDecide', input, caller, now, (doc) => {
        const ext = doc.extension!;
        const decided = { ...ext, state: input.approve ? ('approved' as const) : ('denied' as const), decidedAt: now };
        // The reason is shown to the petitioner on the timeline.
        const note = input.approve ? `同意延期${ext.days}日：${ext.reason}` : `不同意延期${input.note ? `：${input.note}` : ''}`;
        const dueAt = input.approve ? extendBy(doc.dueAt, doc.policy.extension.unit, ext.days) : doc.dueAt;
        return { set: { extension: decided, dueAt }, note };
      });
    },
  },
  pause: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.pauseReason) }),
    roles: ['cadre'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      return transition('pause', input, caller, now, () => ({ set: { pausedAt: now }, note: input.reason }));
    },
  },
  resume: {
    input: z.strictObject(versioned),
    roles: ['cadre'],
    run: ({ caller, now }, input) =>
      transition('resume', input, caller, now, (doc) => ({
        set: { pausedAt: null, dueAt: extendByPause(doc.dueAt, doc.policy.finish.unit, doc.pausedAt!, now) },
        note: null,
      })),
  },
  reviewAsk: {
    input: z.strictObject({ ...versioned, reason: text(TEXT.reviewReason) }),
    roles: ['resident'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      return transition('reviewAsk', input, caller, now, (doc) => {
        const level = (doc.review?.level ?? 0) + 1;
        return {
          set: { review: { level, askDueAt: null, dueAt: deadline(now, doc.policy.review!.answer) } },
          note: `申请${level === 1 ? '复查' : '复核'}：${input.reason}`,
        };
      });
    },
  },
  // 查看联系方式: the one way to the full name and phone; only the handling unit, never the unit
  // complained about, never for a confidential request or one whose petitioner declined contact.
  unmask: {
    input: z.strictObject({ id: idSchema }),
    roles: ['cadre'],
    run: async ({ caller, now }, { id }) => {
      const doc = await appendEvent(id, caller, now, (d, parties) => {
        const why = unmaskRefusal(d, caller, parties);
        if (why) throw new AppError('FORBIDDEN', why);
        return { type: 'unmask', as: 'handler' };
      });
      return { name: doc.contactName, phone: doc.contactPhone! };
    },
  },
};
