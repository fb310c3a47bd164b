/**
 * The county's directory as one value: settings, deadline policies, the routing catalogue,
 * places, units and the calendar with the county's own days. Handlers get it in their
 * context (loaded by directoryCache.ts); this module holds its shapes and the lookups in it.
 */
import type { MessagePurpose, TemplateKind } from '../typings';
import type { Calendar } from './domain/calendar';
import type { PolicyDoc, RoutingRuleDoc } from './domain/rules';
import { AppError } from './errors';

export interface RegionDoc {
  _id: string;
  name: string;
  kind: 'town' | 'street' | 'village' | 'community';
  parentId: string | null;
}

export interface UnitDoc {
  _id: string;
  name: string;
  kind: string;
  /** The unit a complaint about this one goes to (S7.2 监督电话); absent: the county's supervision office. */
  supervisorId?: string | null;
}

/** One subscription-message template the county chose in its console: what it is for and its kind. */
export interface TemplateSetting {
  id: string;
  purpose: MessagePurpose;
  /** long: 长期订阅 (one grant, many messages); once: 一次性订阅 (one grant, one message). */
  kind: TemplateKind;
}

/** County settings (one document each in `settings`). */
export interface SubscribeSettings {
  _id: 'subscribe';
  /** One-time template ids of the county's subscription messages: progress (状态变化), deadline (到期提醒/催办). */
  progress: string | null;
  deadline: string | null;
  /** Every template with its kind (long-term ones where the county has them); the ids above join it as one-time. */
  templates?: TemplateSetting[];
}

/** The county's supervision office: takes complaints about a unit that names no supervisor of its own. */
export interface SupervisionSettings {
  _id: 'supervision';
  unitId: string | null;
}

/** Per-caller limits (issue: abuse): how many actions of each kind one person may make in an hour. */
export interface LimitSettings {
  _id: 'limits';
  /** Submissions (诉求). */
  submit: { perHour: number };
  /** Every other action that takes typed text. */
  text: { perHour: number };
}

/** When a county has not set its limits: generous for a person, low for a script. */
export const DEFAULT_LIMITS: LimitSettings = { _id: 'limits', submit: { perHour: 10 }, text: { perHour: 60 } };

export interface Directory {
  subscribe: SubscribeSettings;
  supervision: SupervisionSettings;
  limits: LimitSettings;
  policies: PolicyDoc[];
  routing: RoutingRuleDoc[];
  regions: Map<string, RegionDoc>;
  /** Every unit by id: the one way units are read. */
  units: Map<string, UnitDoc>;
  /** Working days with the county's own calendar days over the package's schedule. */
  calendar: Calendar;
}

/** A unit someone chose (transfer, dispatch, invite, registration). */
export function chosenUnit(dir: Directory, unitId: string): UnitDoc {
  const unit = dir.units.get(unitId);
  if (!unit) throw new AppError('INVALID_INPUT', '所选单位不存在');
  return unit;
}

/** Where a complaint about `unitId` goes: its own supervisor, else the county's supervision office, else the dispatcher. */
export function supervisorOf(dir: Directory, unitId: string): UnitDoc | null {
  const own = dir.units.get(unitId)?.supervisorId;
  const sup = dir.units.get(own ?? dir.supervision.unitId ?? '');
  return sup && sup._id !== unitId ? sup : null;
}
