/** 调查评价 (S10): residents answer the yearly survey once, anonymously; admins build it, open and close it, publish and export its results. */
import { z } from 'zod';
import { QUESTION_KINDS, RESULT_SCOPES, SUBJECT_KINDS, SURVEY_LIMITS, SURVEY_TEXT } from '../../miniprogram/shared/survey';
import type { SurveyDraftInput, SurveyQuestion, SurveySubject } from '../../typings';
import { checkText } from '../content';
import { chosenUnit, type Directory } from '../directory';
import { decodeCursor, findMany, findPage, getById, insert, _ } from '../db';
import { AppError, conflict } from '../errors';
import { maskPhonesIn } from '../domain/privacy';
import { requestId } from '../domain/requestNo';
import type { StoredItem } from '../domain/survey';
import type { Actions } from '../serve';
import { clientIdSchema, cursorSchema, empty, idSchema, text } from '../schemas';
import { ballotOf, newBallot } from '../ballot';
import {
  briefOf,
  countyDay,
  isAnswerable,
  loadSurvey,
  moveSurvey,
  resultsFor,
  surveyView,
  type ResponseDoc,
  type SurveyDoc,
  type TallyDoc,
} from '../surveys';
import { exportWorkbook } from '../surveyExport';

const versionSchema = z.number().int().min(0).max(1_000_000);
const moveInput = z.strictObject({ surveyId: idSchema, version: versionSchema });
const DAY = 86_400_000;

/** An answer: a score (0 = 不了解) or free text, checked against the question's kind when the survey is read. */
const answerSchema = z.union([
  z.number().int().min(0).max(5),
  z.string().max(SURVEY_TEXT.answer.max, `意见建议请控制在${SURVEY_TEXT.answer.max}字以内`),
]);
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The items as stored: each subject of the survey at most once, one answer per question of the right kind, text trimmed with phones masked. */
function storedItems(doc: SurveyDoc, items: { subjectId: string; answers: (number | string)[] }[]): StoredItem[] {
  const seen = new Set<string>();
  const out: StoredItem[] = [];
  for (const item of items) {
    if (!doc.subjects.some((s) => s.id === item.subjectId)) throw new AppError('INVALID_INPUT', '评价对象不在本次调查中，请刷新后重试');
    if (seen.has(item.subjectId)) throw new AppError('INVALID_INPUT', '同一个评价对象只能评价一次');
    seen.add(item.subjectId);
    if (item.answers.length !== doc.questions.length) throw new AppError('INVALID_INPUT', '题目数量不对，请刷新后重新作答');
    const answers = item.answers.map((a, i) => {
      const kind = doc.questions[i]!.kind;
      if (kind === 'scale' && typeof a !== 'number') throw new AppError('INVALID_INPUT', `第${i + 1}题请选择满意程度`);
      if (kind === 'text' && typeof a !== 'string') throw new AppError('INVALID_INPUT', `第${i + 1}题请填写文字`);
      if (typeof a === 'string' && CONTROL.test(a)) throw new AppError('INVALID_INPUT', '意见建议包含无法识别的字符，请重新输入');
      return typeof a === 'string' ? maskPhonesIn(a.trim()) : a;
    });
    if (answers.some((a) => (typeof a === 'number' ? a > 0 : a !== ''))) out.push({ subjectId: item.subjectId, answers });
  }
  if (out.length === 0) throw new AppError('INVALID_INPUT', '请至少评价一个对象');
  return out;
}

/** The caller's response to a survey, if any (found by the keyed hash; only while the survey is open). */
async function answeredBy(doc: SurveyDoc, openid: string): Promise<boolean> {
  const id = ballotOf(doc, openid);
  return id !== null && (await getById<ResponseDoc>('survey_responses', id)) !== null;
}

async function mustLoadForAdmin(id: string): Promise<SurveyDoc> {
  const doc = await getById<SurveyDoc>('surveys', id);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这项调查');
  return doc;
}

