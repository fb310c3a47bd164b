/**
 * 连心卡 (S7): a unit's card and every cadre's own. A card is read by its code's scene key straight
 * from the database, never from the cached directory, so an edit shows on the printed code at once
 * (S7.3 随时更新) and a county's thousands of cadre cards are not loaded with every call. Edits and
 * revocation are compare-and-sets with an audit event; phones in the audit trail are masked.
 */
import type { CardEdit, CardEntry, CardView } from '../typings';
import { CARD_FIELDS, cardFields, type CardFieldKey, type CardKind } from '../miniprogram/shared/cards';
import type { Caller, UserDoc } from './caller';
import { _, db, findAll, findMany, getById, insert } from './db';
import { supervisorOf, type Directory } from './directory';
import { maskPhone } from './domain/privacy';
import { cadreCardKeys } from './domain/cardKeys';
import { AppError, conflict } from './errors';

type CardEventType = 'issue' | 'edit' | 'revoke' | 'handOut';

/** One audit event of a card: who, when, what changed (phones masked: the trail is not a phone book). */
interface CardEvent {
  type: CardEventType;
  at: number;
  actorId: string;
  changes: Partial<Record<CardFieldKey, { from: string; to: string }>>;
  note: string | null;
}

/** A 连心卡 as stored. Cards made before per-cadre cards carry no kind (a unit's) and no version (0). */
export interface CardDoc {
  _id: string;
  kind?: CardKind;
  /** The cadre whose card it is (openid); a unit's card has none. */
  cadreId?: string;
  scene: string;
  unitId: string | null;
  unitName: string;
  name?: string | null;
  post?: string | null;
  scope: string;
  duties: string;
  responsible: string;
  phone: string;
  supervisionPhone: string;
  active: boolean;
  revokeReason?: string | null;
  handedOut?: number;
  version?: number;
  createdAt?: number;
  updatedAt: number;
  events?: CardEvent[];
}

/** The page a card's 小程序码 opens, with the card's scene key. */
export const CARD_PAGE = 'packages/request/card/index';

export const kindOf = (c: CardDoc): CardKind => c.kind ?? 'unit';
const WITHOUT_EVENTS: Record<string, boolean> = { events: false };
const NOT_FOUND = '这张连心卡已失效或不存在，请联系发卡单位';

/** The card behind a scanned code's scene key, in use or not. */
async function cardAt(scene: string): Promise<CardDoc | null> {
  const [card] = await findMany<CardDoc>('cards', { scene }, { limit: 1, fields: WITHOUT_EVENTS });
  return card ?? null;
}

/** The card in use behind a scene key (a request through a card, a card's receptions). */
export async function activeCard(scene: string): Promise<CardDoc> {
  const card = await cardAt(scene);
  if (!card?.active) throw new AppError('NOT_FOUND', NOT_FOUND);
  return card;
}

/**
 * A card as residents read it. Out of use, it leads to its unit: the unit's own card (`unitScene`)
 * and the unit's phone; a cadre's name, post and phone are no longer handed out.
 */
export function cardView(dir: Directory, c: CardDoc, unitCard: CardDoc | null = null): CardView {
  const kind = kindOf(c);
  const person = kind === 'cadre' && c.active;
  const lead = c.active ? null : unitCard;
  return {
    id: c._id,
    kind,
    active: c.active,
    scene: c.scene,
    unitId: c.unitId,
    unitName: c.unitName,
    name: person ? (c.name ?? null) : null,
    post: person ? (c.post ?? null) : null,
    scope: c.scope,
    duties: c.duties,
    responsible: kind === 'cadre' ? (person ? `${c.name ?? ''}（${c.post ?? ''}）` : '') : c.responsible,
    phone: c.active ? c.phone : (lead?.phone ?? (kind === 'unit' ? c.phone : '')),
    supervisionPhone: c.active ? c.supervisionPhone : (lead?.supervisionPhone ?? c.supervisionPhone),
    supervisorName: c.unitId ? (supervisorOf(dir, c.unitId)?.name ?? null) : null,
    unitScene: lead?.scene ?? null,
    version: c.version ?? 0,
    updatedAt: c.updatedAt,
  };
}

/** A unit's cards in use, its own and its cadres' (one indexed read; a unit has dozens at most). */
export async function cardsInUse(unitId: string): Promise<CardDoc[]> {
  const cards = await findMany<CardDoc>('cards', { unitId, active: true }, { limit: 100, fields: WITHOUT_EVENTS });
  return cards.sort((a, b) => (a._id < b._id ? -1 : 1));
}

