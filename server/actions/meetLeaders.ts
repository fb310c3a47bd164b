/**
 * The `meet` function's actions of leaders in the petition work (S4.5 包案): the 信访局 gives a key
 * case to a county leader, the leader or their office ticks the five duties with notes, the 信访局
 * closes it when the case is settled (案结事了). Joined into the meet function's table.
 */
import { z } from 'zod';
import type { CasesPage, CaseView } from '../../typings';
import { CASE_DUTIES, CASE_DUTY_LABELS, LEAD_TEXT } from '../../miniprogram/shared/leaders';
import { COUNTY_SCOPE } from '../../miniprogram/shared/meet';
import type { Caller, UserDoc } from '../caller';
import { caseEvent, caseView, freshDuties, requestsOf, visibleCase, type CaseDoc } from '../cases';
import { checkText } from '../content';
import { _, casUpdate, decodeCursor, findMany, findPage, getById, insert, type Where } from '../db';
import { AppError, conflict } from '../errors';
import { leaderKey, leadersOf } from '../meet';
import type { RequestDoc } from '../requests';
import type { Actions } from '../serve';
import { cursorSchema, idSchema, text } from '../schemas';

const versionSchema = z.number().int().min(0).max(1_000_000);
const leaderKeySchema = z.string().regex(/^[0-9a-f]{16}$/, '请选择包案领导');
const requestNoSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{6,32}$/, '请填写正确的诉求编号');
const CASES_PAGE = 20;

/** The cases a caller's lists hold: the county's (admin), their own (a leader), their unit's leaders' (their office). */
function casesWhere(caller: Caller, status: 'open' | 'closed'): Where {
  const parts: Where[] = [{ status }];
  if (!caller.roles.includes('admin'))
    parts.push(
      caller.roles.includes('cadre') && caller.unitId !== null
        ? _.or([{ leaderId: caller.openid }, { leaderUnitId: caller.unitId }])
        : { leaderId: caller.openid },
    );
  // Never a case about a complaint against the caller's own unit (as with the request itself).
  if (caller.unitId !== null) parts.push({ subjectUnitId: _.neq(caller.unitId) });
  return _.and(parts);
}

async function viewOne(caller: Caller, c: CaseDoc, now: number): Promise<CaseView> {
  const req = (await requestsOf([c])).get(c.requestId);
  if (!req) throw new AppError('NOT_FOUND', '没有找到这个包案的诉求');
  return caseView(c, req, caller, now);
}

/** A change of one case, compare-and-set with its event. */
async function moveCase(c: CaseDoc, set: Partial<CaseDoc>, event: CaseDoc['events'][number], now: number): Promise<CaseDoc> {
  if (!(await casUpdate('meet_cases', c._id, c.version, { ...set, updatedAt: now, events: _.push([event]) }))) throw conflict();
  return { ...c, ...set, version: c.version + 1, updatedAt: now, events: [...c.events, event] };
}

type LeaderActionName = 'cases' | 'caseDetail' | 'assignCase' | 'tickDuty' | 'closeCase';