/** A draft's fields, as 新建调查 and 修改调查 send them. */
const draftShape = {
  title: text(SURVEY_TEXT.title),
  intro: text(SURVEY_TEXT.intro).optional(),
  year: z.number().int().min(2000).max(2100),
  questions: z
    .array(z.strictObject({ text: text(SURVEY_TEXT.question), kind: z.enum(QUESTION_KINDS, { message: '请选择题目类型' }) }))
    .min(SURVEY_LIMITS.questions.min, '请至少设置一道题目')
    .max(SURVEY_LIMITS.questions.max, `题目最多${SURVEY_LIMITS.questions.max}道`),
  subjects: z
    .array(
      z.strictObject({
        kind: z.enum(SUBJECT_KINDS, { message: '请选择评价对象类别' }),
        unitId: idSchema,
        label: text(SURVEY_TEXT.subjectLabel).optional(),
      }),
    )
    .min(SURVEY_LIMITS.subjects.min, '请至少选择一个评价对象')
    .max(SURVEY_LIMITS.subjects.max, `评价对象最多${SURVEY_LIMITS.subjects.max}个`),
  opensAt: z.number().int().positive(),
  closesAt: z.number().int().positive(),
  minResponses: z.number().int().min(SURVEY_LIMITS.minResponses.min).max(SURVEY_LIMITS.minResponses.max),
};
type DraftInput = Omit<SurveyDraftInput, 'clientId'>;
type DraftFields = Pick<SurveyDoc, 'title' | 'intro' | 'year' | 'questions' | 'subjects' | 'opensAt' | 'closesAt' | 'minResponses'>;

/** A draft checked as a whole (period, a scale question, units of the directory, no subject twice, the text's content) and numbered. */
async function draftFields(dir: Directory, openid: string, input: DraftInput): Promise<DraftFields> {
  if (input.closesAt <= input.opensAt) throw new AppError('INVALID_INPUT', '结束时间应晚于开始时间');
  if (input.closesAt - input.opensAt > 366 * DAY) throw new AppError('INVALID_INPUT', '调查时间最长一年');
  if (!input.questions.some((q) => q.kind === 'scale')) throw new AppError('INVALID_INPUT', '请至少设置一道满意度题目');
  const subjects: SurveySubject[] = input.subjects.map((s, i) => ({
    id: `s${i + 1}`,
    kind: s.kind,
    unitId: s.unitId,
    name: s.label ?? chosenUnit(dir, s.unitId).name,
  }));
  const key = (s: SurveySubject) => `${s.kind}|${s.unitId}|${s.name}`;
  if (new Set(subjects.map(key)).size !== subjects.length) throw new AppError('INVALID_INPUT', '评价对象有重复，请检查');
  const questions: SurveyQuestion[] = input.questions.map((q, i) => ({ id: `q${i + 1}`, text: q.text, kind: q.kind }));
  await checkText(openid, input.title, input.intro, ...input.questions.map((q) => q.text), ...input.subjects.map((s) => s.label));
  return {
    title: input.title,
    intro: input.intro ?? null,
    year: input.year,
    questions,
    subjects,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    minResponses: input.minResponses,
  };
}

