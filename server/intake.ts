/**
 * How a request comes in, from the app (诉求) or registered by the 信访局 (信访): where it goes
 * (the card's unit, the routing catalogue, or the dispatcher), its id from the submitter and
 * client id (so a retry is the same request), its policy, deadlines and chase.
 */
import type { Channel, RequestCategory, Role, Source, SubmitResult, Urgency } from '../typings';
import { getById, insert } from './db';
import { requestId, requestNo } from './domain/requestNo';
import { choosePolicy, route } from './domain/rules';
import type { Limit } from './domain/calendar';
import { activeCard } from './cards';
import { chosenUnit, supervisorOf, type Directory } from './directory';
import { AppError } from './errors';
import { auditEvent, rewindClock, ROUTED_NOTE, UNROUTED_NOTE, type OnBehalf, type RequestDoc } from './requests';

export type Destination = Pick<RequestDoc, 'cardId' | 'cardScene' | 'unitId' | 'unitName' | 'subjectUnitId' | 'regionId' | 'regionName'>;

const TO_DISPATCHER: Destination = {
  cardId: null,
  cardScene: null,
  unitId: null,
  unitName: null,
  subjectUnitId: null,
  regionId: null,
  regionName: null,
};

/** The routing catalogue for a place (and its town); no rule means the dispatcher decides. */
function routeByPlace(dir: Directory, regionId: string, category: RequestCategory): Destination {
  const region = dir.regions.get(regionId);
  if (!region) throw new AppError('INVALID_INPUT', '所选村（社区）不存在，请重新选择');
  const chain = [region._id, ...(region.parentId ? [region.parentId] : [])];
  const rule = route(dir.routing, category, chain);
  const unit = rule ? dir.units.get(rule.unitId) : undefined;
  return { ...TO_DISPATCHER, unitId: unit?._id ?? null, unitName: unit?.name ?? null, regionId: region._id, regionName: region.name };
}

/**
 * Where a resident's request goes: the scanned card's unit, else the place's routing. A 投诉 the
 * resident marks as about the card's unit (“投诉该单位或其工作人员”) goes to that unit's supervisor
 * instead, and the unit is recorded as accused (`subjectUnitId`): it never sees it.
 */
export async function submittedTo(
  dir: Directory,
  input: { scene?: string; regionId?: string; category: RequestCategory; aboutUnit?: boolean },
): Promise<Destination> {
  if (input.scene === undefined) return routeByPlace(dir, input.regionId!, input.category);
  const card = await activeCard(input.scene);
  const onCard = { ...TO_DISPATCHER, cardId: card._id, cardScene: card.scene };
  // A county leader's card names no unit: the 信访局 routes what comes through it.
  const unit = card.unitId ? dir.units.get(card.unitId) : undefined;
  if (!(input.aboutUnit === true && input.category === '投诉'))
    return { ...onCard, unitId: unit?._id ?? null, unitName: unit?.name ?? null };
  if (!unit) return onCard;
  const sup = supervisorOf(dir, unit._id);
  return { ...onCard, unitId: sup?._id ?? null, unitName: sup?.name ?? null, subjectUnitId: unit._id };
}

/** Where a registered 信访 item goes: the unit the 信访局 chose, else the place's routing, else the dispatcher's queue. */
export function registeredTo(dir: Directory, input: { unitId?: string; regionId?: string; category: RequestCategory }): Destination {
  if (input.unitId !== undefined) {
    const unit = chosenUnit(dir, input.unitId);
    const region = input.regionId ? dir.regions.get(input.regionId) : undefined;
    return { ...TO_DISPATCHER, unitId: unit._id, unitName: unit.name, regionId: input.regionId ?? null, regionName: region?.name ?? null };
  }
  return input.regionId ? routeByPlace(dir, input.regionId, input.category) : TO_DISPATCHER;
}

export interface IntakeSpec {
  submitterId: string;
  submitterRole: Role;
  submitterUnit: string | null;
  clientId: string;
  channel: Channel;
  source: Source;
  category: RequestCategory;
  urgency: Urgency;
  content: string;
  photos: string[];
  /** When it was received: the routing clock starts then (a letter may arrive before it is registered). */
  receivedAt: number;
  dest: Destination;
  confidential: boolean;
  mayContact: boolean;
  contactName: string | null;
  contactPhone: string | null;
  /** A registered 信访 item: the 受理告知's claim code; its petitioner is nobody on the app until they claim it. */
  claimCode?: string;
  /** A representatives' proposal forwarded to a unit: which one (its constituents are told the outcome). */
  proposalId?: string;
  /** A party member's 反馈民意 or 代办 for a paired resident (S6.1), with how the resident agreed; they claim it with `claimCode`. */
  onBehalf?: OnBehalf;
  /** Made by someone for a resident (a leader's 接访事项纪要): the resident follows it as its requester. */
  requesterId?: string;
  /** A finishing period set by whoever made it (a leader's 纪要), instead of the policy's. */
  finish?: Limit;
}

