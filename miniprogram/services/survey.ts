import type { Page, SurveyBrief, SurveyDraftInput, SurveyItemInput, SurveyResults, SurveyView } from '../../typings/index';
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
