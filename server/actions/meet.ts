/**
 * The `meet` function (S4 接访、约访): reception rosters made from rules per kind of unit and the
 * county's working-day calendar, with sensitive periods; published days residents read from the
 * home page and any card (今日接访 / 本周接访); a leader's own days. 约访: a leader's slots, the
 * residents' bookings under the slot's rules (a seat taken in one transaction), the office's
 * confirmation or proposal, check-in by the venue's code, the 接访事项纪要 that becomes a tracked
 * request, no-shows.
 */
import { z } from 'zod';
import type { BookingView, OfficeBookingView, ReceptionBoard, RosterView, SensitivePeriodView, SlotView } from '../../typings';
import { CADENCE_LABELS, COUNTY_SCOPE, MEET_TEXT, OUTCOME_DAYS, SLOT_CAPACITY, SLOT_MINUTES } from '../../miniprogram/shared/meet';
import {
  ACTIVE,
  actsForOffice,
  bookingEvent,
  bookingId,
  bookingRefusal,
  bookingRules,
  bookingView,
  cancelRefusal,
  loadSlot,
  officeBookingView,
  remindAtOf,
  slotsOf,
  slotView,
  venueSceneOf,
  visibleBooking,
  type BookingDoc,
  type SlotDoc,
} from '../appointments';
import type { Caller } from '../caller';
import { chosenUnit } from '../directory';
import { intake } from '../intake';
import { assignment, transitionWith, type RequestDoc } from '../requests';
import { TRANSITIONS } from '../domain/lifecycle';
import { miniProgramCode } from '../wxacode';
import { _, casUpdate, db, findMany, getById, insert, type TxLike } from '../db';
import { checkText } from '../content';
import { AppError, conflict } from '../errors';
import { requestId } from '../domain/requestNo';
import { previousMonth, rosterDays, rotate, ruleOfUnit, weekDates, type SensitivePeriod } from '../domain/roster';
import {
  isLeader,
  leaderKey,
  leadersOf,
  readRules,
  receptionView,
  rosterId,
  rosterView,
  scopeOf,
  todayOf,
  type ReceptionDoc,
  type RosterDoc,
} from '../meet';
import type { Actions } from '../serve';
import { leaderActions } from './meetLeaders';
import { visitActions } from './meetVisits';
import { activeCard } from '../cards';
import { dayActions, slotDay } from './meetDays';
import { categorySchema, clientIdSchema, empty, idSchema, phoneSchema, sceneSchema, text } from '../schemas';

const dateSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2026-11-26');
const monthSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11');
const versionSchema = z.number().int().min(0).max(1_000_000);
/** A roster's scope: the county's leaders, or a unit by id. */
const scopeSchema = z.union([z.literal(COUNTY_SCOPE), idSchema], { message: '请选择排班范围' });
const leaderKeySchema = z.string().regex(/^[0-9a-f]{16}$/, '请选择接访领导');

/** Receptions a board lists today (the county's first); a leader's own days ahead. */
const TODAY_MAX = 20;
const MINE_MAX = 10;

async function periodsView(): Promise<SensitivePeriodView[]> {
  const periods = await findMany<SensitivePeriod>('meet_periods', {}, { orderBy: [['from', 'asc']], limit: 100 });
  return periods.map((p) => ({ id: p._id, name: p.name, from: p.from, to: p.to }));
}

async function loadRoster(id: string): Promise<RosterDoc> {
  const r = await getById<RosterDoc>('meet_rosters', id);
  if (!r) throw new AppError('NOT_FOUND', '没有找到这份排班表');
  return r;
}

const rosterEvent = (
  r: Pick<RosterDoc, 'events'>,
  type: RosterDoc['events'][number]['type'],
  actorId: string,
  at: number,
  note: string | null = null,
) => ({
  seq: r.events.length + 1,
  type,
  at,
  actorId,
  note,
});

/** Published days of a roster, as residents read them (one document a day, by scope and date). */
const receptionDocs = (r: RosterDoc): ReceptionDoc[] =>
  r.days.map((d) => ({
    _id: `${r.scope}-${d.date}`,
    rosterId: r._id,
    scope: r.scope,
    scopeName: r.scopeName,
    county: r.scope === COUNTY_SCOPE,
    date: d.date,
    leaderId: d.leaderId,
    leaderName: d.leaderName,
    place: r.place,
    hours: r.hours,
    sensitive: d.sensitive,
  }));

/** The page a venue's check-in code opens, with its scene key. */
const CHECKIN_PAGE = 'packages/meet/checkin/index';
const HOUR = 3_600_000;
/** A resident may check in from this long before the meeting until it ends. */
const CHECKIN_EARLY = 2 * HOUR;
/** Slots a resident is offered; a leader's desk holds the next DESK_MAX. */
const SLOTS_MAX = 20;
const DESK_MAX = 50;
const bookingRef = { bookingId: idSchema, version: versionSchema };
const hours = (max: number, what: string) => z.number().int().min(0, `${what}不能为负数`).max(max, `${what}最多${max}`);