export type IntakeResult = SubmitResult & { claimCode: string | null };

const duplicateOf = (d: RequestDoc): IntakeResult => ({
  id: d._id,
  no: d.no,
  status: d.status,
  dueAt: d.dueAt,
  duplicate: true,
  claimCode: d.claimCode ?? null,
});

export async function intake(spec: IntakeSpec, dir: Directory, now: number): Promise<IntakeResult> {
  const id = requestId(spec.submitterId, spec.clientId);
  const policyDoc = choosePolicy(dir.policies, spec.channel, spec.category, spec.urgency);
  if (!policyDoc) throw new Error('no deadline policy configured');
  const { _id: _policyId, ...chosen } = policyDoc;
  const policy = spec.finish ? { ...chosen, finish: spec.finish, finishFrom: 'submit' as const } : chosen;
  const status = spec.dest.unitId ? 'assigned' : 'submitted';
  const acceptDueAt = dir.calendar.deadline(now, policy.accept);
  const doc: RequestDoc = {
    _id: id,
    no: requestNo(id, now),
    clientId: spec.clientId,
    requesterId: spec.claimCode ? null : (spec.requesterId ?? spec.submitterId),
    ...(spec.claimCode ? { claimCode: spec.claimCode, delivery: null } : {}),
    channel: spec.channel,
    source: spec.source,
    category: spec.category,
    urgency: spec.urgency,
    title: titleOf(spec.content),
    content: spec.content,
    photos: spec.photos,
    ...spec.dest,
    confidential: spec.confidential,
    mayContact: spec.mayContact,
    contactName: spec.contactName,
    contactPhone: spec.contactPhone,
    status,
    version: 0,
    policy,
    createdAt: now,
    updatedAt: now,
    routeDueAt: dir.calendar.deadline(spec.receivedAt, policy.route),
    acceptDueAt,
    // From acceptance (信访): provisional until signed, counted from the signing deadline.
    dueAt: dir.calendar.deadline(policy.finishFrom === 'submit' ? spec.receivedAt : acceptDueAt, policy.finish),
    objectDueAt: spec.dest.unitId && policy.object ? dir.calendar.deadline(now, policy.object) : null,
    reply: null,
    repliedAt: null,
    rating: null,
    reopenCount: 0,
    extension: null,
    pausedAt: null,
    review: null,
    mergedInto: null,
    followers: [],
    ...(spec.proposalId ? { proposalId: spec.proposalId } : {}),
    ...(spec.onBehalf ? { onBehalf: spec.onBehalf } : {}),
    clock: null,
    nextCheckAt: null,
    overdueSince: null,
    needsCount: true,
    countedSeq: 0,
    events: [
      auditEvent(
        { events: [], status: null, unitId: spec.dest.unitId },
        spec.channel === '信访' ? 'register' : 'submit',
        { actorId: spec.submitterId, actorRole: spec.submitterRole, actorUnit: spec.submitterUnit },
        now,
        {
          to: status,
          note: [
            // The consent is part of the record: who acted for the resident, and how the resident agreed.
            spec.onBehalf ? `党员${spec.onBehalf.memberName}${spec.onBehalf.kind}（群众${spec.onBehalf.consent}）` : null,
            spec.dest.unitName ? `${ROUTED_NOTE}${spec.dest.unitName}` : UNROUTED_NOTE,
          ]
            .filter(Boolean)
            .join('；'),
        },
      ),
    ],
  };
  Object.assign(doc, rewindClock(doc, now, dir.calendar));
  for (let attempt = 0; ; attempt += 1) {
    const no = requestNo(id, now, attempt);
    try {
      await insert('requests', { ...doc, no });
      return { id, no, status, dueAt: doc.dueAt, duplicate: false, claimCode: doc.claimCode ?? null };
    } catch (e) {
      // A concurrent retry of the same submission won the insert: answer with its result.
      const winner = await getById<RequestDoc>('requests', id);
      if (winner) return duplicateOf(winner);
      if (attempt >= 2) throw e; // not a number clash either: a real failure
    }
  }
}

const TITLE_LENGTH = 30;

/** A list's line for a request: its words on one line, cut with “…” when longer (never silently mid-sentence). */
function titleOf(content: string): string {
  const chars = Array.from(content.replace(/\s+/g, ' ').trim());
  return chars.length <= TITLE_LENGTH ? chars.join('') : `${chars.slice(0, TITLE_LENGTH - 1).join('')}…`;
}
