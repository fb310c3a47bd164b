/** The dispatcher's desk (调度中心, e.g. 信访局): routing, 信访 registration, 督办, rules, invites. */
import { z } from 'zod';
import { CADRE_LEVELS, DELIVERY_METHODS, PETITION_SOURCES } from '../../miniprogram/shared/domain';
import { TEXT } from '../../miniprogram/shared/limits';
import type { CalendarDayView, PolicyView } from '../../typings';
import { db, findAll, getById, _ } from '../db';
import { AppError } from '../errors';
import { checkText } from '../content';
import { packageWorkday, type CalendarDay } from '../domain/calendar';
import { DISPATCH_QUEUE } from '../domain/lifecycle';
import type { PolicyDoc } from '../domain/rules';
import { chosenUnit } from '../directory';
import { intake, registeredTo } from '../intake';
import { claimNotice, newClaimCode, reveal } from '../petitioners';
import { createInvite } from '../invites';
import { assignment, leaderRank, notAccusing, requestPage, summaryPage, toSummary, transition, type LeaderReview } from '../requests';
import { chosenLeader, leaderChoices } from '../letters';
import type { Actions } from '../serve';
import { categorySchema, clientIdSchema, cursorSchema, empty, idSchema, phoneSchema, text, versioned } from '../schemas';

const YEAR_MS = 366 * 86_400_000;

const limitSchema = z.strictObject({ unit: z.enum(['hours', 'workingHours', 'days', 'workingDays']), n: z.number().int().min(1).max(365) });

const policyView = (p: PolicyDoc): PolicyView => ({
  id: p._id,
  key: p.key,
  label: p.label,
  route: p.route,
  accept: p.accept,
  finish: p.finish,
  finishFrom: p.finishFrom,
  object: p.object ?? null,
  extension: p.extension,
  followUp: p.followUp,
  review: p.review ?? null,
  remindAt: p.remindAt,
  noticeAfter: p.noticeAfter,
});

const dateSchema = z
  .string()
  .regex(/^20\d\d-\d\d-\d\d$/, '日期格式应为 2027-01-01')
  .refine((d) => {
    // zod runs this even when the pattern failed, so it must not assume a well-formed date.
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  }, '没有这一天，请核对日期');

/** Every day the county entered, read fresh (not the cached directory): the page shows an edit at once. */
async function calendarDays(): Promise<CalendarDayView[]> {
  const days = await findAll<CalendarDay>('calendar_days');
  return days.map((d) => ({ date: d._id, work: d.work, name: d.name, packageWork: packageWorkday(d._id) }));
}

