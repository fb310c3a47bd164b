/**
 * 下基层锻炼 (S3): the organisation department posts a reserve cadre (under 45, without grassroots
 * experience — their 干部档案, kept on the cadre's user document) to a village, community or
 * grassroots unit for at least 3 months; the cadre files the final report at the end; the department
 * records the assessment. A posting is read by its cadre and the department only.
 */
import type { PostingView } from '../typings';
import type { AssessmentResult } from '../miniprogram/shared/duties';
import type { Caller } from './caller';
import { postingFigure, type DutyRule } from './domain/duties';
import type { CadreOwned, DutyEvent } from './duties';

export interface PostingDoc extends CadreOwned {
  /** Where: the village or community (region id), and the post as the department names it. */
  regionId: string | null;
  place: string;
  /** 'YYYY-MM-DD': the first day and the last (planned; the final report sets the real one). */
  start: string;
  end: string;
  /** The cadre's age in the posting's year and their experience, as checked when posted. */
  age: number;
  status: 'posted' | 'reported' | 'assessed';
  report: { summary: string; at: number } | null;
  assessment: { result: AssessmentResult; notes: string | null; at: number } | null;
  version: number;
  createdAt: number;
  updatedAt: number;
  events: DutyEvent[];
}

/** The S3.1 days rule in force in the posting's first year (a limit rule: its threshold is the least). */
const postingRule = (rules: readonly DutyRule[], start: string): DutyRule | undefined => {
  const year = Number(start.slice(0, 4));
  return rules.find((r) => r.measure === 'postingDays' && r.fromYear <= year && (r.toYear === null || r.toYear >= year));
};

/** A posting as its cadre or the organisation department reads it, with its S3.1 figure. */
export function postingView(p: PostingDoc, rules: readonly DutyRule[], today: string, caller: Caller): PostingView {
  const rule = postingRule(rules, p.start);
  return {
    id: p._id,
    version: p.version,
    cadreName: p.cadreName,
    unitName: p.unitName,
    place: p.place,
    start: p.start,
    end: p.end,
    age: p.age,
    status: p.status,
    report: p.report?.summary ?? null,
    result: p.assessment?.result ?? null,
    resultNotes: p.assessment?.notes ?? null,
    figure: rule ? postingFigure(rule, { start: p.start, end: p.end, ended: p.status !== 'posted' }, today) : null,
    mine: p.cadreId === caller.openid,
  };
}
