import type {
  ContactPointView,
  DutyFigures,
  DutyHome,
  DutyRecordView,
  DutyRuleView,
  Page,
  PostingCandidate,
  PostingView,
  ReliefView,
  VisitInput,
} from '../../typings/index';
import type { AssessmentResult, PairKind, SlotKind, TalkForm } from '../shared/duties';
import { callCloud } from './cloud';

/** My figures against every duty rule of my level, my contact points and my latest records. */
export const fetchDutyHome = (): Promise<DutyHome> => callCloud('duty', 'home', {});

/** Records a visit or stay (with photos and the requests gathered on it). */
export const recordDutyVisit = (input: VisitInput): Promise<DutyRecordView & { requests: { id: string; no: string }[] }> =>
  callCloud('duty', 'recordVisit', input);

/** Records a research report (S1.1). */
export const recordDutyReport = (input: { clientId: string; date: string; topic: string; summary: string }): Promise<DutyRecordView> =>
  callCloud('duty', 'recordReport', input);

/** Records a talk activity (S5); the notes stay with me and the organisation department. */
export const recordDutyTalk = (input: {
  clientId: string;
  date: string;
  talkWith: string;
  form: TalkForm;
  notes?: string;
}): Promise<DutyRecordView> => callCloud('duty', 'recordTalk', input);

/** A contact point behind its code, with the open surveys that evaluate it. */
export const fetchContactPoint = (scene: string): Promise<{ point: ContactPointView; surveys: { id: string; title: string }[] }> =>
  callCloud('duty', 'point', { scene });

/** The 小程序码 of one of my contact points. */
export const fetchPointCode = (pointId: string): Promise<{ image: string; scene: string }> => callCloud('duty', 'pointCode', { pointId });

/** Leaders furthest behind first: the county (组织部) or my unit (unit head). */
export const fetchDutyFigures = (cursor?: string): Promise<DutyFigures> => callCloud('duty', 'figures', cursor ? { cursor } : {});

/** The county's figures as an .xlsx workbook. */
export const exportDutyFigures = (): Promise<{ fileName: string; base64: string }> => callCloud('duty', 'exportFigures', {});

/** My relief pairs (S8) and this year's festival visits to each. */
export const fetchReliefs = (): Promise<ReliefView[]> => callCloud('duty', 'reliefs', {});

/** Pairs me with a household in difficulty (一助一), or registers my department's 优抚 household. */
export const addRelief = (input: {
  clientId: string;
  kind: PairKind;
  household: string;
  contact?: string;
  plan: string;
}): Promise<ReliefView> => callCloud('duty', 'addRelief', input);

/** Records a festival visit to a pair. */
export const recordReliefVisit = (reliefId: string, version: number, occasion: string, date: string): Promise<ReliefView> =>
  callCloud('duty', 'reliefVisit', { reliefId, version, occasion, date });

/** 下基层锻炼 (S3): my postings, or (组织部) every posting, newest first. */
export const fetchPostings = (cursor?: string): Promise<Page<PostingView>> => callCloud('duty', 'postings', cursor ? { cursor } : {});

/** Cadres the organisation department may post, with their file's birth year and experience. */
export const fetchPostingCandidates = (cursor?: string): Promise<Page<PostingCandidate>> =>
  callCloud('duty', 'postingCandidates', cursor ? { cursor } : {});

/** 组织部 posts a cadre to the grassroots (their file's facts typed in where it has none). */
export const postCadre = (input: {
  clientId: string;
  cadreKey: string;
  place: string;
  regionId?: string;
  start: string;
  end: string;
  birthYear?: number;
  grassroots?: boolean;
}): Promise<PostingView> => callCloud('duty', 'post', input);

/** My final report (锻炼总结) with the posting's real last day. */
export const reportPosting = (postingId: string, version: number, end: string, summary: string): Promise<PostingView> =>
  callCloud('duty', 'postingReport', { postingId, version, end, summary });

/** 组织部 records a reported posting's assessment. */
export const assessPosting = (postingId: string, version: number, result: AssessmentResult, notes?: string): Promise<PostingView> =>
  callCloud('duty', 'assessPosting', { postingId, version, result, ...(notes ? { notes } : {}) });

/** The county's duty rules (组织部), by clause. */
export const fetchDutyRules = (): Promise<DutyRuleView[]> => callCloud('duty', 'rules', {});

/** Changes a rule's number from a coming year on; this year's figures stay as they are. */
export const updateDutyRule = (ruleId: string, version: number, threshold: number, fromYear: number): Promise<DutyRuleView[]> =>
  callCloud('duty', 'updateRule', { ruleId, version, threshold, fromYear });

/** Every contact point of a year, overlaps between leaders flagged (组织部). */
export const fetchContactPoints = (year: number, cursor?: string): Promise<Page<ContactPointView>> =>
  callCloud('duty', 'points', cursor ? { year, cursor } : { year });

/** Gives a leader a contact point for a year (一联六 / 一联五 / 一联二). */
export const assignContactPoint = (input: {
  clientId: string;
  cadreKey: string;
  year: number;
  slot: SlotKind;
  name: string;
  regionId?: string;
}): Promise<ContactPointView> => callCloud('duty', 'assignPoint', input);

/** Takes a contact point off its leader (kept, marked adjusted). */
export const removeContactPoint = (pointId: string, version: number): Promise<ContactPointView> =>
  callCloud('duty', 'removePoint', { pointId, version });