/** The unit's own card in use (the first by id), or none. */
async function unitCardOf(unitId: string | null): Promise<CardDoc | null> {
  if (!unitId) return null;
  return (await cardsInUse(unitId)).find((c) => kindOf(c) === 'unit') ?? null;
}

/** What a scanned code shows: the card, and for one out of use, the unit it leads to. */
export async function scannedCard(dir: Directory, scene: string): Promise<CardView> {
  const card = await cardAt(scene);
  if (!card) throw new AppError('NOT_FOUND', NOT_FOUND);
  return cardView(dir, card, card.active ? null : await unitCardOf(card.unitId));
}

const isAdmin = (caller: Caller): boolean => caller.roles.includes('admin');
type Permission = (caller: Caller, c: CardDoc) => boolean;
/** Who changes a card: the admin, and a cadre their own. */
const mayEdit: Permission = (caller, c) =>
  isAdmin(caller) || (kindOf(c) === 'cadre' && c.cadreId === caller.openid && caller.roles.includes('cadre'));
/** Who prints and hands out a card: those who change it, and the cadres of its unit. */
export const mayPrint: Permission = (caller, c) =>
  mayEdit(caller, c) || (caller.roles.includes('cadre') && caller.unitId !== null && c.unitId === caller.unitId);

export function cardEntry(dir: Directory, caller: Caller, c: CardDoc): CardEntry {
  return {
    ...cardView(dir, { ...c, active: true }),
    active: c.active,
    canEdit: c.active && mayEdit(caller, c),
    revokeReason: c.revokeReason ?? null,
    handedOut: c.handedOut ?? 0,
  };
}

// ---------------------------------------------------------------- a cadre's own card (S7.1)

/** The card a cadre starts with: their name, unit and level, the unit card's scope and phones (they edit the rest). */
function firstCard(user: Pick<UserDoc, '_id' | 'name' | 'unitId' | 'unitName' | 'level'>, unitCard: CardDoc | null, now: number): CardDoc {
  const keys = cadreCardKeys(user._id);
  return {
    ...keys,
    kind: 'cadre',
    cadreId: user._id,
    unitId: user.unitId,
    unitName: user.unitName ?? user.level ?? '县领导',
    name: user.name ?? '',
    post: user.level ?? '干部',
    scope: unitCard?.scope ?? (user.unitName ? `${user.unitName}职责范围内的群众诉求` : '群众诉求'),
    duties: '受理群众诉求，首问负责，及时答复办理',
    responsible: '',
    phone: unitCard?.phone ?? '',
    supervisionPhone: unitCard?.supervisionPhone ?? '',
    active: true,
    revokeReason: null,
    handedOut: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
    events: [{ type: 'issue', at: now, actorId: user._id, changes: {}, note: null }],
  };
}

/** The caller's own card, issued the first time (every cadre has one, S7.1). */
export async function ownCard(caller: Caller, now: number): Promise<CardDoc> {
  const keys = cadreCardKeys(caller.openid);
  const found = await getById<CardDoc>('cards', keys._id);
  if (found) return found;
  const unitCard = await unitCardOf(caller.unitId);
  const card = firstCard(
    { _id: caller.openid, name: caller.name, unitId: caller.unitId, unitName: caller.unitName, level: caller.level },
    unitCard,
    now,
  );
  try {
    await insert('cards', card);
    return card;
  } catch (e) {
    // Two first looks at once: the other one issued it.
    const winner = await getById<CardDoc>('cards', keys._id);
    if (winner) return winner;
    throw e;
  }
}

/** Issues the cards the unit's cadres do not have yet (an admin's list and print of a unit): one insert each. */
async function issueUnitCards(unitId: string, existing: readonly CardDoc[], now: number): Promise<CardDoc[]> {
  const users = await findAll<UserDoc>(
    'users',
    { unitId },
    { _id: true, roles: true, name: true, unitId: true, unitName: true, level: true },
  );
  const have = new Set(existing.map((c) => c.cadreId).filter(Boolean));
  const unitCard = existing.find((c) => kindOf(c) === 'unit' && c.active) ?? null;
  const made: CardDoc[] = [];
  for (const u of users) {
    if (!u.roles.includes('cadre') || have.has(u._id)) continue;
    const card = firstCard(u, unitCard, now);
    try {
      await insert('cards', card);
      made.push(card);
    } catch {
      const winner = await getById<CardDoc>('cards', card._id);
      if (!winner) throw new AppError('INTERNAL');
      made.push(winner);
    }
  }
  return made;
}

