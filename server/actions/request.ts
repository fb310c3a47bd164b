/** Requests (诉求): residents submit and follow them; cadres of the handling unit answer them. */
import { z } from 'zod';
import type { SubmitResult } from '../../typings';
import type { Caller } from '../caller';
import { findMany, findPage, decodeCursor, getById, insert, _ } from '../db';
import { AppError } from '../errors';
import { checkText } from '../content';
import { deadline } from '../domain/calendar';
import { DONE_FOR_UNIT, OPEN_FOR_UNIT } from '../domain/lifecycle';
import { requestId, requestNo } from '../domain/requestNo';
import { choosePolicy, route } from '../domain/rules';
import { loadDirectory, type Directory } from '../directory';
import { loadVisible, toDetail, toSummary, transition, type RequestDoc } from '../requests';
import type { Actions } from '../serve';
import { categorySchema, cursorSchema, idSchema, sceneSchema, text, versioned } from '../schemas';
import { unitNameOf, type CardDoc } from '../county';

export const PAGE_SIZE = 10;
const LIST_FIELDS = { events: false, content: false, photos: false, contactName: false, contactPhone: false };

const submitInput = z
  .strictObject({
    clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确'),
    category: categorySchema,
    content: text('诉求内容', 5, 1000),
    photos: z.array(z.string().regex(/^cloud:\/\/[\w.\-/]{1,240}$/, '照片地址不正确')).max(3, '最多上传3张照片').optional(),
    scene: sceneSchema.optional(),
    regionId: idSchema.optional(),
    urgency: z.enum(['normal', 'urgent']).optional(),
    confidential: z.boolean(),
    mayContact: z.boolean(),
    contactName: text('联系人', 1, 20).optional(),
    contactPhone: z.string().regex(/^1\d{10}$/, '请填写11位手机号码').optional(),
  })
  .refine((v) => v.scene !== undefined || v.regionId !== undefined, { message: '请扫描连心卡，或选择您所在的村（社区）' })
  .refine((v) => !v.mayContact || v.contactPhone !== undefined, { message: '同意联系时请留下手机号码' });

type Submit = z.infer<typeof submitInput>;

/** Where a new request goes: the card's unit, else the routing catalogue, else the dispatcher. */
async function destination(input: Submit, dir: Directory): Promise<Pick<RequestDoc, 'cardId' | 'unitId' | 'unitName' | 'subjectUnitId' | 'regionId' | 'regionName'>> {
  if (input.scene !== undefined) {
    const [card] = await findMany<CardDoc>('cards', { scene: input.scene, active: true }, { limit: 1 });
    if (!card) throw new AppError('NOT_FOUND', '这张连心卡已失效或不存在，请联系发卡单位');
    return {
      cardId: card._id, unitId: card.unitId, unitName: card.unitName, regionId: null, regionName: null,
      subjectUnitId: input.category === '投诉' ? card.unitId : null,
    };
  }
  const region = dir.regions.get(input.regionId!);
  if (!region) throw new AppError('INVALID_INPUT', '所选村（社区）不存在，请重新选择');
  const chain = [region._id, ...(region.parentId ? [region.parentId] : [])];
  const rule = route(dir.routing, input.category, chain);
  const unit = rule ? dir.units.get(rule.unitId) : undefined;
  return { cardId: null, unitId: unit?._id ?? null, unitName: unit?.name ?? null, subjectUnitId: null, regionId: region._id, regionName: region.name };
}

async function submit(caller: Caller, now: number, input: Submit): Promise<SubmitResult> {
  // The id derives from the caller and clientId, so a retry collides with the first insert below.
  const id = requestId(caller.openid, input.clientId);
  await checkText(caller.openid, input.content, input.contactName);
  const dir = await loadDirectory();
  const dest = await destination(input, dir);
  const urgency = input.urgency ?? 'normal';
  const policy = choosePolicy(dir.policies, input.category, urgency);
  if (!policy) throw new Error('no deadline policy configured');
  const status = dest.unitId ? 'assigned' : 'submitted';
  const doc: RequestDoc = {
    _id: id,
    no: requestNo(id, now),
    clientId: input.clientId,
    requesterId: caller.openid,
    category: input.category,
    urgency,
    title: Array.from(input.content).slice(0, 30).join(''),
    content: input.content,
    photos: input.photos ?? [],
    ...dest,
    confidential: input.confidential,
    mayContact: input.mayContact,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    status,
    version: 0,
    policyKey: policy.key,
    limits: { accept: policy.accept, finish: policy.finish },
    createdAt: now,
    updatedAt: now,
    acceptDueAt: deadline(now, policy.accept),
    dueAt: deadline(now, policy.finish),
    reply: null,
    repliedAt: null,
    rating: null,
    events: [{
      seq: 1, type: 'submit', at: now, actorId: caller.openid, actorRole: 'resident', actorUnit: null,
      from: null, to: status, note: dest.unitName ? `已派至${dest.unitName}` : '等待调度中心派单',
    }],
  };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await insert('requests', attempt === 0 ? doc : { ...doc, no: requestNo(id, now, attempt) });
      return { id, no: attempt === 0 ? doc.no : requestNo(id, now, attempt), status, dueAt: doc.dueAt, duplicate: false };
    } catch (e) {
      // A concurrent retry of the same submission won the insert: answer with its result.
      const winner = await getById<RequestDoc>('requests', id);
      if (winner) return { id, no: winner.no, status: winner.status, dueAt: winner.dueAt, duplicate: true };
      if (attempt >= 2) throw e; // not a number clash either: a real failure
    }
  }
}

function requireUnit(caller: Caller): string {
  if (!caller.unitId) throw new AppError('FORBIDDEN', '您还没有绑定单位，请先使用邀请码绑定');
  return caller.unitId;
}


export const requestActions: Actions<'request'> = {
  submit: {
    input: submitInput,
    roles: ['resident'],
    run: ({ caller, now }, input) => submit(caller, now, input),
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
    input: z.strictObject({ ...versioned, reason: text('撤回原因', 1, 200).optional() }),
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
      comment: text('评价意见', 1, 300).optional(),
    }),
    roles: ['resident'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.comment);
      const rating = { score: input.score, comment: input.comment ?? null, at: now };
      return transition('rate', input, caller, now, () => ({ set: { rating }, note: input.comment ?? null }));
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
    run: ({ caller, now }, input) => transition('accept', input, caller, now, () => ({ note: null })),
  },
  reply: {
    input: z.strictObject({ ...versioned, reply: text('答复内容', 5, 2000) }),
    roles: ['cadre'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reply);
      return transition('reply', input, caller, now, () => ({ set: { reply: input.reply, repliedAt: now }, note: input.reply }));
    },
  },
  return: {
    input: z.strictObject({ ...versioned, reason: text('退单理由', 5, 300) }),
    roles: ['cadre'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      return transition('return', input, caller, now, () => ({ set: { unitId: null, unitName: null }, note: input.reason }));
    },
  },
  transfer: {
    input: z.strictObject({ ...versioned, unitId: idSchema, reason: text('转办说明', 5, 300) }),
    roles: ['cadre'],
    run: async ({ caller, now }, input) => {
      await checkText(caller.openid, input.reason);
      if (input.unitId === caller.unitId) throw new AppError('INVALID_INPUT', '不能转办给本单位');
      const name = await unitNameOf(input.unitId);
      return transition('transfer', input, caller, now, (doc) => ({
        set: { unitId: input.unitId, unitName: name, acceptDueAt: deadline(now, doc.limits.accept) },
        note: `转至${name}：${input.reason}`,
        toUnitId: input.unitId,
      }));
    },
  },
};