/** A booking of the caller's, with its slot, as the resident sees it. */
async function ownView(b: BookingDoc, now: number): Promise<BookingView> {
  return bookingView(b, await slotsOf([b]), now);
}
async function officeView(b: BookingDoc, now: number): Promise<OfficeBookingView> {
  return officeBookingView(b, await slotsOf([b]), now);
}

/** The office acts on a booking: the slot's leader, their unit's cadres, or the 信访局. */
async function officeBooking(caller: Caller, id: string, version: number): Promise<{ b: BookingDoc; s: SlotDoc }> {
  const { b, s, office } = await visibleBooking(caller, id);
  if (!office) throw new AppError('FORBIDDEN', '只有接访领导或其办公室可以办理');
  if (b.version !== version) throw conflict();
  return { b, s };
}

/** A change of one booking, compare-and-set with its event. */
async function moveBooking(b: BookingDoc, set: Partial<BookingDoc>, event: BookingDoc['events'][number], now: number): Promise<BookingDoc> {
  if (!(await casUpdate('meet_bookings', b._id, b.version, { ...set, updatedAt: now, events: _.push([event]) }))) throw conflict();
  return { ...b, ...set, version: b.version + 1, updatedAt: now, events: [...b.events, event] };
}

type TxGet = (coll: string, id: string) => Promise<Record<string, unknown> | null>;
const getIn =
  (tx: TxLike): TxGet =>
  async (coll, id) =>
    ((
      await tx
        .collection(coll)
        .doc(id)
        .get()
        .catch(() => ({ data: null }))
    ).data as Record<string, unknown> | null) ?? null;

/**
 * Takes a seat of `slotId` for a booking, in a transaction: the slot is read and its count raised
 * only while a seat is left, so two people after the last seat cannot both have it (the database
 * aborts the later writer, which then reads the slot full). `release` gives back the seat of the
 * booking moved from, in the same transaction.
 */
async function takeSeat(
  doc: BookingDoc,
  now: number,
  release: { booking: BookingDoc; set: Partial<BookingDoc> } | null,
): Promise<
  { kind: 'made'; doc: BookingDoc } | { kind: 'again'; doc: BookingDoc } | { kind: 'refused'; why: string; code: 'CONFLICT' | 'NOT_FOUND' }
> {
  return db.runTransaction(async (tx: TxLike) => {
    const get = getIn(tx);
    const slot = (await get('meet_slots', doc.slotId)) as SlotDoc | null;
    if (!slot) return { kind: 'refused', why: '没有找到这个约访时段', code: 'NOT_FOUND' };
    const held = (await get('meet_bookings', doc._id)) as BookingDoc | null;
    if (held && ACTIVE.includes(held.status)) {
      // A retry of the same booking is answered with it; another booking of the same slot is refused.
      if (held.clientId === doc.clientId) return { kind: 'again', doc: { ...held, _id: doc._id } };
      return { kind: 'refused', why: '您已经预约了这个时段，不能重复预约', code: 'CONFLICT' };
    }
    const why = bookingRefusal({ ...slot, _id: doc.slotId }, now);
    if (why) return { kind: 'refused', why, code: 'CONFLICT' };
    if (release) {
      const cur = (await get('meet_bookings', release.booking._id)) as BookingDoc | null;
      if (!cur || cur.version !== release.booking.version) return { kind: 'refused', why: '约访已有变化，请刷新后重试', code: 'CONFLICT' };
      const old = (await get('meet_slots', release.booking.slotId)) as SlotDoc | null;
      await tx
        .collection('meet_bookings')
        .doc(release.booking._id)
        .update({ data: { ...release.set, version: cur.version + 1, updatedAt: now, events: release.booking.events } });
      if (old)
        await tx
          .collection('meet_slots')
          .doc(release.booking.slotId)
          .update({ data: { booked: Math.max(0, old.booked - 1) } });
    }
    await tx
      .collection('meet_slots')
      .doc(doc.slotId)
      .update({ data: { booked: slot.booked + 1, version: slot.version + 1 } });
    // A cancelled booking of the same slot is booked again in its place (one document per person and slot).
    const made: BookingDoc = held
      ? { ...doc, version: held.version + 1, createdAt: held.createdAt, events: [...held.events, ...doc.events] }
      : doc;
    const { _id, ...data } = made;
    await tx.collection('meet_bookings').doc(_id).set({ data });
    return { kind: 'made', doc: made };
  });
}

