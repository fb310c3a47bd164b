/**
 * 接访 (S4.2): the documents of reception rosters — the rules per kind of unit, the sensitive
 * periods, a month's roster per scope (the county's leaders, or one unit), and the published days
 * residents read (今日接访 / 本周接访) — and how each is shown. Leaders are named to the admin by a
 * key derived from their openid, never by the openid.
 */
import { createHash } from 'crypto';
import type { ReceptionView, RosterView } from '../typings';
import { COUNTY_LEADER, COUNTY_SCOPE, LEADER_LEVELS, WEEKDAYS, type RosterStatus } from '../miniprogram/shared/meet';
import type { Caller, UserDoc } from './caller';
import { _, findAll, findMany } from './db';
import type { Directory } from './directory';
import { AppError } from './errors';
import { countyTime } from './domain/calendar';
import { ruleOfUnit, type RosterRuleDoc } from './domain/roster';

/** A month's roster of one scope (`meet_rosters`, _id `roster-<scope>-<YYYY-MM>`). */
export interface RosterDoc {
  _id: string;
  scope: string;
  scopeName: string;
  month: string;
  ruleId: string;
  ruleLabel: string;
  place: string;
  hours: string;
  status: RosterStatus;
  days: { date: string; leaderId: string; leaderName: string; sensitive: boolean }[];
  version: number;
  createdAt: number;
  updatedAt: number;
  events: { seq: number; type: 'generate' | 'swap' | 'publish'; at: number; actorId: string; note: string | null }[];
}

/** One published reception day (`meet_days`, _id `<scope>-<date>`): what residents read. */
export interface ReceptionDoc {
  _id: string;
  rosterId: string;
  scope: string;
  scopeName: string;
  county: boolean;
  date: string;
  leaderId: string;
  leaderName: string;
  place: string;
  hours: string;
  sensitive: boolean;
}

export const todayOf = (ms: number): string => countyTime(ms).format('YYYY-MM-DD');
const weekdayName = (date: string): string => WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
export const rosterId = (scope: string, month: string): string => `roster-${scope}-${month}`;

/** A leader as the admin's pages name them: a key that is not their openid. */
export const leaderKey = (openid: string): string => createHash('sha256').update(`leader:${openid}`).digest('hex').slice(0, 16);

/** A leader of the county (any 县四大班子领导) or of a unit (its leader-level cadres). */
export const isLeader = (c: Pick<Caller, 'roles' | 'level'>): boolean =>
  c.roles.includes('cadre') && c.level !== null && LEADER_LEVELS.includes(c.level);

/** Who receives under a scope's roster, in a stable order (rotation continues month to month). */
export async function leadersOf(scope: string): Promise<Pick<UserDoc, '_id' | 'name'>[]> {
  const fields = { _id: true, name: true };
  const people =
    scope === COUNTY_SCOPE
      ? await findAll<UserDoc>('users', { level: COUNTY_LEADER, roles: 'cadre' }, fields)
      : await findAll<UserDoc>('users', { unitId: scope, level: _.in([...LEADER_LEVELS]), roles: 'cadre' }, fields);
  return people.map((p) => ({ _id: p._id, name: p.name ?? '领导' }));
}

/** The rule and display name of a scope: the county's own rule, or the one its unit follows. */
export function scopeOf(dir: Directory, rules: readonly RosterRuleDoc[], scope: string): { name: string; rule: RosterRuleDoc } {
  if (scope === COUNTY_SCOPE) {
    const rule = rules.find((r) => r.scope === 'county');
    if (!rule) throw new AppError('NOT_FOUND', '还没有设置县领导接访规则');
    return { name: '县领导', rule };
  }
  const unit = dir.units.get(scope);
  if (!unit) throw new AppError('INVALID_INPUT', '所选单位不存在');
  const rule = ruleOfUnit(rules, unit);
  if (!rule) throw new AppError('NOT_FOUND', `还没有适用于${unit.name}的接访规则`);
  return { name: unit.name, rule };
}

export const readRules = (): Promise<RosterRuleDoc[]> => findMany<RosterRuleDoc>('meet_rules', {}, { limit: 50 });

export function rosterView(r: RosterDoc, leaders: readonly Pick<UserDoc, '_id' | 'name'>[]): RosterView {
  return {
    id: r._id,
    scope: r.scope,
    scopeName: r.scopeName,
    month: r.month,
    rule: r.ruleLabel,
    place: r.place,
    hours: r.hours,
    status: r.status,
    version: r.version,
    days: r.days.map((d) => ({
      date: d.date,
      weekday: weekdayName(d.date),
      leaderKey: leaderKey(d.leaderId),
      leaderName: d.leaderName,
      sensitive: d.sensitive,
    })),
    leaders: leaders.map((l) => ({ key: leaderKey(l._id), name: l.name ?? '领导' })),
  };
}

export const receptionView = (d: ReceptionDoc): ReceptionView => ({
  date: d.date,
  weekday: weekdayName(d.date),
  unitName: d.scopeName,
  county: d.county,
  leaderName: d.leaderName,
  place: d.place,
  hours: d.hours,
  sensitive: d.sensitive,
});
