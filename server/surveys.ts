/**
 * The yearly public-opinion survey (S10): the survey document and its moves (each a
 * compare-and-set with its audit event), the anonymous response, and who may read the results.
 *
 * Anonymity: a response is stored under its ballot (ballot.ts: a keyed hash of the openid by the
 * survey's key and the deployment's secret) and nothing else of the person (no openid, no time finer
 * than the day, no per-caller counter), so a second response by the same person is refused while no
 * admin — nor anyone holding a copy of the database — can tell whose it is. The survey's key lives on
 * it only while it is open and is destroyed when it closes.
 */
import type { Ballot } from './ballot';
import type { SurveyBrief, SurveyResults, SurveyStatus, SurveyView } from '../typings';
import type { Caller } from './caller';
import { casUpdate, getById, _ } from './db';
import { AppError, conflict } from './errors';
import { emptyTally, subjectResults, type StoredItem, type Tally } from './domain/survey';

type SurveyEventType = 'create' | 'edit' | 'publish' | 'close' | 'expire' | 'publishResults' | 'announce';

/** One audit event of a survey: who (an admin, or null for the timer), when, from and to which status. */
interface SurveyEvent {
  type: SurveyEventType;
  at: number;
  actorId: string | null;
  from: SurveyStatus | null;
  to: SurveyStatus;
  note: string | null;
}

/** A survey as stored: its view's fields (but the computed `answerable`), its key while open, its audit trail. */
export interface SurveyDoc extends Omit<SurveyView, 'id' | 'answerable'>, Ballot {
  _id: string;
  createdAt: number;
  updatedAt: number;
  events: SurveyEvent[];
  /**
   * Telling residents (jobs/surveys.ts announceSurveys), set when it is published: true until every
   * subject's unit was read; the units still to read, where in the first one, and how many were told.
   */
  announcing?: boolean;
  announceUnits?: string[];
  announceCursor?: string | null;
  announced?: number;
}

/** A response: the keyed hash as _id, the answers, the county's day; `counted` once in the tally. */
export interface ResponseDoc {
  _id: string;
  surveyId: string;
  /** YYYY-MM-DD (UTC+08:00): no finer time, so it cannot be matched to a moment in any other record. */
  day: string;
  items: StoredItem[];
  counted: boolean;
}

export interface TallyDoc extends Tally {
  _id: string;
  updatedAt: number;
}

export const isAnswerable = (d: SurveyDoc, now: number): boolean => d.status === 'open' && d.opensAt <= now && now < d.closesAt;

export const surveyView = (d: SurveyDoc, now: number): SurveyView => ({
  id: d._id,
  title: d.title,
  intro: d.intro,
  year: d.year,
  questions: d.questions,
  subjects: d.subjects,
  opensAt: d.opensAt,
  closesAt: d.closesAt,
  status: d.status,
  answerable: isAnswerable(d, now),
  minResponses: d.minResponses,
  resultScope: d.resultScope,
  version: d.version,
});

/** The county's day (UTC+08:00) of an instant. */
export const countyDay = (t: number): string => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

/** A survey the caller may know of: drafts are the admins' only. */
export async function loadSurvey(id: string, caller: Caller): Promise<SurveyDoc> {
  const doc = await getById<SurveyDoc>('surveys', id);
  if (!doc || (doc.status === 'draft' && !caller.roles.includes('admin'))) throw new AppError('NOT_FOUND', '没有找到这项调查');
  return doc;
}

/** Which subjects' results the caller may read: all, those of their own unit, or none (not published to them). */
function resultsReach(d: SurveyDoc, caller: Caller): 'all' | 'own' | null {
  if (caller.roles.includes('admin')) return 'all';
  if (d.resultScope === 'public') return 'all';
  if (!caller.roles.includes('cadre')) return null;
  if (d.resultScope === 'staff') return 'all';
  if (d.resultScope === 'units') return 'own';
  return null;
}

export const briefOf = (d: SurveyDoc, caller: Caller, now: number, answered: boolean): SurveyBrief => ({
  id: d._id,
  title: d.title,
  year: d.year,
  closesAt: d.closesAt,
  answerable: isAnswerable(d, now),
  answered,
  resultsVisible: resultsReach(d, caller) !== null && d.status !== 'draft' && (d.resultScope !== null || caller.roles.includes('admin')),
});

/** The results the caller may read, or FORBIDDEN while they are not published to them. */
export function resultsFor(d: SurveyDoc, tally: TallyDoc | null, caller: Caller): SurveyResults {
  const reach = resultsReach(d, caller);
  if (!reach) throw new AppError('FORBIDDEN', '调查结果尚未向您公布');
  const subjects = reach === 'all' ? d.subjects : d.subjects.filter((s) => s.unitId === caller.unitId);
  return {
    surveyId: d._id,
    title: d.title,
    year: d.year,
    responses: tally?.n ?? 0,
    minResponses: d.minResponses,
    resultScope: d.resultScope,
    countedAt: tally?.updatedAt ?? null,
    subjects: subjectResults(subjects, d.questions, tally ?? emptyTally(), d.minResponses),
  };
}

/** Which moves go from which status: one table. */
type Move = Exclude<SurveyEventType, 'create' | 'announce'>;
const MOVES: Record<Move, { from: readonly SurveyStatus[]; to: SurveyStatus | null }> = {
  // a draft is changed as a whole until it is published
  edit: { from: ['draft'], to: null },
  publish: { from: ['draft'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
  expire: { from: ['open'], to: 'closed' },
  // the results are published once the survey is over (S10.3); the scope may be changed later
  publishResults: { from: ['closed'], to: null },
};

const REFUSED: Record<Move, string> = {
  edit: '调查已发布，题目和对象不能再改',
  publish: '只有草稿可以发布',
  close: '只有进行中的调查可以结束',
  expire: '只有进行中的调查可以结束',
  publishResults: '调查结束后才能公布结果',
};

/**
 * One move of a survey: a compare-and-set on its version that appends the audit event in the same
 * write. A stale version, or a status the move does not start from, is CONFLICT and changes nothing.
 */
export async function moveSurvey(
  doc: SurveyDoc,
  version: number,
  type: Move,
  actorId: string | null,
  now: number,
  set: Record<string, unknown> = {},
  note: string | null = null,
): Promise<SurveyDoc> {
  if (doc.version !== version) throw conflict();
  const move = MOVES[type];
  if (!move.from.includes(doc.status)) throw new AppError('CONFLICT', REFUSED[type]);
  const to = move.to ?? doc.status;
  const event: SurveyEvent = { type, at: now, actorId, from: doc.status, to, note };
  // Closing destroys the key: from then on no one can test a person against the responses.
  const dropKey = to === 'closed' ? { ballotKey: _.remove() } : {};
  const ok = await casUpdate('surveys', doc._id, version, { ...set, ...dropKey, status: to, updatedAt: now, events: _.push([event]) });
  if (!ok) throw conflict();
  const next: SurveyDoc = {
    ...doc,
    ...(set as Partial<SurveyDoc>),
    status: to,
    updatedAt: now,
    version: version + 1,
    events: [...doc.events, event],
  };
  if (to === 'closed') delete next.ballotKey;
  return next;
}