/** Frees a booking's seat with the booking's change (cancel, no-show), in one transaction. */
async function freeSeat(b: BookingDoc, set: Partial<BookingDoc>, event: BookingDoc['events'][number], now: number): Promise<BookingDoc> {
  const ok = await db.runTransaction(async (tx: TxLike) => {
    const get = getIn(tx);
    const cur = (await get('meet_bookings', b._id)) as BookingDoc | null;
    if (!cur || cur.version !== b.version) return false;
    const slot = (await get('meet_slots', b.slotId)) as SlotDoc | null;
    await tx
      .collection('meet_bookings')
      .doc(b._id)
      .update({ data: { ...set, version: b.version + 1, updatedAt: now, events: [...cur.events, event] } });
    if (slot)
      await tx
        .collection('meet_slots')
        .doc(b.slotId)
        .update({ data: { booked: Math.max(0, slot.booked - 1) } });
    return true;
  });
  if (!ok) throw conflict();
  return { ...b, ...set, version: b.version + 1, updatedAt: now, events: [...b.events, event] };
}

export const meetActions: Actions<'meet'> = {
  // 包案 (S4.5): ./meetLeaders.ts; 下访 (S4.3): ./meetVisits.ts
  ...leaderActions,
  ...visitActions,
  // 约访 slots from a published reception day: ./meetDays.ts
  ...dayActions,
  board: {
    input: z.strictObject({ scene: sceneSchema.optional() }),
    roles: ['resident'],
    run: async ({ caller, now }, { scene }): Promise<ReceptionBoard> => {
      const today = todayOf(now);
      const week = weekDates(today);
      // From a card: its unit's days and the county leaders'; from the home page: the whole county today.
      const unitId = scene ? ((await activeCard(scene)).unitId ?? undefined) : undefined;
      const scopes = unitId ? [COUNTY_SCOPE, unitId] : [COUNTY_SCOPE];
      const [todays, weeks, mine] = await Promise.all([
        unitId
          ? Promise.resolve([] as ReceptionDoc[])
          : findMany<ReceptionDoc>(
              'meet_days',
              { date: today },
              {
                orderBy: [
                  ['county', 'desc'],
                  ['_id', 'asc'],
                ],
                limit: TODAY_MAX,
              },
            ),
        findMany<ReceptionDoc>(
          'meet_days',
          { scope: _.in(scopes), date: _.gte(week[0]).and(_.lte(week[6])) },
          { orderBy: [['date', 'asc']], limit: 7 * scopes.length },
        ),
        isLeader(caller)
          ? findMany<ReceptionDoc>(
              'meet_days',
              { leaderId: caller.openid, date: _.gte(today) },
              { orderBy: [['date', 'asc']], limit: MINE_MAX },
            )
          : Promise.resolve([] as ReceptionDoc[]),
      ]);
      const byDate = (a: ReceptionDoc, b: ReceptionDoc) => a.date.localeCompare(b.date) || Number(b.county) - Number(a.county);
      return {
        today,
        receptions: (unitId ? weeks.filter((d) => d.date === today) : todays).sort(byDate).map(receptionView),
        week: weeks.sort(byDate).map(receptionView),
        mine: mine.map(receptionView),
      };
    },
  },
  rosterSetup: {
    input: empty,
    roles: ['admin'],
    run: async ({ dir }) => {
      const [rules, periods] = await Promise.all([readRules(), periodsView()]);
      const label = new Map(rules.map((r) => [r._id, r.label]));
      const county = rules.find((r) => r.scope === 'county');
      const units = [...dir.units.values()]
        .map((u) => ({ u, rule: ruleOfUnit(rules, u) }))
        .filter((x) => x.rule !== null)
        .sort((a, b) => a.u.name.localeCompare(b.u.name, 'zh'));
      return {
        rules: rules.map((r) => ({
          id: r._id,
          label: r.label,
          cadence: `${CADENCE_LABELS[r.cadence]}${r.dailyInSensitive ? '；敏感时期每天' : ''}`,
          place: r.place,
          hours: r.hours,
        })),
        periods,
        scopes: [
          ...(county ? [{ id: COUNTY_SCOPE, name: '县领导', rule: county.label }] : []),
          ...units.map(({ u, rule }) => ({ id: u._id, name: u.name, rule: label.get(rule!._id) ?? '' })),
        ],
      };
    },
  },
  setPeriod: {
    input: z.strictObject({ name: text(MEET_TEXT.periodName), from: dateSchema, to: dateSchema }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller }, { name, from, to }) => {
      if (to < from) throw new AppError('INVALID_INPUT', '结束日期不能早于开始日期');
      if (Date.parse(to) - Date.parse(from) > 92 * 86_400_000) throw new AppError('INVALID_INPUT', '敏感时期最长三个月');
      await checkText(caller.openid, name);
      // The same range entered twice is one period.
      const _id = requestId('meet-period', `${from}-${to}`);
      await db.collection('meet_periods').doc(_id).set({ data: { name, from, to } });
      return periodsView();
    },
  },
  removePeriod: {
    input: z.strictObject({ periodId: idSchema }),
    roles: ['admin'],
    run: async (_ctx, { periodId }) => {
      if (!(await getById('meet_periods', periodId))) throw new AppError('NOT_FOUND', '没有找到这个敏感时期');
      await db.collection('meet_periods').doc(periodId).remove();
      return periodsView();
    },
  },
  generate: {
    input: z.strictObject({ scope: scopeSchema, month: monthSchema }),
    roles: ['admin'],
    run: async ({ caller, dir, now }, { scope, month }): Promise<RosterView> => {
      const rules = await readRules();
      const { name, rule } = scopeOf(dir, rules, scope);
      const id = rosterId(scope, month);
      const [leaders, periods, prior, before] = await Promise.all([
        leadersOf(scope),
        findMany<SensitivePeriod>('meet_periods', { to: _.gte(`${month}-01`) }, { limit: 100 }),
        getById<RosterDoc>('meet_rosters', id),
        getById<RosterDoc>('meet_rosters', rosterId(scope, previousMonth(month))),
      ]);
      if (!leaders.length) throw new AppError('CONFLICT', `${name}还没有可以排班的领导干部`);
      if (prior?.status === 'published') throw new AppError('CONFLICT', '这个月的排班表已经公布，请用“换班”调整');
      const days = rotate(rosterDays(month, rule, dir.calendar.isWorkingDay, periods), leaders, before?.days.at(-1)?.leaderId ?? null);
      const doc: RosterDoc = {
        _id: id,
        scope,
        scopeName: name,
        month,
        ruleId: rule._id,
        ruleLabel: rule.label,
        place: rule.place,
        hours: rule.hours,
        status: 'draft',
        days: days.map((d) => ({ date: d.date, leaderId: d.leader._id, leaderName: d.leader.name ?? '领导', sensitive: d.sensitive })),
        version: prior ? prior.version + 1 : 0,
        createdAt: prior?.createdAt ?? now,
        updatedAt: now,
        events: [...(prior?.events ?? []), rosterEvent(prior ?? { events: [] }, 'generate', caller.openid, now, `${days.length}天`)],
      };
      const { _id, version: _version, ...data } = doc;
      if (prior) {
        // Generated again (a new sensitive period, a new leader): the draft is replaced, compare-and-set.
        if (!(await casUpdate('meet_rosters', id, prior.version, data))) throw conflict();
      } else {
        // Two admins generating the same new month at once: one insert wins, the other is told to reload.
        await insert('meet_rosters', { _id, ...data, version: 0 }).catch(() => {
          throw conflict();
        });
      }
      return rosterView(doc, leaders);
    },
  },
  roster: {
    input: z.strictObject({ scope: scopeSchema, month: monthSchema }),
    roles: ['admin'],
    run: async (_ctx, { scope, month }) => {
      const r = await loadRoster(rosterId(scope, month));
      return rosterView(r, await leadersOf(r.scope));
    },
  },
  swap: {
    input: z.strictObject({ rosterId: idSchema, version: versionSchema, date: dateSchema, leaderKey: leaderKeySchema }),
    roles: ['admin'],
    run: async ({ caller, now }, input) => {
      const r = await loadRoster(input.rosterId);
      if (r.version !== input.version) throw conflict();
      const at = r.days.findIndex((d) => d.date === input.date);
      if (at < 0) throw new AppError('INVALID_INPUT', '这一天没有排班');
      const leaders = await leadersOf(r.scope);
      const next = leaders.find((l) => leaderKey(l._id) === input.leaderKey);
      if (!next) throw new AppError('INVALID_INPUT', `所选领导不在${r.scopeName}的接访名单中`);
      const was = r.days[at]!;
      const days = r.days.map((d, i) => (i === at ? { ...d, leaderId: next._id, leaderName: next.name ?? '领导' } : d));
      const event = rosterEvent(r, 'swap', caller.openid, now, `${input.date}：${was.leaderName} → ${next.name ?? '领导'}`);
      const swapped: RosterDoc = { ...r, days, version: r.version + 1, updatedAt: now, events: [...r.events, event] };
      if (r.status === 'draft') {
        if (!(await casUpdate('meet_rosters', r._id, r.version, { days, updatedAt: now, events: _.push([event]) }))) throw conflict();
      } else {
        // Published: the day residents read changes with the roster, in one transaction.
        const ok = await db.runTransaction(async (tx: TxLike) => {
          const cur = (await tx.collection('meet_rosters').doc(r._id).get()).data as RosterDoc;
          if (cur.version !== r.version) return false;
          await tx
            .collection('meet_rosters')
            .doc(r._id)
            .update({ data: { days, version: r.version + 1, updatedAt: now, events: [...cur.events, event] } });
          const { _id, ...day } = receptionDocs(swapped)[at]!;
          await tx.collection('meet_days').doc(_id).set({ data: day });
          return true;
        });
        if (!ok) throw conflict();
      }
      return rosterView(swapped, leaders);
    },
  },
  publish: {
    input: z.strictObject({ rosterId: idSchema, version: versionSchema }),
    roles: ['admin'],
    run: async ({ caller, now }, input) => {
      const r = await loadRoster(input.rosterId);
      if (r.version !== input.version) throw conflict();
      if (r.status !== 'draft') throw new AppError('CONFLICT', '这份排班表已经公布');
      const event = rosterEvent(r, 'publish', caller.openid, now);
      const published: RosterDoc = { ...r, status: 'published', version: r.version + 1, updatedAt: now, events: [...r.events, event] };
      // The roster and every day residents read are published together, or not at all.
      const ok = await db.runTransaction(async (tx: TxLike) => {
        const cur = (await tx.collection('meet_rosters').doc(r._id).get()).data as RosterDoc;
        if (cur.version !== r.version || cur.status !== 'draft') return false;
        await tx
          .collection('meet_rosters')
          .doc(r._id)
          .update({ data: { status: 'published', version: r.version + 1, updatedAt: now, events: [...cur.events, event] } });
        for (const { _id, ...day } of receptionDocs(published)) await tx.collection('meet_days').doc(_id).set({ data: day });
        return true;
      });
      if (!ok) throw conflict();
      return rosterView(published, await leadersOf(r.scope));
    },
  },
  slots: {
    input: empty,
    roles: ['resident'],
    run: async ({ now }): Promise<SlotView[]> => {
      const rules = await bookingRules();
      // Open slots from the shortest notice on, within the longest horizon; each slot's own rules decide.
      const slots = await findMany<SlotDoc>(
        'meet_slots',
        { status: 'open', startAt: _.gt(now).and(_.lte(now + Math.max(rules.horizonDays, 90) * 24 * HOUR)) },
        { orderBy: [['startAt', 'asc']], limit: 100 },
      );
      return slots
        .filter((x) => bookingRefusal(x, now) === null)
        .slice(0, SLOTS_MAX)
        .map(slotView);
    },
  },
  openSlot: {
    input: z.strictObject({
      clientId: clientIdSchema,
      place: text(MEET_TEXT.place),
      startAt: z.number().int().min(0, '开始时间不正确'),
      minutes: z
        .number()
        .int()
        .min(SLOT_MINUTES.min, `每个时段至少${SLOT_MINUTES.min}分钟`)
        .max(SLOT_MINUTES.max, `每个时段最长${SLOT_MINUTES.max}分钟`),
      capacity: z
        .number()
        .int()
        .min(SLOT_CAPACITY.min, '至少接待1人')
        .max(SLOT_CAPACITY.max, `每个时段最多接待${SLOT_CAPACITY.max}人`)
        .optional(),
      minNoticeHours: hours(168, '提前预约小时数').optional(),
      horizonDays: z.number().int().min(1, '可预约天数至少1天').max(90, '可预约天数最多90天').optional(),
      cancelHours: hours(72, '取消截止小时数').optional(),
      dayId: idSchema.optional(),
    }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      // From a published reception day the slot is the day's leader's, opened by them or their office.
      const day = input.dayId ? await slotDay(caller, input.dayId, input.startAt) : null;
      if (!day && !isLeader(caller)) throw new AppError('FORBIDDEN', '只有领导干部可以开放约访时段');
      if (input.startAt <= now) throw new AppError('INVALID_INPUT', '约访时间应在现在之后');
      await checkText(caller.openid, input.place);
      const rules = await bookingRules();
      const doc: SlotDoc = {
        _id: requestId(caller.openid, `slot:${input.clientId}`),
        clientId: input.clientId,
        leaderId: day?.leaderId ?? caller.openid,
        leaderName: day?.leaderName ?? caller.name ?? '领导',
        unitId: day ? (day.county ? null : day.scope) : caller.unitId,
        unitName: day
          ? day.county
            ? '县领导'
            : day.scopeName
          : caller.unitId
            ? (dir.units.get(caller.unitId)?.name ?? caller.unitName ?? '')
            : '县领导',
        ...(day ? { dayId: day._id } : {}),
        place: input.place,
        venueScene: venueSceneOf(input.place),
        startAt: input.startAt,
        endAt: input.startAt + input.minutes * 60_000,
        capacity: input.capacity ?? rules.capacity,
        booked: 0,
        minNoticeHours: input.minNoticeHours ?? rules.minNoticeHours,
        horizonDays: input.horizonDays ?? rules.horizonDays,
        cancelHours: input.cancelHours ?? rules.cancelHours,
        status: 'open',
        version: 0,
        createdAt: now,
      };
      // A retry of the same slot is answered with what was stored.
      const saved = await insert('meet_slots', doc).then(
        () => doc,
        async (e: unknown) => {
          const again = await getById<SlotDoc>('meet_slots', doc._id);
          if (!again) throw e;
          return again;
        },
      );
      return slotView(saved);
    },
  },
  desk: {
    input: empty,
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }) => {
      // A leader's own slots; the 信访局 every county leader's; a unit's cadres their unit's.
      const where = caller.roles.includes('admin')
        ? { unitId: null, endAt: _.gt(now - 24 * HOUR) }
        : isLeader(caller)
          ? { leaderId: caller.openid, endAt: _.gt(now - 24 * HOUR) }
          : { unitId: caller.unitId ?? '-', endAt: _.gt(now - 24 * HOUR) };
      const slots = await findMany<SlotDoc>('meet_slots', where, { orderBy: [['endAt', 'asc']], limit: DESK_MAX });
      const bookings = slots.length
        ? await findMany<BookingDoc>(
            'meet_bookings',
            { slotId: _.in(slots.map((x) => x._id)), status: _.neq('moved') },
            { orderBy: [['createdAt', 'asc']], limit: 100, fields: { events: false } },
          )
        : [];
      const bySlot = new Map(slots.map((x) => [x._id, x]));
      return {
        slots: slots.map((x) => ({
          ...slotView(x),
          bookings: bookings.filter((b) => b.slotId === x._id).map((b) => officeBookingView(b, bySlot, now)),
        })),
      };
    },
  },
  book: {
    input: z.strictObject({
      clientId: clientIdSchema,
      slotId: idSchema,
      topic: text(MEET_TEXT.topic),
      contactName: text(MEET_TEXT.contactName),
      contactPhone: phoneSchema.optional(),
      requestId: idSchema.optional(),
    }),
    roles: ['resident'],
    limit: 'submit',
    run: async ({ caller, now }, input) => {
      const slot = await loadSlot(input.slotId);
      if (input.requestId !== undefined) {
        const r = await getById<RequestDoc>('requests', input.requestId);
        if (!r || r.requesterId !== caller.openid) throw new AppError('INVALID_INPUT', '所选诉求不存在，或不是您本人的诉求');
      }
      await checkText(caller.openid, input.topic, input.contactName);
      const doc: BookingDoc = {
        _id: bookingId(caller.openid, slot._id),
        clientId: input.clientId,
        slotId: slot._id,
        residentId: caller.openid,
        leaderId: slot.leaderId,
        unitId: slot.unitId,
        topic: input.topic,
        contactName: input.contactName,
        contactPhone: input.contactPhone ?? null,
        requestId: input.requestId ?? null,
        status: 'booked',
        remindAt: remindAtOf(slot.startAt),
        reminded: false,
        proposal: null,
        outcome: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [bookingEvent({ events: [] }, 'book', caller.openid, now)],
      };
      const r = await takeSeat(doc, now, null);
      if (r.kind === 'refused') throw new AppError(r.code, r.why);
      return { ...(await ownView(r.doc, now)), duplicate: r.kind === 'again' };
    },
  },
  myBookings: {
    input: empty,
    roles: ['resident'],
    run: async ({ caller, now }) => {
      const mine = await findMany<BookingDoc>(
        'meet_bookings',
        { residentId: caller.openid, status: _.neq('moved') },
        { orderBy: [['createdAt', 'desc']], limit: SLOTS_MAX, fields: { events: false } },
      );
      const slots = await slotsOf(mine);
      return mine.map((b) => bookingView(b, slots, now));
    },
  },
  cancel: {
    input: z.strictObject(bookingRef),
    roles: ['resident'],
    run: async ({ caller, now }, { bookingId: id, version }) => {
      const { b, s } = await visibleBooking(caller, id);
      if (b.residentId !== caller.openid) throw new AppError('FORBIDDEN', '只有预约人本人可以取消');
      if (b.version !== version) throw conflict();
      if (b.status !== 'booked' && b.status !== 'confirmed' && b.status !== 'proposed')
        throw new AppError('CONFLICT', '这个约访已不能取消');
      const why = cancelRefusal(s, b, now);
      if (why) throw new AppError('CONFLICT', why);
      const done = await freeSeat(b, { status: 'cancelled', reminded: true }, bookingEvent(b, 'cancel', caller.openid, now), now);
      return ownView(done, now);
    },
  },
  reschedule: {
    input: z.strictObject({ ...bookingRef, slotId: idSchema }),
    roles: ['resident'],
    limit: 'text',
    run: async ({ caller, now }, { bookingId: id, version, slotId }) => {
      const { b, s } = await visibleBooking(caller, id);
      if (b.residentId !== caller.openid) throw new AppError('FORBIDDEN', '只有预约人本人可以改期');
      if (b.version !== version) throw conflict();
      if (b.status !== 'booked' && b.status !== 'confirmed' && b.status !== 'proposed')
        throw new AppError('CONFLICT', '这个约访已不能改期');
      if (slotId === b.slotId) throw new AppError('INVALID_INPUT', '请选择另一个时段');
      const why = cancelRefusal(s, b, now);
      if (why) throw new AppError('CONFLICT', why);
      const target = await loadSlot(slotId);
      if (target.leaderId !== b.leaderId) throw new AppError('INVALID_INPUT', '只能改到同一位领导的其他时段');
      // The time the office proposed is confirmed by taking it.
      const accepted = b.proposal?.slotId === slotId;
      const moved = { ...b, events: [...b.events, bookingEvent(b, 'reschedule', caller.openid, now, `改到 ${target.place}`)] };
      const doc: BookingDoc = {
        ...b,
        _id: bookingId(caller.openid, slotId),
        clientId: `${b.clientId}-${b.version}`.slice(0, 64),
        slotId,
        status: accepted ? 'confirmed' : 'booked',
        remindAt: remindAtOf(target.startAt),
        reminded: false,
        proposal: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [bookingEvent({ events: [] }, 'book', caller.openid, now, '改期')],
      };
      const r = await takeSeat(doc, now, { booking: moved, set: { status: 'moved', reminded: true } });
      if (r.kind === 'refused') throw new AppError(r.code, r.why);
      return ownView(r.doc, now);
    },
  },
  confirm: {
    input: z.strictObject(bookingRef),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, { bookingId: id, version }) => {
      const { b } = await officeBooking(caller, id, version);
      if (b.status !== 'booked') throw new AppError('CONFLICT', '只有待确认的约访可以确认');
      return officeView(await moveBooking(b, { status: 'confirmed' }, bookingEvent(b, 'confirm', caller.openid, now), now), now);
    },
  },
  propose: {
    input: z.strictObject({ ...bookingRef, slotId: idSchema, note: text(MEET_TEXT.note) }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async ({ caller, now }, { bookingId: id, version, slotId, note }) => {
      const { b } = await officeBooking(caller, id, version);
      if (b.status !== 'booked' && b.status !== 'confirmed') throw new AppError('CONFLICT', '这个约访已不能改期');
      const target = await loadSlot(slotId);
      if (target.leaderId !== b.leaderId || target._id === b.slotId) throw new AppError('INVALID_INPUT', '请选择这位领导的另一个时段');
      if (target.status !== 'open' || target.booked >= target.capacity) throw new AppError('CONFLICT', '所选时段已约满或已停止预约');
      await checkText(caller.openid, note);
      const event = bookingEvent(b, 'propose', caller.openid, now, note);
      return officeView(await moveBooking(b, { status: 'proposed', proposal: { slotId, note } }, event, now), now);
    },
  },
  venueCode: {
    input: z.strictObject({ slotId: idSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller }, { slotId }) => {
      const s = await loadSlot(slotId);
      if (!actsForOffice(caller, s)) throw new AppError('NOT_FOUND', '没有找到这个约访时段');
      return { image: await miniProgramCode(s.venueScene, CHECKIN_PAGE), scene: s.venueScene };
    },
  },
  checkIn: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['resident'],
    run: async ({ caller, now }, { scene }) => {
      const mine = await findMany<BookingDoc>(
        'meet_bookings',
        { residentId: caller.openid, status: _.in(['booked', 'confirmed']) },
        { orderBy: [['createdAt', 'desc']], limit: SLOTS_MAX },
      );
      const slots = await slotsOf(mine);
      const here = mine.find((b) => {
        const s = slots.get(b.slotId)!;
        return s.venueScene === scene && now >= s.startAt - CHECKIN_EARLY && now <= s.endAt;
      });
      if (!here) throw new AppError('NOT_FOUND', '您现在在这里没有约访：请核对约访的时间和地点');
      const done = await moveBooking(here, { status: 'checkedIn', reminded: true }, bookingEvent(here, 'checkIn', caller.openid, now), now);
      return bookingView(done, slots, now);
    },
  },
  recordOutcome: {
    input: z.strictObject({
      ...bookingRef,
      category: categorySchema,
      summary: text(MEET_TEXT.summary),
      measures: text(MEET_TEXT.measures),
      unitId: idSchema,
      days: z
        .number()
        .int()
        .min(OUTCOME_DAYS.min, '办理时限至少1个工作日')
        .max(OUTCOME_DAYS.max, `办理时限最多${OUTCOME_DAYS.max}个工作日`),
    }),
    roles: ['cadre'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const { b, s } = await visibleBooking(caller, input.bookingId);
      if (s.leaderId !== caller.openid) throw new AppError('FORBIDDEN', '接访事项纪要由接访领导本人填写');
      if (b.version !== input.version) throw conflict();
      if (b.status !== 'checkedIn' && b.status !== 'confirmed') throw new AppError('CONFLICT', '群众签到后才能填写接访事项纪要');
      const unit = chosenUnit(dir, input.unitId);
      await checkText(caller.openid, input.summary, input.measures);
      const finish = { unit: 'workingDays' as const, n: input.days };
      const words = `【领导约访纪要】接访领导：${s.leaderName}（${s.place}）\n约访事项：${b.topic}\n接谈情况：${input.summary}\n处理措施：${input.measures}\n责任单位：${unit.name}，${input.days}个工作日内办结`;
      const linked = b.requestId ? await getById<RequestDoc>('requests', b.requestId) : null;
      if (linked && linked.requesterId === b.residentId && TRANSITIONS.reroute.from.includes(linked.status)) {
        // The meeting was about a request still on its way (or answered, and the resident still not satisfied):
        // the leader hands it to the unit the 纪要 names, due in its working days (领导交办); the booking
        // records it in the same transaction.
        const dueAt = dir.calendar.deadline(now, finish);
        const outcome = { requestId: linked._id, requestNo: linked.no, unitName: unit.name, dueAt, created: false };
        const event = bookingEvent(b, 'record', caller.openid, now, `交办诉求 ${linked.no}`);
        const note = `接访事项纪要（${s.leaderName}，${s.place}）：${input.measures}（责任单位：${unit.name}，${input.days}个工作日内办结）`;
        await transitionWith(
          { caller, dir, now },
          'reroute',
          linked,
          ['meetLeader'],
          (doc) => {
            // The leader decides who handles it now: a co-handling unit (联合办理) may be named, and the others step back.
            const change = assignment({ ...doc, coUnitIds: [] }, unit, dir.calendar, now, note);
            return {
              ...change,
              set: {
                ...change.set,
                // The 纪要's deadline from now on, whatever the policy said (as for a request a 纪要 creates).
                policy: { ...doc.policy, finish, finishFrom: 'submit' },
                dueAt,
                reply: null,
                repliedAt: null,
                pausedAt: null,
                extension: null,
                ...(doc.coUnits?.length ? { coUnits: [], coUnitIds: [], coOwed: [] } : {}),
              },
            };
          },
          {
            coll: 'meet_bookings',
            id: b._id,
            version: b.version,
            data: { status: 'done', outcome, updatedAt: now, events: [...b.events, event] },
          },
        );
        return officeView({ ...b, status: 'done', outcome, updatedAt: now, version: b.version + 1, events: [...b.events, event] }, now);
      }
      const made = await intake(
        {
          submitterId: caller.openid,
          submitterRole: 'cadre',
          submitterUnit: caller.unitName,
          clientId: `meet-${b._id}`,
          channel: '诉求',
          source: '来访',
          category: input.category,
          urgency: 'normal',
          content: words,
          photos: [],
          receivedAt: now,
          dest: { cardId: null, unitId: unit._id, unitName: unit.name, subjectUnitId: null, regionId: null, regionName: null },
          confidential: false,
          mayContact: b.contactPhone !== null,
          contactName: b.contactName,
          contactPhone: b.contactPhone,
          // The resident follows it as their own request; the leader's 纪要 sets its deadline.
          requesterId: b.residentId,
          finish,
        },
        dir,
        now,
      );
      const outcome = { requestId: made.id, requestNo: made.no, unitName: unit.name, dueAt: made.dueAt, created: true };
      const event = bookingEvent(b, 'record', caller.openid, now, `转为诉求 ${outcome.requestNo}`);
      return officeView(await moveBooking(b, { status: 'done', outcome }, event, now), now);
    },
  },
  noShow: {
    input: z.strictObject(bookingRef),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, { bookingId: id, version }) => {
      const { b, s } = await officeBooking(caller, id, version);
      if (b.status !== 'booked' && b.status !== 'confirmed') throw new AppError('CONFLICT', '只有已预约未签到的约访可以标记未到场');
      if (now < s.endAt) throw new AppError('CONFLICT', '约访时段结束后才能标记未到场');
      return officeView(await freeSeat(b, { status: 'noShow', reminded: true }, bookingEvent(b, 'noShow', caller.openid, now), now), now);
    },
  },
};
