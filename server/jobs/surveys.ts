/**
 * The timer's survey jobs: residents told of a survey that opened about units they dealt with; each
 * new response, exactly once, into its survey's tally, and each new 三问 vote into its
 * consultation's counts (each in one transaction with the response's or vote's `counted` flag, so a
 * crash or a second run can neither skip nor double it); and surveys past their end are closed,
 * which destroys their key.
 */
import { surveyName } from '../../miniprogram/shared/survey';
import { db, decodeCursor, findMany, findPage, getById, insert, _, type TxLike } from '../db';
import { addResponse, emptyTally } from '../domain/survey';
import type { ConsultDoc, VoteDoc } from '../consultations';
import type { RequestDoc } from '../requests';
import { moveSurvey, type ResponseDoc, type SurveyDoc, type TallyDoc } from '../surveys';
import { BATCH, type StepResult } from './chase';
import { unsent, type NotificationDoc } from './outbox';

/** The survey's answer page, its unit first: where a 民意调查 notice (push and 消息) opens. */
const surveyPage = (surveyId: string, unitId: string): string => `packages/survey/answer/index?id=${surveyId}&unit=${unitId}`;

/** The county's year (UTC+08:00) as [start, end). */
const yearSpan = (year: number): [number, number] => [
  Date.parse(`${year}-01-01T00:00:00+08:00`),
  Date.parse(`${year + 1}-01-01T00:00:00+08:00`),
];

/**
 * S10: residents reach a survey from a subscription message. Once an open survey's period has
 * begun, everyone who brought a request (as its requester or a follower of a merged one) to one of
 * its units in the survey's year is told once — whatever the number of requests and units — by a
 * notice in the outbox: pushed with the one-time 问卷调查通知 template where they allowed it, and in
 * their 消息 either way. The notice names the unit, never a request. Page by page, the place kept on
 * the survey, so a run that stops (time up, a crash) goes on where it was; a notice's id is the
 * survey's and the person's, so nobody is told twice.
 */
export async function announceSurveys({ now, until }: { now: number; until: number }): Promise<StepResult> {
  let examined = 0;
  let done = 0;
  const due = await findMany<SurveyDoc>('surveys', { status: 'open', announcing: true }, { limit: BATCH });
  for (const s of due.filter((d) => d.opensAt <= now && now < d.closesAt)) {
    let units = s.announceUnits ?? [];
    let cursor = s.announceCursor ?? null;
    let told = s.announced ?? 0;
    const [from, to] = yearSpan(s.year);
    while (units.length && Date.now() < until) {
      const unitId = units[0]!;
      const page = await findPage<RequestDoc>(
        'requests',
        { unitId, createdAt: _.gte(from).and(_.lt(to)) },
        decodeCursor(cursor ?? undefined),
        BATCH,
        { requesterId: true, followers: true, createdAt: true },
      );
      const name = s.subjects.find((x) => x.unitId === unitId)?.name ?? '';
      for (const r of page.items) {
        examined += 1;
        for (const who of [r.requesterId, ...(r.followers ?? [])]) {
          if (!who) continue; // a registered 信访 item nobody claimed: no one on the app
          if (await tell(s, who, unitId, name, now)) {
            told += 1;
            done += 1;
          }
        }
      }
      cursor = page.cursor;
      if (!cursor) units = units.slice(1);
      await db
        .collection('surveys')
        .doc(s._id)
        .update({ data: { announceUnits: units, announceCursor: cursor, announced: told } });
    }
    if (!units.length) {
      const event = { type: 'announce', at: now, actorId: null, from: 'open', to: 'open', note: `已通知${told}人` };
      await db
        .collection('surveys')
        .doc(s._id)
        .update({ data: { announcing: false, events: _.push([event]) } });
      done += 1;
    }
  }
  return { examined, done };
}

/** One resident's notice of a survey; false when they were told already (the same id). */
async function tell(s: SurveyDoc, to: string, unitId: string, unitName: string, now: number): Promise<boolean> {
  const n: NotificationDoc = {
    _id: `${s._id}-${to}`,
    requestId: null,
    surveyId: s._id,
    to,
    template: 'survey',
    page: surveyPage(s._id, unitId),
    values: [surveyName(s.year, s.title), s.closesAt, `请您评价${unitName}`],
    ...unsent(now),
  };
  try {
    await insert('notifications', n);
    return true;
  } catch (e) {
    if (await getById<NotificationDoc>('notifications', n._id)) return false;
    throw e;
  }
}

export async function tallySurveys({ now, until }: { now: number; until: number }): Promise<StepResult> {
  let examined = 0;
  let done = 0;
  const expired = await findMany<SurveyDoc>('surveys', { status: 'open', closesAt: _.lte(now) }, { limit: BATCH });
  for (const s of expired) {
    examined += 1;
    try {
      await moveSurvey(s, s.version, 'expire', null, now, {}, '调查期满自动结束');
      done += 1;
    } catch {
      // changed meanwhile (an admin closed it): nothing left to do
    }
  }
  const counted = await countEach<ResponseDoc>('survey_responses', until, async (tx, cur) => {
    const prev = (
      await tx
        .collection('survey_tallies')
        .doc(cur.surveyId)
        .get()
        .catch(() => ({ data: null }))
    ).data as TallyDoc | null;
    const next = addResponse(prev ? { n: prev.n, subjects: prev.subjects } : emptyTally(), cur.items);
    await tx
      .collection('survey_tallies')
      .doc(cur.surveyId)
      .set({ data: { ...next, updatedAt: now } });
  });
  return { examined: examined + counted.examined, done: done + counted.done };
}

/** Each new vote of a consultation, exactly once, into its phase's counts (`votes`, a field no other write touches). */
export const tallyVotes = ({ until }: { until: number }): Promise<StepResult> =>
  countEach<VoteDoc>('consult_votes', until, async (tx, cur) => {
    const c = (await tx.collection('consultations').doc(cur.consultId).get()).data as ConsultDoc;
    const votes = c.votes.map((row, i) => (i === cur.phase ? row.map((n, k) => (k === cur.option ? n + 1 : n)) : row));
    await tx.collection('consultations').doc(cur.consultId).update({ data: { votes } });
  });

/**
 * Each document of `coll` not yet `counted`, batch by batch until none is left or the time is up:
 * `apply` adds it where it counts and the flag is set in the same transaction, so it counts once.
 */
async function countEach<T extends { _id: string; counted: boolean }>(
  coll: 'survey_responses' | 'consult_votes',
  until: number,
  apply: (tx: TxLike, doc: T) => Promise<void>,
): Promise<StepResult> {
  let examined = 0;
  let done = 0;
  const failed = new Set<string>();
  for (;;) {
    const where = failed.size ? { counted: false, _id: _.nin([...failed]) } : { counted: false };
    const batch = await findMany<T>(coll, where, { limit: BATCH, fields: { _id: true } });
    for (const d of batch) {
      examined += 1;
      const applied = await db
        .runTransaction(async (tx: TxLike) => {
          const cur = (await tx.collection(coll).doc(d._id).get()).data as T;
          if (cur.counted) return false;
          await apply(tx, cur);
          await tx
            .collection(coll)
            .doc(d._id)
            .update({ data: { counted: true } });
          return true;
        })
        .catch(() => false);
      if (applied) done += 1;
      else failed.add(d._id);
    }
    if (batch.length < BATCH || Date.now() >= until) return { examined, done };
  }
}