export const adminActions: Actions<'admin'> = {
  queue: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['admin'],
    run: async ({ caller, now }, { cursor }) =>
      summaryPage(await requestPage({ status: _.in([...DISPATCH_QUEUE]), ...notAccusing(caller) }, cursor), now),
  },
  dispatch: {
    input: z.strictObject({
      ...versioned,
      unitId: idSchema,
      // 联合办理: up to 4 co-handling units, each answering its part; the lead (unitId) answers the whole.
      coUnitIds: z.array(idSchema).min(1).max(4, '协办单位最多4个').optional(),
      note: text(TEXT.dispatchNote).optional(),
    }),
    roles: ['admin'],
    limit: 'text',
    run: async (ctx, input) => {
      await checkText(ctx.caller.openid, input.note);
      const unit = chosenUnit(ctx.dir, input.unitId);
      const co = (input.coUnitIds ?? []).map((id) => chosenUnit(ctx.dir, id));
      if (new Set([unit._id, ...co.map((u) => u._id)]).size !== co.length + 1)
        throw new AppError('INVALID_INPUT', '协办单位不能重复，也不能是主办单位');
      const joint = co.length ? `，协办：${co.map((u) => u.name).join('、')}` : '';
      const note = `派至${unit.name}${joint}${input.note ? `：${input.note}` : ''}`;
      return transition(ctx, 'dispatch', input, (doc) => {
        const change = assignment(doc, unit, ctx.dir.calendar, ctx.now, note);
        // The unit complained about is never asked to help with the complaint either.
        if (co.some((u) => u._id === doc.subjectUnitId)) throw new AppError('INVALID_INPUT', '被投诉的单位不能协办');
        const coUnits = co.map((u) => ({ unitId: u._id, unitName: u.name, answer: null, answeredAt: null }));
        const ids = co.map((u) => u._id);
        return { ...change, set: { ...change.set, coUnits, coUnitIds: ids, coOwed: ids }, mark: { coUnitIds: ids } };
      });
    },
  },
  createInvite: {
    input: z.strictObject({
      unitId: idSchema,
      level: z.enum(CADRE_LEVELS, { message: '请选择干部层级' }),
    }),
    roles: ['admin'],
    run: ({ caller, dir, now }, { unitId, level }) => createInvite(caller, chosenUnit(dir, unitId), level, now),
  },
  register: {
    input: z.strictObject({
      clientId: clientIdSchema,
      source: z.enum(PETITION_SOURCES, { message: '请选择来信或来访' }),
      category: categorySchema,
      content: text(TEXT.petitionContent),
      receivedAt: z.number().int().positive(),
      contactName: text(TEXT.petitionerName),
      contactPhone: phoneSchema.optional(),
      regionId: idSchema.optional(),
      unitId: idSchema.optional(),
      confidential: z.boolean(),
    }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      if (input.receivedAt > now || input.receivedAt < now - YEAR_MS)
        throw new AppError('INVALID_INPUT', '收信（来访）日期应在一年以内且不晚于今天');
      await checkText(caller.openid, input.content, input.contactName);
      const dest = registeredTo(dir, input);
      const res = await intake(
        {
          submitterId: caller.openid,
          submitterRole: 'admin',
          submitterUnit: '调度中心',
          clientId: input.clientId,
          channel: '信访',
          source: input.source,
          category: input.category,
          urgency: 'normal',
          content: input.content,
          photos: [],
          receivedAt: input.receivedAt,
          dest,
          confidential: input.confidential,
          mayContact: input.contactPhone !== undefined,
          contactName: input.contactName,
          contactPhone: input.contactPhone ?? null,
          claimCode: newClaimCode(),
        },
        dir,
        now,
      );
      return { ...res, claimCode: res.claimCode! };
    },
  },
  claimCode: {
    input: z.strictObject({ id: idSchema }),
    roles: ['admin'],
    run: (ctx, { id }) => claimNotice(ctx, id),
  },
  deliver: {
    input: z.strictObject({
      ...versioned,
      method: z.enum(DELIVERY_METHODS, { message: '请选择送达方式：邮寄、短信或当面' }),
      deliveredAt: z.number().int().positive(),
    }),
    roles: ['admin'],
    run: (ctx, input) => {
      if (input.deliveredAt > ctx.now) throw new AppError('INVALID_INPUT', '送达日期不能晚于今天');
      return transition(ctx, 'deliver', input, (doc) => {
        if (doc.repliedAt !== null && input.deliveredAt < doc.repliedAt) throw new AppError('INVALID_INPUT', '送达日期不能早于答复日期');
        return { set: { delivery: { method: input.method, at: input.deliveredAt } }, note: `书面答复已${input.method}送达` };
      });
    },
  },
  reveal: {
    input: z.strictObject({ id: idSchema, reason: text(TEXT.revealReason) }),
    roles: ['admin'],
    limit: 'text',
    run: async (ctx, { id, reason }) => {
      await checkText(ctx.caller.openid, reason);
      return reveal(ctx, id, reason);
    },
  },
  reviewAnswer: {
    input: z.strictObject({ ...versioned, opinion: text(TEXT.reviewOpinion) }),
    roles: ['admin'],
    limit: 'text',
    run: async (ctx, input) => {
      const { now } = ctx;
      await checkText(ctx.caller.openid, input.opinion);
      return transition(ctx, 'reviewAnswer', input, (doc) => {
        const level = doc.review?.level ?? 1;
        const again = level < 2 && doc.policy.review ? ctx.dir.calendar.deadline(now, doc.policy.review.ask) : null;
        return {
          set: { reply: input.opinion, repliedAt: now, review: { level, askDueAt: again, dueAt: doc.review?.dueAt ?? now } },
          note: input.opinion,
        };
      });
    },
  },
  leaders: {
    input: z.strictObject({ scope: idSchema }),
    roles: ['admin'],
    run: async ({ dir }, { scope }) => (await leaderChoices(dir, scope)).map(({ key, name, title }) => ({ key, name, title })),
  },
  // 呈送领导阅批 (S4.1): one leader reads a registered letter and writes a 批示 (request.instruct).
  toLeader: {
    input: z.strictObject({
      ...versioned,
      scope: idSchema,
      leaderKey: z.string().regex(/^[0-9a-f]{16}$/, '请选择阅批的领导'),
      important: z.boolean({ message: '请选择是否为重要来信' }),
      note: text(TEXT.leaderNote).optional(),
    }),
    roles: ['admin'],
    limit: 'text',
    run: async (ctx, input) => {
      await checkText(ctx.caller.openid, input.note);
      const leader = await chosenLeader(ctx.dir, input.scope, input.leaderKey);
      return transition(ctx, 'toLeader', input, (doc) => {
        // The petitioner's identity never reaches the unit complained about: nor does it reach its leaders.
        if (doc.subjectUnitId !== null && leader.unitId === doc.subjectUnitId)
          throw new AppError('INVALID_INPUT', '不能呈送被反映单位的领导阅批');
        const review: LeaderReview = {
          id: leader.id,
          key: leader.key,
          name: leader.name,
          title: leader.title,
          important: input.important,
          note: input.note ?? null,
          sentAt: ctx.now,
          instruction: null,
          instructedAt: null,
        };
        return {
          set: { leader: review, leaderId: leader.id, leaderWaiting: true, leaderRank: leaderRank(review) },
          note: `呈送${leader.name}阅批${input.important ? '（重要来信）' : ''}${input.note ? `：${input.note}` : ''}`,
          mark: { staffOnly: true },
        };
      });
    },
  },
  overdue: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['admin'],
    run: async ({ caller, now }, { cursor }) => {
      const page = await requestPage({ overdueSince: _.gt(0), ...notAccusing(caller) }, cursor, { field: 'overdueSince', dir: 'asc' });
      return {
        items: page.items.map((d) => ({ ...toSummary(d, now), chase: d.clock?.level ?? 0, overdueSince: d.overdueSince ?? 0 })),
        cursor: page.cursor,
      };
    },
  },
  calendarDays: {
    input: empty,
    roles: ['admin'],
    run: () => calendarDays(),
  },
  setCalendarDay: {
    input: z.strictObject({ date: dateSchema, work: z.boolean(), name: text(TEXT.calendarName) }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller }, { date, work, name }) => {
      await checkText(caller.openid, name);
      await db.collection('calendar_days').doc(date).set({ data: { work, name } });
      return calendarDays();
    },
  },
  removeCalendarDay: {
    input: z.strictObject({ date: dateSchema }),
    roles: ['admin'],
    run: async (_ctx, { date }) => {
      await db.collection('calendar_days').doc(date).remove();
      return calendarDays();
    },
  },
  policies: {
    input: empty,
    roles: ['admin'],
    run: async () =>
      (await findAll<PolicyDoc>('deadline_policies')).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(policyView),
  },
  updatePolicy: {
    input: z.strictObject({
      id: idSchema,
      label: text(TEXT.policyLabel),
      route: limitSchema,
      accept: limitSchema,
      finish: limitSchema,
      finishFrom: z.enum(['submit', 'accept']),
      object: limitSchema.nullable(),
      extension: limitSchema,
      followUp: limitSchema,
      review: z.strictObject({ ask: limitSchema, answer: limitSchema }).nullable(),
      remindAt: z.number().min(0.1).max(0.95),
      noticeAfter: z.number().int().min(1).max(30),
    }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller }, { id, object, review, ...rest }) => {
      await checkText(caller.openid, rest.label);
      const current = await getById<PolicyDoc>('deadline_policies', id);
      if (!current) throw new AppError('NOT_FOUND', '没有找到这条时限规则');
      // Whole-document replace keyed by _id; requests keep the copy they were made with.
      const next: PolicyDoc = { ...current, ...rest, ...(object ? { object } : {}), ...(review ? { review } : {}) };
      if (!object) delete next.object;
      if (!review) delete next.review;
      const { _id, ...data } = next;
      await db.collection('deadline_policies').doc(_id).set({ data });
      return policyView(next);
    },
  },
};
