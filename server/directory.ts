/**
 * The county's rule and directory documents (deadline policies, the routing catalogue, places,
 * units, cards, the county's own calendar days), read whole and kept for a short while in the function instance: they change rarely,
 * and every request needs them. An admin's edit takes effect within RULES_TTL_MS.
 */
import { findMany, _, type Collection } from './db';
import type { PolicyDoc, RoutingRuleDoc } from './domain/rules';
import { useCalendarDays, type CalendarDay } from './domain/calendar';
import type { CardDoc, RegionDoc, UnitDoc } from './county';

export const RULES_TTL_MS = Number(process.env.LIANXIN_RULES_TTL_MS ?? 60_000);
const PAGE = 100;

/** Every document of a small collection, page by page (a server-side get returns at most 100). */
async function readAll<T extends { _id: string }>(coll: Collection): Promise<T[]> {
  const all: T[] = [];
  let last = '';
  for (;;) {
    const page = await findMany<T>(coll, last ? { _id: _.gt(last) } : {}, { orderBy: [['_id', 'asc']], limit: PAGE });
    all.push(...page);
    if (page.length < PAGE) return all;
    last = page[page.length - 1]!._id;
  }
}

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

/** County settings (one document each in `settings`). */
export interface SubscribeSettings {
  _id: 'subscribe';
  /** Template ids of the county's subscription messages: progress (状态变化), deadline (到期提醒/催办). */
  progress: string | null;
  deadline: string | null;
}

export interface Directory {
  subscribe: SubscribeSettings;
  policies: PolicyDoc[];
  routing: RoutingRuleDoc[];
  regions: Map<string, RegionDoc>;
  units: Map<string, UnitDoc>;
  /** Active 连心卡 by scene key. */
  cards: Map<string, CardDoc>;
}

export const loadDirectory = cached(async (): Promise<Directory> => {
  const [settings, policies, routing, regions, units, cards, days] = await Promise.all([
    readAll<SubscribeSettings>('settings'),
    readAll<PolicyDoc>('deadline_policies'),
    readAll<RoutingRuleDoc>('routing_rules'),
    readAll<RegionDoc>('regions'),
    readAll<UnitDoc>('units'),
    readAll<CardDoc>('cards'),
    readAll<CalendarDay>('calendar_days'),
  ]);
  useCalendarDays(days);
  const subscribe = settings.find((x) => x._id === 'subscribe') ?? { _id: 'subscribe', progress: null, deadline: null };
  return { subscribe, policies, routing, regions: new Map(regions.map((r) => [r._id, r])), units: new Map(units.map((u) => [u._id, u])),
    cards: new Map(cards.filter((c) => c.active).map((c) => [c.scene, c])),
  };
});
