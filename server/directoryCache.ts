/**
 * Reads the county's directory (see directory.ts) whole and keeps it for a short while in the
 * function instance: it changes rarely, and every request needs it. An admin's edit takes effect
 * within RULES_TTL_MS.
 */
import { findAll } from './db';
import { countyCalendar, type CalendarDay } from './domain/calendar';
import type { PolicyDoc, RoutingRuleDoc } from './domain/rules';
import {
  DEFAULT_LIMITS,
  type Directory,
  type LimitSettings,
  type RegionDoc,
  type SubscribeSettings,
  type SupervisionSettings,
  type UnitDoc,
} from './directory';

const RULES_TTL_MS = Number(process.env.LIANXIN_RULES_TTL_MS ?? 60_000);

function cached<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  let at = 0;
  return () => {
    const now = Date.now();
    if (!value || now - at > RULES_TTL_MS) {
      at = now;
      value = load().catch((e: unknown) => {
        value = null; // a failed read is not remembered
        throw e;
      });
    }
    return value;
  };
}

export const loadDirectory = cached(async (): Promise<Directory> => {
  const [settings, policies, routing, regions, units, days] = await Promise.all([
    findAll<SubscribeSettings | SupervisionSettings | LimitSettings>('settings'),
    findAll<PolicyDoc>('deadline_policies'),
    findAll<RoutingRuleDoc>('routing_rules'),
    findAll<RegionDoc>('regions'),
    findAll<UnitDoc>('units'),
    findAll<CalendarDay>('calendar_days'),
  ]);
  const setting = <K extends string>(id: K) =>
    settings.find((x) => x._id === id) as Extract<(typeof settings)[number], { _id: K }> | undefined;
  const subscribe = setting('subscribe') ?? { _id: 'subscribe', progress: null, deadline: null };
  const supervision = setting('supervision') ?? { _id: 'supervision', unitId: null };
  const limits = setting('limits') ?? DEFAULT_LIMITS;
  return {
    subscribe,
    supervision,
    limits,
    policies,
    routing,
    regions: new Map(regions.map((r) => [r._id, r])),
    units: new Map(units.map((u) => [u._id, u])),
    calendar: countyCalendar(days),
  };
});