export const leaderActions: Pick<Actions<'meet'>, LeaderActionName> = {
  cases: {
    input: z.strictObject({ box: z.enum(['open', 'closed'], { message: '请选择包案列表' }), cursor: cursorSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, { box, cursor }): Promise<CasesPage> => {
      const page = await findPage<CaseDoc>('meet_cases', casesWhere(caller, box), decodeCursor(cursor), CASES_PAGE);
      const [requests, leaders] = await Promise.all([
        requestsOf(page.items),
        caller.roles.includes('admin') ? leadersOf(COUNTY_SCOPE) : Promise.resolve([]),
      ]);
      return {
        items: page.items.flatMap((c) => {
          const req = requests.get(c.requestId);
          return req ? [caseView(c, req, caller, now)] : [];
        }),
        cursor: page.cursor,
        leaders: leaders.map((l) => ({ key: leaderKey(l._id), name: l.name ?? '领导' })),
      };
    },
  },
  caseDetail: {
    input: z.strictObject({ caseId: idSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, { caseId }) => viewOne(caller, await visibleCase(caller, caseId), now),
  },
  assignCase: {
    input: z.strictObject({ requestNo: requestNoSchema, leaderKey: leaderKeySchema, note: text(LEAD_TEXT.caseNote).optional() }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      const [req] = await findMany<RequestDoc>('requests', { no: input.requestNo }, { limit: 1, fields: { events: false } });
      // The unit complained about never learns of the request, nor of its case.
      if (!req || (req.subjectUnitId !== null && req.subjectUnitId === caller.unitId))
        throw new AppError('INVALID_INPUT', `没有找到编号为${input.requestNo}的诉求`);
      if (req.status === 'withdrawn' || req.mergedInto) throw new AppError('CONFLICT', '这件诉求已撤回或已并入其他诉求，不能包案');
      const leader = (await leadersOf(COUNTY_SCOPE)).find((l) => leaderKey(l._id) === input.leaderKey);
      if (!leader) throw new AppError('INVALID_INPUT', '包案领导应是县级领导');
      if (input.note) await checkText(caller.openid, input.note);
      const user = await getById<UserDoc>('users', leader._id);
      const id = `case-${req._id}`.slice(0, 64);
      const held = await getById<CaseDoc>('meet_cases', id);
      if (held) {
        // The same assignment again (a lost reply) is answered with the case; another leader is not.
        if (held.leaderId === leader._id && held.status === 'open') return viewOne(caller, held, now);
        throw new AppError('CONFLICT', held.status === 'open' ? `这件诉求已由${held.leaderName}包案` : '这件诉求的包案已案结事了');
      }
      const doc: CaseDoc = {
        _id: id,
        requestId: req._id,
        requestNo: req.no,
        subjectUnitId: req.subjectUnitId,
        leaderId: leader._id,
        leaderName: leader.name ?? '领导',
        leaderUnitId: user?.unitId ?? null,
        note: input.note ?? null,
        duties: freshDuties(),
        status: 'open',
        closeNote: null,
        closedAt: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [caseEvent({ events: [] }, 'assign', caller.openid, now, `${leader.name ?? '领导'}包案`)],
      };
      // Two admins giving the same request at once: one insert wins, the other hears CONFLICT.
      await insert('meet_cases', doc).catch(() => {
        throw conflict();
      });
      return viewOne(caller, doc, now);
    },
  },
  tickDuty: {
    input: z.strictObject({
      caseId: idSchema,
      version: versionSchema,
      duty: z.enum(CASE_DUTIES, { message: '请选择五包中的一项' }),
      done: z.boolean({ message: '请选择是否已落实' }),
      note: text(LEAD_TEXT.dutyNote),
    }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      const c = await visibleCase(caller, input.caseId);
      if (c.version !== input.version) throw conflict();
      if (c.status !== 'open') throw new AppError('CONFLICT', '这个包案已案结事了');
      await checkText(caller.openid, input.note);
      const label = CASE_DUTY_LABELS[input.duty];
      const was = c.duties.find((d) => d.key === input.duty)!;
      const entry = {
        at: now,
        by: caller.name ?? (caller.roles.includes('admin') ? '信访局' : '干部'),
        text: input.note,
        done: input.done,
      };
      const duties = c.duties.map((d) => (d.key === input.duty ? { ...d, done: input.done, notes: [...d.notes, entry] } : d));
      const type = input.done === was.done ? 'note' : input.done ? 'tick' : 'reopen';
      return viewOne(caller, await moveCase(c, { duties }, caseEvent(c, type, caller.openid, now, `${label}：${input.note}`), now), now);
    },
  },
  closeCase: {
    input: z.strictObject({ caseId: idSchema, version: versionSchema, note: text(LEAD_TEXT.closeNote) }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      const c = await visibleCase(caller, input.caseId);
      if (c.version !== input.version) throw conflict();
      if (c.status !== 'open') throw new AppError('CONFLICT', '这个包案已案结事了');
      const open = c.duties.filter((d) => !d.done).map((d) => CASE_DUTY_LABELS[d.key]);
      if (open.length) throw new AppError('CONFLICT', `还有${open.join('、')}没有落实，不能案结事了`);
      await checkText(caller.openid, input.note);
      const set = { status: 'closed' as const, closeNote: input.note, closedAt: now };
      return viewOne(caller, await moveCase(c, set, caseEvent(c, 'close', caller.openid, now, input.note), now), now);
    },
  },
};
