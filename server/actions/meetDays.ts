/**
 * 约访 slots opened from a published reception day (S4.4 with S4.2): the days a leader or their
 * office may open slots from — a leader's own days ahead, the 信访局's county leaders' days, a
 * unit's cadres their unit's — and the check `openSlot` makes when a slot names its day: the day
 * exists, the caller acts for its leader, and the slot falls on it. The slot is then the day's
 * leader's, whoever opened it.
 */
import type { SlotDayView } from '../../typings';
import { COUNTY_SCOPE } from '../../miniprogram/shared/meet';
import type { Caller } from '../caller';
import { _, findMany, getById } from '../db';
import { AppError } from '../errors';
import { isLeader, receptionView, todayOf, type ReceptionDoc } from '../meet';
import type { Actions } from '../serve';
import { empty } from '../schemas';

/** Days a desk offers to open slots from: the next two weeks' worth of a daily roster. */
const DAYS_MAX = 14;

/** The day's leader; the 信访局 for a county leader's day; the unit's cadres for their unit's. */
const opensFor = (caller: Caller, d: ReceptionDoc): boolean =>
  caller.openid === d.leaderId || (d.county ? caller.roles.includes('admin') : caller.roles.includes('cadre') && caller.unitId === d.scope);

/** The published day a slot is opened from, checked for the caller and the slot's time. */
export async function slotDay(caller: Caller, dayId: string, startAt: number): Promise<ReceptionDoc> {
  const d = await getById<ReceptionDoc>('meet_days', dayId);
  if (!d || !opensFor(caller, d)) throw new AppError('NOT_FOUND', '没有找到这个接访日，或者您不能为这位领导开放约访');
  if (todayOf(startAt) !== d.date) throw new AppError('INVALID_INPUT', `约访时间应在接访日${d.date}当天`);
  return d;
}

export const dayActions: Pick<Actions<'meet'>, 'slotDays'> = {
  slotDays: {
    input: empty,
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }): Promise<SlotDayView[]> => {
      const from = _.gte(todayOf(now));
      const where = isLeader(caller)
        ? { leaderId: caller.openid, date: from }
        : caller.roles.includes('admin')
          ? { scope: COUNTY_SCOPE, date: from }
          : { scope: caller.unitId ?? '-', date: from };
      const days = await findMany<ReceptionDoc>('meet_days', where, { orderBy: [['date', 'asc']], limit: DAYS_MAX });
      return days.map((d) => ({ id: d._id, ...receptionView(d) }));
    },
  },
};
