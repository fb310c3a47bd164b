/**
 * One timer run: stored-data migrations (once each), the chase, then the figures and outbox, then residents told of surveys that opened, the 约访 reminders, then sending, then the survey tallies and the 三问 votes — in that order, each within
 * what is left of the invocation's time; the next run goes on where this one stopped.
 */
import { loadDirectory } from './directoryCache';
import { chase, type StepResult } from './jobs/chase';
import { project } from './jobs/figures';
import { send, type SendStepResult } from './jobs/outbox';
import { migrate } from './jobs/migrate';
import { announceSurveys, tallySurveys, tallyVotes } from './jobs/surveys';
import { sweepStandings } from './duties';
import { remindMeetings } from './jobs/meetReminders';
import { remindFestivals } from './reliefs';

/** Of the 10 s the timer function may run (cloudfunctions/timer/config.json): a step's last batch may pass it and still end in time on a busy host. */
export const TIMER_BUDGET_MS = 7_000;

export async function runTimer(
  now: number,
  budgetMs = TIMER_BUDGET_MS,
): Promise<{
  migrate: StepResult;
  chase: StepResult;
  project: StepResult;
  announce: StepResult;
  meetReminders: StepResult;
  send: SendStepResult;
  surveys: StepResult;
  votes: StepResult;
  duties: StepResult;
  festivals: StepResult;
}> {
  const until = Date.now() + budgetMs;
  const dir = await loadDirectory();
  const m = await migrate({ now, until });
  const c = await chase({ dir, now, until });
  const p = await project({ now, until });
  const a = await announceSurveys({ now, until });
  // 约访 reminders join the outbox before it is sent, so they go out in the same run.
  const r = await remindMeetings({ now, until });
  const s = await send({ dir, now, until });
  const t = await tallySurveys({ now, until });
  const v = await tallyVotes({ until });
  // 干部履职: leaders' tallies made and re-ranked for the day (records re-rank their cadre at once)
  const d = await sweepStandings(dir, now, until);
  // 扶贫济困 (S8): a notice to each pair's cadre before 元旦, 春节, 春种, 八一, 秋收
  const f = await remindFestivals({ now, until });
  return { migrate: m, chase: c, project: p, announce: a, meetReminders: r, send: s, surveys: t, votes: v, duties: d, festivals: f };
}
