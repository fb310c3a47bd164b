import type {
  ConsultBrief,
  ConsultComment,
  ConsultView,
  Page,
  SurveyBrief,
  SurveyDraftInput,
  SurveyItemInput,
  SurveyResults,
  SurveyView,
} from '../../typings/index';
import type { ResultScope } from '../shared/survey';
import { callCloud } from './cloud';

/** Surveys open now and those whose results I may read. */
export const fetchSurveys = (): Promise<SurveyBrief[]> => callCloud('survey', 'list', {});

/** A survey to answer, and whether I already did. */
export const fetchSurvey = (surveyId: string): Promise<{ survey: SurveyView; answered: boolean }> =>
  callCloud('survey', 'get', { surveyId });

/** My one (anonymous) response. */
export const respondSurvey = (surveyId: string, items: SurveyItemInput[]): Promise<{ duplicate: boolean }> =>
  callCloud('survey', 'respond', { surveyId, items });

/** Results per subject, as far as I may read them. */
export const fetchSurveyResults = (surveyId: string): Promise<SurveyResults> => callCloud('survey', 'results', { surveyId });

/** Every survey, newest first (admins). */
export const fetchManagedSurveys = (cursor?: string): Promise<Page<SurveyView>> => callCloud('survey', 'manage', cursor ? { cursor } : {});

/** A new draft survey (admins). */
export const createSurvey = (draft: SurveyDraftInput): Promise<SurveyView> => callCloud('survey', 'create', draft);

/** draft → open. */
export const publishSurvey = (s: { id: string; version: number }): Promise<SurveyView> =>
  callCloud('survey', 'publish', { surveyId: s.id, version: s.version });

/** open → closed. */
export const closeSurvey = (s: { id: string; version: number }): Promise<SurveyView> =>
  callCloud('survey', 'close', { surveyId: s.id, version: s.version });

/** Publishes the results to a scope (S10.3). */
export const publishSurveyResults = (s: { id: string; version: number }, scope: ResultScope): Promise<SurveyView> =>
  callCloud('survey', 'publishResults', { surveyId: s.id, version: s.version, scope });

/** The results as an .xlsx workbook (base64). */
export const exportSurveyResults = (surveyId: string): Promise<{ fileName: string; base64: string }> =>
  callCloud('survey', 'exportResults', { surveyId });

/** 三问决策: consultations, newest first (admins also see drafts). */
export const fetchConsults = (cursor?: string): Promise<Page<ConsultBrief>> => callCloud('consult', 'list', cursor ? { cursor } : {});

/** A consultation: its phases, votes, my votes and the public timeline. */
export const fetchConsult = (consultId: string): Promise<ConsultView> => callCloud('consult', 'get', { consultId });

/** A phase's comments, newest first. */
export const fetchConsultComments = (consultId: string, phase: number, cursor?: string): Promise<Page<ConsultComment>> =>
  callCloud('consult', 'comments', cursor ? { consultId, phase, cursor } : { consultId, phase });

/** My comment in the open phase (the same clientId is the same comment). */
export const commentConsult = (consultId: string, clientId: string, text: string): Promise<ConsultComment & { duplicate: boolean }> =>
  callCloud('consult', 'comment', { consultId, clientId, text });

/** My vote in the open phase. */
export const voteConsult = (consultId: string, option: number): Promise<ConsultView> => callCloud('consult', 'vote', { consultId, option });

/** A new consultation with its three phases (admins). */
export const createConsult = (input: {
  clientId: string;
  title: string;
  background: string;
  phases: { question: string; options: string[] }[];
}): Promise<ConsultView> => callCloud('consult', 'create', input);

/** The next phase opens (admins). */
export const openConsultPhase = (c: { id: string; version: number }): Promise<ConsultView> =>
  callCloud('consult', 'openPhase', { consultId: c.id, version: c.version });

/** The open phase closes with the office's answer (admins). */
export const closeConsultPhase = (c: { id: string; version: number }, summary: string): Promise<ConsultView> =>
  callCloud('consult', 'closePhase', { consultId: c.id, version: c.version, summary });

/** A draft changed before it is published (admins; the version it was read at). */
export const updateSurvey = (s: { id: string; version: number }, draft: Omit<SurveyDraftInput, 'clientId'>): Promise<SurveyView> =>
  callCloud('survey', 'update', { surveyId: s.id, version: s.version, ...draft });