export const surveyActions: Actions<'survey'> = {
  list: {
    input: empty,
    roles: ['resident'],
    run: async ({ caller, now }) => {
      // The latest surveys that are or were public (a county runs one or two a year).
      const docs = await findMany<SurveyDoc>(
        'surveys',
        { status: _.in(['open', 'closed']) },
        { orderBy: [['createdAt', 'desc']], limit: 20 },
      );
      const ballots = new Map(docs.filter((d) => isAnswerable(d, now)).map((d) => [d._id, ballotOf(d, caller.openid)]));
      const keys = [...ballots.values()].filter((k): k is string => k !== null);
      const mine = keys.length
        ? new Set(
            (await findMany<{ _id: string }>('survey_responses', { _id: _.in(keys) }, { limit: keys.length, fields: { _id: true } })).map(
              (r) => r._id,
            ),
          )
        : new Set<string>();
      return docs.map((d) => briefOf(d, caller, now, mine.has(ballots.get(d._id) ?? ''))).filter((b) => b.answerable || b.resultsVisible);
    },
  },
  get: {
    input: z.strictObject({ surveyId: idSchema }),
    roles: ['resident'],
    run: async ({ caller, now }, { surveyId }) => {
      const doc = await loadSurvey(surveyId, caller);
      return { survey: surveyView(doc, now), answered: await answeredBy(doc, caller.openid) };
    },
  },
  respond: {
    input: z.strictObject({
      surveyId: idSchema,
      items: z
        .array(z.strictObject({ subjectId: idSchema, answers: z.array(answerSchema).min(1).max(SURVEY_LIMITS.questions.max) }))
        .min(1, '请至少评价一个对象')
        .max(SURVEY_LIMITS.subjects.max),
    }),
    roles: ['resident'],
    // No per-caller counter: it would store the openid beside the hour of a response. One response
    // per survey bounds what a person can send.
    run: async ({ caller, now }, { surveyId, items }) => {
      const doc = await loadSurvey(surveyId, caller);
      const ballot = ballotOf(doc, caller.openid);
      if (!isAnswerable(doc, now) || !ballot)
        throw new AppError('CONFLICT', now < doc.opensAt && doc.status === 'open' ? '调查尚未开始' : '调查已结束，感谢关注');
      const stored = storedItems(doc, items);
      await checkText(caller.openid, ...stored.flatMap((i) => i.answers.filter((a): a is string => typeof a === 'string')));
      const response: ResponseDoc = {
        _id: ballot,
        surveyId,
        day: countyDay(now),
        items: stored,
        counted: false,
      };
      try {
        await insert('survey_responses', response);
        return { duplicate: false };
      } catch (e) {
        // The same person answered before (or a retry of this very answer won the insert).
        const prev = await getById<ResponseDoc>('survey_responses', response._id);
        if (!prev) throw e;
        if (JSON.stringify(prev.items) === JSON.stringify(stored)) return { duplicate: true };
        throw new AppError('CONFLICT', '您已参加过本次调查，每人只能提交一次');
      }
    },
  },
  results: {
    input: z.strictObject({ surveyId: idSchema }),
    roles: ['resident'],
    run: async ({ caller }, { surveyId }) => {
      const doc = await loadSurvey(surveyId, caller);
      return resultsFor(doc, await getById<TallyDoc>('survey_tallies', surveyId), caller);
    },
  },
  manage: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['admin'],
    run: async ({ now }, { cursor }) => {
      const page = await findPage<SurveyDoc>('surveys', {}, decodeCursor(cursor), 20, { ballotKey: false, events: false });
      return { items: page.items.map((d) => surveyView(d, now)), cursor: page.cursor };
    },
  },
  create: {
    input: z.strictObject({ clientId: clientIdSchema, ...draftShape }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const fields = await draftFields(dir, caller.openid, input);
      const doc: SurveyDoc = {
        _id: `sv-${requestId(caller.openid, input.clientId)}`,
        ...fields,
        status: 'draft',
        resultScope: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [{ type: 'create', at: now, actorId: caller.openid, from: null, to: 'draft', note: null }],
      };
      try {
        await insert('surveys', doc);
        return surveyView(doc, now);
      } catch (e) {
        const prev = await getById<SurveyDoc>('surveys', doc._id); // a retry of the same draft
        if (!prev) throw e;
        return surveyView(prev, now);
      }
    },
  },
  publish: {
    input: moveInput,
    roles: ['admin'],
    run: async ({ caller, now }, { surveyId, version }) => {
      const doc = await mustLoadForAdmin(surveyId);
      if (doc.status === 'draft' && doc.closesAt <= now) throw new AppError('INVALID_INPUT', '结束时间已过，请重新设置调查时间');
      return surveyView(
        await moveSurvey(doc, version, 'publish', caller.openid, now, {
          ...newBallot(),
          // residents who dealt with its units this year are told once it opens (the timer's announceSurveys)
          announcing: true,
          announceUnits: [...new Set(doc.subjects.map((s) => s.unitId))],
          announceCursor: null,
          announced: 0,
        }),
        now,
      );
    },
  },
  close: {
    input: moveInput,
    roles: ['admin'],
    run: async ({ caller, now }, { surveyId, version }) =>
      surveyView(await moveSurvey(await mustLoadForAdmin(surveyId), version, 'close', caller.openid, now), now),
  },
  publishResults: {
    input: z.strictObject({ surveyId: idSchema, version: versionSchema, scope: z.enum(RESULT_SCOPES, { message: '请选择公布范围' }) }),
    roles: ['admin'],
    run: async ({ caller, now }, { surveyId, version, scope }) =>
      surveyView(
        await moveSurvey(await mustLoadForAdmin(surveyId), version, 'publishResults', caller.openid, now, { resultScope: scope }, scope),
        now,
      ),
  },
  exportResults: {
    input: z.strictObject({ surveyId: idSchema }),
    roles: ['admin'],
    run: async ({ caller }, { surveyId }) => {
      const doc = await mustLoadForAdmin(surveyId);
      const results = resultsFor(doc, await getById<TallyDoc>('survey_tallies', surveyId), caller);
      return exportWorkbook(doc, results);
    },
  },
  update: {
    input: z.strictObject({ surveyId: idSchema, version: versionSchema, ...draftShape }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, { surveyId, version, ...input }) => {
      const doc = await mustLoadForAdmin(surveyId);
      // The status and version first: an open survey's questions are what residents already answered.
      if (doc.version !== version) throw conflict();
      if (doc.status !== 'draft') throw new AppError('CONFLICT', '调查已发布，题目和对象不能再改');
      const fields = await draftFields(dir, caller.openid, input);
      return surveyView(await moveSurvey(doc, version, 'edit', caller.openid, now, { ...fields }), now);
    },
  },
};
