/** Choosing among the county's rule documents (policies, routing); the documents live in the database. */
import type { RequestCategory, Urgency } from '../../typings';
import type { Limit } from './calendar';

export interface PolicyDoc {
  _id: string;
  /** `${category}/${urgency}`, category may be `*`. */
  key: string;
  label: string;
  /** Time to sign for it (签收). */
  accept: Limit;
  /** Time to answer it (答复/办结). */
  finish: Limit;
}

export const policyKeys = (category: RequestCategory, urgency: Urgency): string[] => [`${category}/${urgency}`, `*/${urgency}`];

/** The most specific policy: exact category first, then the county default for the urgency. */
export function choosePolicy(docs: readonly PolicyDoc[], category: RequestCategory, urgency: Urgency): PolicyDoc | null {
  for (const key of policyKeys(category, urgency)) {
    const hit = docs.find((d) => d.key === key);
    if (hit) return hit;
  }
  return null;
}

export interface RoutingRuleDoc {
  _id: string;
  category: RequestCategory | '*';
  /** A village, a town, or `*` for the whole county. */
  regionId: string;
  unitId: string;
}

/**
 * 派单目录: the most specific rule wins — the village before its town before the county, and an
 * exact category before `*`. `regionChain` is the place and its ancestors, nearest first.
 */
export function route(rules: readonly RoutingRuleDoc[], category: RequestCategory, regionChain: readonly string[]): RoutingRuleDoc | null {
  const places = [...regionChain, '*'];
  for (const place of places) {
    for (const cat of [category, '*'] as const) {
      const hit = rules.find((r) => r.regionId === place && r.category === cat);
      if (hit) return hit;
    }
  }
  return null;
}
