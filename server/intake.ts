/**
 * How a request comes in, from the app (诉求) or registered by the 信访局 (信访): its id from the
 * submitter and client id (so a retry is the same request), its policy, deadlines and chase.
 */
import type { Channel, RequestCategory, Role, Source, SubmitResult, Urgency } from '../typings';
import { getById, insert } from './db';
import { deadline } from './domain/calendar';
import { requestId, requestNo } from './domain/requestNo';
import { choosePolicy } from './domain/rules';
import type { Directory } from './directory';
import { rewindClock, type RequestDoc } from './requests';

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
  dest: Pick<RequestDoc, 'cardId' | 'unitId' | 'unitName' | 'subjectUnitId' | 'regionId' | 'regionName'>;
  confidential: boolean;
  mayContact: boolean;
  contactName: string | null;
  contactPhone: string | null;
}

const duplicateOf = (d: RequestDoc): SubmitResult => ({ id: d._id, no: d.no, status: d.status, dueAt: d.dueAt, duplicate: true });

export async function intake(spec: IntakeSpec, dir: Directory, now: number): Promise<SubmitResult> {
  const id = requestId(spec.submitterId, spec.clientId);
  const policyDoc = choosePolicy(dir.policies, spec.channel, spec.category, spec.urgency);
  if (!policyDoc) throw new Error('no deadline policy configured');
  const { _id: _policyId, ...policy } = policyDoc;
  const status = spec.dest.unitId ? 'assigned' : 'submitted';
  const acceptDueAt = deadline(now, policy.accept);
  const doc: RequestDoc = {
    _id: id,
    no: requestNo(id, now),
    clientId: spec.clientId,
    requesterId: spec.submitterId,
    channel: spec.channel,
    source: spec.source,
    category: spec.category,
    urgency: spec.urgency,
    title: Array.from(spec.content).slice(0, 30).join(''),
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
    routeDueAt: deadline(spec.receivedAt, policy.route),
    acceptDueAt,
    // From acceptance (信访): provisional until signed, counted from the signing deadline.
    dueAt: deadline(policy.finishFrom === 'submit' ? spec.receivedAt : acceptDueAt, policy.finish),
    objectDueAt: spec.dest.unitId && policy.object ? deadline(now, policy.object) : null,
    reply: null,
    repliedAt: null,
    rating: null,
    reopenCount: 0,
    extension: null,
    pausedAt: null,
    review: null,
    mergedInto: null,
    followers: [],
    clock: null,
    nextCheckAt: null,
    overdueSince: null,
    needsCount: true,
    countedSeq: 0,
    events: [{
      seq: 1, type: spec.channel === '信访' ? 'register' : 'submit', at: now, actorId: spec.submitterId, actorRole: spec.submitterRole,
      actorUnit: spec.submitterUnit, from: null, to: status, note: spec.dest.unitName ? `已派至${spec.dest.unitName}` : '等待调度中心派单',
      unitId: spec.dest.unitId,
    }],
  };
  Object.assign(doc, rewindClock(doc, now));
  for (let attempt = 0; ; attempt += 1) {
    const no = requestNo(id, now, attempt);
    try {
      await insert('requests', { ...doc, no });
      return { id, no, status, dueAt: doc.dueAt, duplicate: false };
    } catch (e) {
      // A concurrent retry of the same submission won the insert: answer with its result.
      const winner = await getById<RequestDoc>('requests', id);
      if (winner) return duplicateOf(winner);
      if (attempt >= 2) throw e; // not a number clash either: a real failure
    }
  }
}
