/** Choosing among the county's rule documents (deadline policies, routing); the documents live in the database. */
import type { Channel, RequestCategory, Urgency } from '../../typings';
import type { Limit } from './calendar';

/**
 * A deadline policy (REQUIREMENTS.md “Deadlines”): every limit a request of this kind lives by.
 * Stored whole on each request when it comes in, so later edits never move an existing clock.
 */
export interface PolicyDoc {
  _id: string;
  /** `${channel}/${category}/${urgency}`; category may be `*`. */
  key: string;
  label: string;
  /** The dispatcher's time to register and route (信访: 15 days). */
  route: Limit;
  /** Time to sign for it (诉求) or to tell the petitioner whether it is handled (信访: 15 days). */
  accept: Limit;
  /** Time to answer; counted from submission (接诉即办) or from acceptance (信访: 60 days). */
  finish: Limit;
  finishFrom: 'submit' | 'accept';
  /** 退单 window after assignment (信访: 5 working days); absent: until answered. */
  object?: Limit;
  /** The one extension's longest length (信访: 30 days). */
  extension: Limit;
  /** Time to follow up a 差评 (15 working days). */
  followUp: Limit;
  /** 复查/复核 (信访 only): asked within, answered within (30 days each). */
  review?: { ask: Limit; answer: Limit };
  /** Fraction of the time after which the handler is reminded (0.75). */
  remindAt: number;
  /** Overdue working days before a 通报. */
  noticeAfter: number;
}

const policyKeys = (channel: Channel, category: RequestCategory, urgency: Urgency): string[] => [
  `${channel}/${category}/${urgency}`,
  `${channel}/*/${urgency}`,
];

/** The most specific policy: exact category first, then the channel's default for the urgency. */
export function choosePolicy(docs: readonly PolicyDoc[], channel: Channel, category: RequestCategory, urgency: Urgency): PolicyDoc | null {
  for (const key of policyKeys(channel, category, urgency)) {
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
