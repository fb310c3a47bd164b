/**
 * Who may know what, read from the stored documents at the moment of the scan — the rule book's
 * own words, not the server's code: a request exists for its petitioner (and followers), the party
 * member who made it on the resident's behalf (S6.1 代办, 反馈民意: they are paired and the member typed
 * it), the dispatcher, the leader it was sent to for 阅批 (S4.1: 领导干部亲自阅批群众来信), and the units
 * that have handled it or helped (联合办理) — never for the unit it accuses; a petitioner's
 * identity reaches staff only masked, never when confidential or when the staff member's unit is
 * the one accused, and in full only through a deliberate, permitted reveal.
 */
import { maskName, maskPhone } from '../../server/domain/privacy';
import { PHONE, type Rig } from './harness';

export interface StoredRequest {
  _id: string;
  no: string;
  requesterId: string | null;
  followers?: string[];
  contactName: string | null;
  contactPhone: string | null;
  content: string;
  confidential: boolean;
  mayContact: boolean;
  subjectUnitId: string | null;
  unitId: string | null;
  events: { unitId: string | null; toUnitId?: string; actorId: string }[];
  /** Made by a party member for a paired resident (S6.1): the member is the first event's actor. */
  onBehalf?: { memberName: string };
  /** 阅批 (S4.1): the leader the 信访局 sent the letter to. */
  leaderId?: string | null;
  /** 联合办理: the co-handling units, asked to help with it. */
  coUnitIds?: string[];
}

export interface StoredUser {
  _id: string;
  roles: string[];
  unitId: string | null;
}

export interface World {
  requests: StoredRequest[];
  users: Map<string, StoredUser>;
}

export async function world(rig: Rig): Promise<World> {
  const dump = JSON.parse(await rig.dumpText()) as { collections: { requests?: StoredRequest[]; users?: StoredUser[] } };
  return { requests: dump.collections.requests ?? [], users: new Map((dump.collections.users ?? []).map((u) => [u._id, u])) };
}

const isRequester = (r: StoredRequest, who: string | null): boolean =>
  who !== null && (r.requesterId === who || (r.followers ?? []).includes(who) || (!!r.onBehalf && r.events[0]?.actorId === who));

/** The units that have been asked to handle it (never the one it accuses). */
function handledBy(r: StoredRequest): Set<string> {
  const units = new Set<string>();
  for (const e of r.events) {
    if (e.unitId) units.add(e.unitId);
    if (e.toUnitId) units.add(e.toUnitId);
  }
  if (r.unitId) units.add(r.unitId);
  for (const u of r.coUnitIds ?? []) units.add(u);
  if (r.subjectUnitId) units.delete(r.subjectUnitId);
  return units;
}

const accused = (r: StoredRequest, u: StoredUser | undefined): boolean => !!u?.unitId && u.unitId === r.subjectUnitId;

/** May this person know that the request exists (its id, number, text)? */
function mayKnow(r: StoredRequest, who: string | null, w: World): boolean {
  if (isRequester(r, who)) return true;
  const u = who ? w.users.get(who) : undefined;
  if (!u || accused(r, u)) return false;
  if (u.roles.includes('admin')) return true;
  if (!!r.leaderId && r.leaderId === who) return true;
  return u.roles.includes('cadre') && u.unitId !== null && handledBy(r).has(u.unitId);
}

/** May this person see the petitioner masked (王**, 138****1234)? */
function mayKnowMasked(r: StoredRequest, who: string | null, w: World): boolean {
  if (isRequester(r, who)) return true;
  return !r.confidential && mayKnow(r, who, w);
}

/** Answers that are a deliberate reveal of one request's petitioner, with who may receive them. */
export const REVEALS: Record<string, (r: StoredRequest, u: StoredUser | undefined) => boolean> = {
  // 查看联系方式 by the handling unit: never confidential, never the accused unit.
  'request.unmask': (r, u) => !r.confidential && !accused(r, u) && !!u?.roles.includes('cadre'),
  // The dispatcher may reveal even a confidential petitioner, with a stated reason; never the accused unit.
  'admin.reveal': (r, u) => !accused(r, u) && !!u?.roles.includes('admin'),
};

const typedPhones = (r: StoredRequest): string[] => r.content.match(PHONE) ?? [];

/**
 * What in `text` (received by `who`) the receiver may not see; each is a leak. `reveal` names the
 * request whose petitioner the answer deliberately reveals (REVEALS), if any.
 */
export function leaksIn(text: string, who: string | null, w: World, reveal?: { fa: string; id: string }): string[] {
  const out: string[] = [];
  const u = who ? w.users.get(who) : undefined;
  const mine = new Set<string>();
  for (const r of w.requests) {
    if (!isRequester(r, who)) continue;
    if (r.contactPhone) mine.add(r.contactPhone);
    typedPhones(r).forEach((p) => mine.add(p));
  }
  const revealed = reveal ? w.requests.find((r) => r._id === reveal.id) : undefined;
  const revealOk = !!revealed && !!reveal && (REVEALS[reveal.fa]?.(revealed, u) ?? false);
  // Ids are hex and may hold a run of 11 digits: they are not phone numbers.
  for (const p of text.replace(/\b[0-9a-f]{24}\b/g, '').match(PHONE) ?? []) {
    if (mine.has(p)) continue;
    if (revealOk && p === revealed!.contactPhone) continue;
    out.push(`an unmasked phone ${p}`);
  }
  // The same person may stand behind several requests: a name or number the receiver may see through
  // one of them is not a leak when it appears (the link to the others is caught by their ids).
  const maskedOf = (r: StoredRequest): string[] =>
    [r.contactName && r.contactName.length >= 3 ? maskName(r.contactName) : null, r.contactPhone ? maskPhone(r.contactPhone) : null].filter(
      (x): x is string => !!x,
    );
  const fullOf = (r: StoredRequest): string[] => [r.contactName].filter((x): x is string => !!x && x.length >= 2);
  const seenMasked = new Set(w.requests.filter((r) => mayKnowMasked(r, who, w)).flatMap(maskedOf));
  const seenFull = new Set([...w.requests.filter((r) => isRequester(r, who)).flatMap(fullOf), ...(revealOk ? fullOf(revealed!) : [])]);
  if (revealOk) maskedOf(revealed!).forEach((m) => seenMasked.add(m));
  for (const r of w.requests) {
    if (isRequester(r, who)) continue;
    const known = mayKnow(r, who, w);
    if (!known && (text.includes(r._id) || text.includes(r.no))) out.push(`request ${r.no} (${r._id}), which it may not know of`);
    if (r.requesterId && text.includes(r.requesterId)) out.push(`the openid of ${r.no}'s petitioner`);
    for (const f of fullOf(r)) if (!seenFull.has(f) && text.includes(f)) out.push(`${r.no}'s petitioner's name ${f}`);
    if (!mayKnowMasked(r, who, w)) {
      for (const m of maskedOf(r))
        if (!seenMasked.has(m) && text.includes(m))
          out.push(`${r.no}'s petitioner masked ${m}${r.confidential ? ' (confidential)' : ' (accused unit)'}`);
    }
  }
  return out;
}
