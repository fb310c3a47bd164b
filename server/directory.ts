/**
 * The county's directory as one value: settings, deadline policies, the routing catalogue,
 * places, units, 连心卡 (S7) and the calendar with the county's own days. Handlers get it in their
 * context (loaded by directoryCache.ts); this module holds its shapes and the lookups in it.
 */
import type { CardView, MessagePurpose, TemplateKind } from '../typings';
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

/** A 连心卡 (S7.2): what the card shows (its view, keyed by _id), and whether it is in use. */
export interface CardDoc extends Omit<CardView, 'id'> {
  _id: string;
  active: boolean;
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
  /** Active 连心卡 by scene key. */
  cards: Map<string, CardDoc>;
  /** 连心卡 taken out of use, by scene key: a resident who scans one is still told whom to call. */
  retiredCards: Map<string, CardDoc>;
  /** Working days with the county's own calendar days over the package's schedule. */
  calendar: Calendar;
}

/** A card as people read it; the 监督电话 names the unit a complaint about this one goes to. */
export const cardView = (dir: Directory, c: CardDoc): CardView => ({
  id: c._id,
  active: c.active,
  scene: c.scene,
  unitId: c.unitId,
  unitName: c.unitName,
  scope: c.scope,
  duties: c.duties,
  responsible: c.responsible,
  phone: c.phone,
  supervisionPhone: c.supervisionPhone,
  supervisorName: supervisorOf(dir, c.unitId)?.name ?? null,
  updatedAt: c.updatedAt,
});

/** A unit someone chose (transfer, dispatch, invite, registration). */
export function chosenUnit(dir: Directory, unitId: string): UnitDoc {
  const unit = dir.units.get(unitId);
  if (!unit) throw new AppError('INVALID_INPUT', '所选单位不存在');
  return unit;
}

/** The active card behind a scanned code's scene key. */
export function cardByScene(dir: Directory, scene: string): CardDoc {
  const card = dir.cards.get(scene);
  if (!card) throw new AppError('NOT_FOUND', '这张连心卡已失效或不存在，请联系发卡单位');
  return card;
}

/** Where a complaint about `unitId` goes: its own supervisor, else the county's supervision office, else the dispatcher. */
export function supervisorOf(dir: Directory, unitId: string): UnitDoc | null {
  const own = dir.units.get(unitId)?.supervisorId;
  const sup = dir.units.get(own ?? dir.supervision.unitId ?? '');
  return sup && sup._id !== unitId ? sup : null;
}
