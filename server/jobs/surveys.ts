/**
 * The timer's survey jobs: each new response, exactly once, into its survey's tally, and each new
 * 三问 vote into its consultation's counts (each in one transaction with the response's or vote's
 * `counted` flag, so a crash or a second run can neither skip nor double it); and surveys past
 * their end are closed, which destroys their key.
 */
import { db, findMany, _, type TxLike } from '../db';
import { addResponse, emptyTally } from '../domain/survey';
import type { ConsultDoc, VoteDoc } from '../consultations';
import { moveSurvey, type ResponseDoc, type SurveyDoc, type TallyDoc } from '../surveys';
import { BATCH, type StepResult } from './chase';

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
