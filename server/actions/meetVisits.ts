/**
 * The `meet` function's 下访 actions (S4.3): a cadre logs a 下访 (a county leader's monthly one with
 * the key cases taken along — 带案下访; a 包村干部's 逢五必进), reads their month against their level's
 * rule (seeded data: `visit_rules`) — what was missed, whether today is asked — and the admin reads
 * who missed what in a month. A cadre's month is one document (`down_visits`): each visit is appended
 * compare-and-set with its event, so the admin's list reads one document per cadre, never every visit.
 */
import { z } from 'zod';
import type { DownVisitView, MissedVisit, MyVisits, VisitCase, VisitDue } from '../../typings';
import { LEAD_TEXT, VISIT_CASES_MAX } from '../../miniprogram/shared/leaders';
import { LEADER_LEVELS } from '../../miniprogram/shared/meet';
import type { Caller, UserDoc } from '../caller';
import type { CaseDoc } from '../cases';
import { checkText } from '../content';
import { _, casUpdate, findAll, findMany, getById, insert } from '../db';
import { AppError, conflict } from '../errors';
import { dueOf, ruleOfLevel, type VisitRuleDoc } from '../domain/downVisits';
import type { SensitivePeriod } from '../domain/roster';
import { leaderKey, todayOf } from '../meet';
import type { Directory } from '../directory';
import type { Actions } from '../serve';
import { clientIdSchema, idSchema, text } from '../schemas';

const dateSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2026-11-26');
const monthSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11');
/** Visits one cadre's month may hold (a sensitive month asks for one a day). */
const MONTH_MAX = 62;
/** The admin's list: the most missed first, this many. */
const MISSED_MAX = 100;
/** Who logs 下访: leaders (S4.3: county leaders monthly, town leaders when they see fit) and 包村干部. */
const VISITORS: readonly string[] = [...LEADER_LEVELS, '包村(居)干部'];

interface VisitEntry {
  clientId: string;
  date: string;
  place: string;
  notes: string;
  cases: VisitCase[];
  at: number;
}

/** A cadre's 下访 of one month (`down_visits`, _id from the cadre and the month). */
interface VisitMonthDoc {
  _id: string;
  cadreId: string;
  month: string;
  visits: VisitEntry[];
  version: number;
  createdAt: number;
  updatedAt: number;
  events: { seq: number; type: 'log'; at: number; actorId: string; note: string }[];
}

const monthDocId = (openid: string, month: string): string => `dv-${leaderKey(openid)}-${month}`;
const visitView = (v: VisitEntry): DownVisitView => ({
  id: v.clientId,
  date: v.date,
  place: v.place,
  notes: v.notes,
  cases: v.cases,
  at: v.at,
});
const readRules = (): Promise<VisitRuleDoc[]> => findMany<VisitRuleDoc>('visit_rules', {}, { limit: 20 });
const periodsOf = (month: string): Promise<SensitivePeriod[]> =>
  findMany<SensitivePeriod>('meet_periods', { to: _.gte(`${month}-01`), from: _.lte(`${month}-31`) }, { limit: 100 });

function due(
  dir: Directory,
  rule: VisitRuleDoc | null,
  month: string,
  now: number,
  visits: readonly VisitEntry[],
  periods: SensitivePeriod[],
): VisitDue {
  return dueOf(
    rule,
    month,
    todayOf(now),
    visits.map((v) => v.date),
    dir.calendar.isWorkingDay,
    periods,
  );
}

/** The caller's open 包案 cases, as a 下访 may take them along. */
async function openCases(caller: Caller): Promise<VisitCase[]> {
  const cases = await findMany<CaseDoc>(
    'meet_cases',
    { leaderId: caller.openid, status: 'open' },
    { orderBy: [['createdAt', 'desc']], limit: 20, fields: { events: false, duties: false } },
  );
  const reqs = cases.length
    ? await findMany<{ _id: string; title: string }>(
        'requests',
        { _id: _.in(cases.map((c) => c.requestId)) },
        { limit: cases.length, fields: { title: true } },
      )
    : [];
  const title = new Map(reqs.map((r) => [r._id, r.title]));
  return cases.map((c) => ({ id: c._id, no: c.requestNo, title: title.get(c.requestId) ?? '' }));
}

type VisitActionName = 'logVisit' | 'myVisits' | 'missedVisits';

