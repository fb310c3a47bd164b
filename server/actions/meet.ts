/**
 * The `meet` function (S4 接访、约访): reception rosters made from rules per kind of unit and the
 * county's working-day calendar, with sensitive periods; published days residents read from the
 * home page and any card (今日接访 / 本周接访); a leader's own days.
 */
import { z } from 'zod';
import type { ReceptionBoard, RosterView, SensitivePeriodView } from '../../typings';
import { CADENCE_LABELS, COUNTY_SCOPE, MEET_TEXT } from '../../miniprogram/shared/meet';
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
import { empty, idSchema, sceneSchema, text } from '../schemas';

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

export const meetActions: Actions<'meet'> = {
  board: {
    input: z.strictObject({ scene: sceneSchema.optional() }),
    roles: ['resident'],
    run: async ({ caller, dir, now }, { scene }): Promise<ReceptionBoard> => {
      const today = todayOf(now);
      const week = weekDates(today);
      // From a card: its unit's days and the county leaders'; from the home page: the whole county today.
      const unitId = scene ? dir.cards.get(scene)?.unitId : undefined;
      if (scene && !unitId) throw new AppError('NOT_FOUND', '这张连心卡已失效或不存在，请联系发卡单位');
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
};
