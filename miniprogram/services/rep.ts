import type {
  ActivityView,
  CompileInput,
  GroupView,
  OpinionView,
  Page,
  ProposalDetail,
  ProposalSummary,
  RecordOpinionInput,
  RepCardView,
  RepHome,
  RepFigures,
  SendOpinionInput,
  VisitView,
} from '../../typings/index';
import type { ActivityKind } from '../shared/reps';
import { callCloud } from './cloud';

/** A representative's public card behind a scanned code's scene key. */
export const fetchRepCard = (scene: string): Promise<RepCardView> => callCloud('rep', 'card', { scene });

/** Sends the representative an opinion through their card. */
export const sendOpinion = (input: SendOpinionInput): Promise<OpinionView> => callCloud('rep', 'send', input);

/** My own opinions, with what became of them. */
export const fetchMyOpinions = (cursor?: string): Promise<Page<OpinionView>> => callCloud('rep', 'myOpinions', cursor ? { cursor } : {});

/** Follows an opinion a representative recorded for me, by the code they gave me. */
export const claimOpinion = (code: string): Promise<OpinionView> => callCloud('rep', 'claimOpinion', { code });

/** Withdraws an opinion not yet compiled (it stays, marked withdrawn). */
export const withdrawOpinion = (opinionId: string, version: number): Promise<OpinionView> =>
  callCloud('rep', 'withdrawOpinion', { opinionId, version });

/** The representative's home: card, this year's progress, recent visits. */
export const fetchRepHome = (): Promise<RepHome> => callCloud('rep', 'home', {});

/** The printable 小程序码 of my card (a PNG data URL). */
export const fetchRepCardCode = (): Promise<{ image: string; scene: string }> => callCloud('rep', 'cardCode', {});

/** Opinions I recorded or that were sent to me. */
export const fetchRepOpinions = (cursor?: string): Promise<Page<OpinionView>> => callCloud('rep', 'opinions', cursor ? { cursor } : {});

/** Records a visit (people met count toward the year's target). */
export const recordVisit = (input: { clientId: string; date: string; place: string; people: number; note?: string }): Promise<VisitView> =>
  callCloud('rep', 'recordVisit', input);

/** Records an opinion heard, on a constituent's behalf. */
export const recordOpinion = (input: RecordOpinionInput): Promise<OpinionView> => callCloud('rep', 'recordOpinion', input);

/** My working group: members, activities and (for the convener) the opinions to compile. */
export const fetchGroup = (): Promise<GroupView> => callCloud('rep', 'group', {});

/** The convener plans a group activity. */
export const planActivity = (input: { clientId: string; kind: ActivityKind; date: string; topic: string }): Promise<ActivityView> =>
  callCloud('rep', 'planActivity', input);

/** The convener records who attended a held activity. */
export const recordAttendance = (activityId: string, version: number, present: string[]): Promise<ActivityView> =>
  callCloud('rep', 'recordAttendance', { activityId, version, present });

/** The convener compiles opinions into a 议案/建议/意见 and submits it to the office. */
export const compileProposal = (input: CompileInput): Promise<ProposalDetail> => callCloud('rep', 'compile', input);

/** Proposals: my group's, or (the office) the waiting ones or all. */
export const fetchProposals = (box: 'waiting' | 'all', cursor?: string): Promise<Page<ProposalSummary>> =>
  callCloud('rep', 'proposals', cursor ? { box, cursor } : { box });

export const fetchProposal = (proposalId: string): Promise<ProposalDetail> => callCloud('rep', 'proposal', { proposalId });

/** The office forwards a proposal to units. */
export const forwardProposal = (proposalId: string, version: number, unitIds: string[], note?: string): Promise<ProposalDetail> =>
  callCloud('rep', 'forward', note ? { proposalId, version, unitIds, note } : { proposalId, version, unitIds });

/** Every representative's year, furthest behind first, and the office's own activities (the office). */
export const fetchRepFigures = (year: number): Promise<RepFigures> => callCloud('rep', 'figures', { year });

/** The office plans an activity of its own. */
export const planOfficeActivity = (input: { clientId: string; kind: ActivityKind; date: string; topic: string }): Promise<ActivityView> =>
  callCloud('rep', 'officePlan', input);

/** The office records which representatives (by their cards' keys) attended its activity. */
export const recordOfficeAttendance = (activityId: string, version: number, present: string[]): Promise<ActivityView> =>
  callCloud('rep', 'officeAttendance', { activityId, version, present });