export const visitActions: Pick<Actions<'meet'>, VisitActionName> = {
  logVisit: {
    input: z.strictObject({
      clientId: clientIdSchema,
      date: dateSchema,
      place: text(LEAD_TEXT.visitPlace),
      notes: text(LEAD_TEXT.visitNotes),
      caseIds: z.array(idSchema).max(VISIT_CASES_MAX, `每次下访最多带${VISIT_CASES_MAX}件案件`).optional(),
    }),
    roles: ['cadre'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      if (!caller.level || !VISITORS.includes(caller.level)) throw new AppError('FORBIDDEN', '只有领导干部和包村（居）干部记录下访');
      const today = todayOf(now);
      if (input.date > today) throw new AppError('INVALID_INPUT', '下访日期不能晚于今天');
      if (input.date < `${Number(today.slice(0, 4)) - 1}-01-01`) throw new AppError('INVALID_INPUT', '只能补记去年以来的下访');
      const month = input.date.slice(0, 7);
      const id = monthDocId(caller.openid, month);
      const held = await getById<VisitMonthDoc>('down_visits', id);
      // A retry of the same visit (a lost reply) is answered with it.
      const again = held?.visits.find((v) => v.clientId === input.clientId);
      if (again) return { ...visitView(again), duplicate: true };
      if ((held?.visits.length ?? 0) >= MONTH_MAX) throw new AppError('INVALID_INPUT', '这个月的下访记录已满');
      // 带案下访: only the caller's own open key cases.
      const ids = [...new Set(input.caseIds ?? [])];
      const mine = ids.length ? await openCases(caller) : [];
      const cases = ids.map((c) => mine.find((m) => m.id === c));
      if (cases.some((c) => !c)) throw new AppError('INVALID_INPUT', '所带案件应是您本人包案中的案件');
      await checkText(caller.openid, input.place, input.notes);
      const entry: VisitEntry = {
        clientId: input.clientId,
        date: input.date,
        place: input.place,
        notes: input.notes,
        cases: cases as VisitCase[],
        at: now,
      };
      const event = { seq: (held?.events.length ?? 0) + 1, type: 'log' as const, at: now, actorId: caller.openid, note: input.date };
      if (held) {
        const ok = await casUpdate('down_visits', id, held.version, { visits: _.push([entry]), events: _.push([event]), updatedAt: now });
        if (!ok) throw conflict();
      } else {
        const doc: VisitMonthDoc = {
          _id: id,
          cadreId: caller.openid,
          month,
          visits: [entry],
          version: 0,
          createdAt: now,
          updatedAt: now,
          events: [event],
        };
        // The cadre's first visit of the month logged twice at once: one insert wins, the other is told to retry.
        await insert('down_visits', doc).catch(() => {
          throw conflict();
        });
      }
      return { ...visitView(entry), duplicate: false };
    },
  },
  myVisits: {
    input: z.strictObject({ month: monthSchema }),
    roles: ['cadre'],
    run: async ({ caller, dir, now }, { month }): Promise<MyVisits> => {
      const [rules, periods, held, cases] = await Promise.all([
        readRules(),
        periodsOf(month),
        getById<VisitMonthDoc>('down_visits', monthDocId(caller.openid, month)),
        openCases(caller),
      ]);
      const visits = [...(held?.visits ?? [])].sort((a, b) => b.date.localeCompare(a.date) || b.at - a.at);
      return { month, due: due(dir, ruleOfLevel(rules, caller.level), month, now, visits, periods), visits: visits.map(visitView), cases };
    },
  },
  missedVisits: {
    input: z.strictObject({ month: monthSchema }),
    roles: ['admin'],
    run: async ({ dir, now }, { month }) => {
      const [rules, periods, months] = await Promise.all([
        readRules(),
        periodsOf(month),
        findAll<VisitMonthDoc>('down_visits', { month }, { cadreId: true, visits: true }),
      ]);
      const levels = [...new Set(rules.flatMap((r) => r.levels))];
      const people = levels.length
        ? await findAll<UserDoc>('users', { level: _.in(levels), roles: 'cadre' }, { _id: true, name: true, unitName: true, level: true })
        : [];
      const byCadre = new Map(months.map((m) => [m.cadreId, m.visits]));
      const rows: MissedVisit[] = people.flatMap((p) => {
        const d = due(dir, ruleOfLevel(rules, p.level), month, now, byCadre.get(p._id) ?? [], periods);
        return d.missed.length || d.short
          ? [{ key: leaderKey(p._id), name: p.name ?? '干部', unitName: p.unitName ?? '县领导', level: p.level!, due: d }]
          : [];
      });
      rows.sort((a, b) => b.due.missed.length + b.due.short - (a.due.missed.length + a.due.short) || a.name.localeCompare(b.name, 'zh'));
      return { month, people: rows.slice(0, MISSED_MAX), total: rows.length };
    },
  },
};