/** Every card of a unit (its own and its cadres'), issuing the cadres' missing ones: those in use first, then by id. */
export async function unitCards(unitId: string, now: number): Promise<CardDoc[]> {
  const cards = await findAll<CardDoc>('cards', { unitId }, WITHOUT_EVENTS);
  const all = [...cards, ...(await issueUnitCards(unitId, cards, now))];
  return all.sort(
    (a, b) => Number(b.active) - Number(a.active) || (kindOf(a) === kindOf(b) ? (a._id < b._id ? -1 : 1) : kindOf(a) === 'unit' ? -1 : 1),
  );
}

// ---------------------------------------------------------------- changing a card

/** The card an editor names: its owner cadre or an admin; anyone else hears it does not exist (no probing). */
export async function editableCard(caller: Caller, cardId: string, may: Permission = mayEdit): Promise<CardDoc> {
  const card = await getById<CardDoc>('cards', cardId);
  if (!card || !may(caller, card)) throw new AppError('NOT_FOUND', '没有找到这张连心卡，或者您无权修改');
  return card;
}

const shown = (f: { phone?: true }, v: string): string => (f.phone ? maskPhone(v) : v);

/**
 * One change of a card: a compare-and-set on its version (cards from before versions are at 0) that
 * appends its audit event in the same write. A stale version is CONFLICT and changes nothing.
 */
async function moveCard(card: CardDoc, version: number, set: Partial<CardDoc>, event: CardEvent): Promise<CardDoc> {
  const current = card.version ?? 0;
  if (current !== version) throw conflict();
  const where = current === 0 ? { _id: card._id, version: _.exists(false) } : { _id: card._id, version: current };
  const res = (await db
    .collection('cards')
    .where(where)
    .update({ data: { ...set, version: current + 1, events: _.push([event]) } })) as { stats?: { updated?: number } };
  if (res?.stats?.updated !== 1) throw conflict();
  return { ...card, ...set, version: current + 1, events: [...(card.events ?? []), event] };
}

/** An editor's change: only the fields of the card's kind; a card out of use is not edited. */
export async function editCard(card: CardDoc, version: number, fields: CardEdit, actorId: string, now: number): Promise<CardDoc> {
  if (!card.active) throw new AppError('CONFLICT', '这张连心卡已停用，不能再修改');
  const allowed = cardFields(kindOf(card));
  const stray = Object.keys(fields).find((k) => !allowed.some((f) => f.key === k));
  if (stray) {
    const label = CARD_FIELDS.find((f) => f.key === stray)?.label ?? stray;
    throw new AppError('INVALID_INPUT', `这张连心卡没有“${label}”一项`);
  }
  const set: Partial<CardDoc> = {};
  const changes: CardEvent['changes'] = {};
  for (const f of allowed) {
    const to = fields[f.key];
    const from = (card[f.key] ?? '') as string;
    if (to === undefined || to === from) continue;
    set[f.key] = to;
    changes[f.key] = { from: shown(f, from), to: shown(f, to) };
  }
  if (Object.keys(changes).length === 0) throw new AppError('INVALID_INPUT', '没有修改任何内容');
  return moveCard(card, version, { ...set, updatedAt: now }, { type: 'edit', at: now, actorId, changes, note: null });
}

/** An admin takes a card out of use, with the reason; its code then leads to the unit. */
export async function revokeCard(card: CardDoc, version: number, reason: string, actorId: string, now: number): Promise<CardDoc> {
  if (!card.active) throw new AppError('CONFLICT', '这张连心卡已经停用');
  return moveCard(
    card,
    version,
    { active: false, revokeReason: reason, updatedAt: now },
    { type: 'revoke', at: now, actorId, changes: {}, note: reason },
  );
}

/**
 * 发放 (S7.3: to every service recipient): copies handed out, to whom (a place, an event), added to the
 * card's count with an audit event, by compare-and-set; a retry (the same clientId) counts nothing twice.
 */
export async function handOut(
  card: CardDoc,
  input: { version: number; clientId: string; copies: number; to: string },
  actorId: string,
  now: number,
): Promise<CardDoc> {
  const note = `${input.clientId} ${input.copies}张：${input.to}`;
  if ((card.events ?? []).some((e) => e.type === 'handOut' && e.note === note && e.actorId === actorId)) return card;
  if (!card.active) throw new AppError('CONFLICT', '这张连心卡已停用，不能再发放');
  return moveCard(
    card,
    input.version,
    { handedOut: (card.handedOut ?? 0) + input.copies },
    { type: 'handOut', at: now, actorId, changes: {}, note },
  );
}
