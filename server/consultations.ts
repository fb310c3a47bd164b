/**
 * 三问决策 (S1.4): a major decision asks the public before (问需), during (问计) and after (问效). Each
 * phase opens and is closed by the office with its answer — a compare-and-set on the consultation's
 * version with a public audit event; residents comment and vote while a phase is open. A vote is
 * kept under its ballot (ballot.ts: the consultation's key and the deployment's secret, with phase and openid): one per person and phase, and no
 * openid stored; comments are stored without their author.
 */
import { CONSULT_PHASES } from '../miniprogram/shared/survey';
import type { ConsultBrief, ConsultView } from '../typings';
import { casUpdate, getById, _ } from './db';
import { AppError, conflict } from './errors';
import { ballotOf, type Ballot } from './ballot';

type PhaseState = 'pending' | 'open' | 'closed';

interface ConsultEvent {
  type: 'create' | 'openPhase' | 'closePhase';
  phase: number | null;
  at: number;
  /** The admin who acted (kept for the audit; never shown). */
  actorId: string;
  note: string | null;
}

export interface ConsultDoc extends Ballot {
  _id: string;
  title: string;
  background: string;
  phases: {
    question: string;
    options: string[];
    state: PhaseState;
    openedAt: number | null;
    closedAt: number | null;
    summary: string | null;
  }[];
  /** Votes per phase and option, kept by the timer from consult_votes (exactly once each). */
  votes: number[][];
  // ballotKey (Ballot) tells voters apart; never in a view; destroyed when the last phase closes.
  /** Anyone may see it once its first phase opened. */
  published: boolean;
  version: number;
  createdAt: number;
  updatedAt: number;
  events: ConsultEvent[];
}

export interface VoteDoc {
  _id: string;
  consultId: string;
  phase: number;
  option: number;
  counted: boolean;
}

export interface CommentDoc {
  _id: string;
  consultId: string;
  phase: number;
  text: string;
  createdAt: number;
}

export function voteId(doc: ConsultDoc, phase: number, openid: string): string {
  const id = ballotOf(doc, `${phase}\n${openid}`);
  if (!id) throw new AppError('CONFLICT', '三个阶段都已完成');
  return id;
}

export const openPhaseOf = (d: ConsultDoc): number | null => {
  const i = d.phases.findIndex((p) => p.state === 'open');
  return i < 0 ? null : i;
};

export function consultView(d: ConsultDoc, myVotes: (number | null)[] = []): ConsultView {
  return {
    id: d._id,
    title: d.title,
    background: d.background,
    phases: d.phases.map((p, i) => ({
      key: CONSULT_PHASES[i]!.key,
      label: CONSULT_PHASES[i]!.label,
      question: p.question,
      options: p.options,
      state: p.state,
      openedAt: p.openedAt,
      closedAt: p.closedAt,
      summary: p.summary,
      votes: d.votes[i] ?? p.options.map(() => 0),
      myVote: myVotes[i] ?? null,
    })),
    openPhase: openPhaseOf(d),
    done: d.phases.every((p) => p.state === 'closed'),
    timeline: d.events.map((e) => ({
      type: e.type,
      phase: e.phase === null ? null : CONSULT_PHASES[e.phase]!.label,
      at: e.at,
      note: e.note,
    })),
    version: d.version,
  };
}

export function consultBrief(d: ConsultDoc): ConsultBrief {
  const open = openPhaseOf(d);
  const lastClosed = d.phases.map((p) => p.state).lastIndexOf('closed');
  const stage =
    open !== null
      ? `${CONSULT_PHASES[open]!.label}进行中`
      : lastClosed >= 0
        ? `${CONSULT_PHASES[lastClosed]!.label}已答复${lastClosed === d.phases.length - 1 ? '，已完成' : ''}`
        : '未发布';
  return { id: d._id, title: d.title, stage, open: open !== null, updatedAt: d.updatedAt };
}

/** A consultation the caller may know of: unpublished ones are the admins' only. */
export async function loadConsult(id: string, isAdmin: boolean): Promise<ConsultDoc> {
  const d = await getById<ConsultDoc>('consultations', id);
  if (!d || (!d.published && !isAdmin)) throw new AppError('NOT_FOUND', '没有找到这项决策征询');
  return d;
}

/**
 * Opens the next phase, or closes the open one with the office's answer: a compare-and-set on the
 * version that appends the public event. A stale version or a move the phases do not allow is
 * CONFLICT and changes nothing.
 */
export async function movePhase(
  d: ConsultDoc,
  version: number,
  move: { type: 'openPhase' } | { type: 'closePhase'; summary: string },
  actorId: string,
  now: number,
): Promise<ConsultDoc> {
  if (d.version !== version) throw conflict();
  const open = openPhaseOf(d);
  let i: number;
  if (move.type === 'openPhase') {
    if (open !== null) throw new AppError('CONFLICT', `${CONSULT_PHASES[open]!.label}还没有答复，答复后才能进入下一阶段`);
    i = d.phases.findIndex((p) => p.state === 'pending');
    if (i < 0) throw new AppError('CONFLICT', '三个阶段都已完成');
  } else {
    if (open === null) throw new AppError('CONFLICT', '现在没有进行中的阶段');
    i = open;
  }
  const phases = d.phases.map((p, k) =>
    k !== i
      ? p
      : move.type === 'openPhase'
        ? { ...p, state: 'open' as const, openedAt: now }
        : { ...p, state: 'closed' as const, closedAt: now, summary: move.summary },
  );
  const event: ConsultEvent = { type: move.type, phase: i, at: now, actorId, note: move.type === 'closePhase' ? move.summary : null };
  // Closing the last phase destroys the key: from then on no one can test a person against the votes.
  const last = move.type === 'closePhase' && phases.every((p) => p.state === 'closed');
  const ok = await casUpdate('consultations', d._id, version, {
    phases,
    published: true,
    updatedAt: now,
    events: _.push([event]),
    ...(last ? { ballotKey: _.remove() } : {}),
  });
  if (!ok) throw conflict();
  const next: ConsultDoc = { ...d, phases, published: true, updatedAt: now, version: version + 1, events: [...d.events, event] };
  if (last) delete next.ballotKey;
  return next;
}
