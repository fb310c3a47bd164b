/** The `volunteer` function (S6 党员志愿服务) as the pages call it. */
import type {
  AddPairInput,
  CommunityView,
  MyCommunity,
  PostView,
  DutyView,
  OnBehalfInput,
  Page,
  PairView,
  PlanVolActivityInput,
  RecordDutyInput,
  TeamDetail,
  TeamView,
  VolActivityView,
  VolunteerCardView,
  VolunteerFigures,
  VolunteerHome,
} from '../../typings/index';
import type { ReportKind, TeamOrganizer, TeamSkill } from '../shared/volunteers';
import { callCloud } from './cloud';

/** A member's 党群连心服务卡 behind a scanned code's scene key. */
export const fetchVolunteerCard = (scene: string): Promise<VolunteerCardView> => callCloud('volunteer', 'card', { scene });

export const fetchVolunteerHome = (): Promise<VolunteerHome> => callCloud('volunteer', 'home', {});

export const fetchVolunteerCardCode = (): Promise<{ image: string; scene: string }> => callCloud('volunteer', 'cardCode', {});

export const fetchPairs = (cursor?: string): Promise<Page<PairView>> => callCloud('volunteer', 'pairs', cursor ? { cursor } : {});

/** One of my pairs with the first page of its minute. */
export const fetchPair = (pairId: string): Promise<{ pair: PairView; duties: Page<DutyView> }> =>
  callCloud('volunteer', 'pair', { pairId });

export const addPair = (input: AddPairInput): Promise<PairView> => callCloud('volunteer', 'addPair', input);

export const endPair = (pairId: string, version: number, reason: string): Promise<PairView> =>
  callCloud('volunteer', 'endPair', { pairId, version, reason });

export const recordDuty = (input: RecordDutyInput): Promise<DutyView> => callCloud('volunteer', 'record', input);

export const actOnBehalf = (input: OnBehalfInput): Promise<DutyView> => callCloud('volunteer', 'onBehalf', input);

/** The county's volunteer teams (S6.2). */
export const fetchTeams = (): Promise<TeamView[]> => callCloud('volunteer', 'teams', {});

export const fetchTeam = (teamId: string): Promise<TeamDetail> => callCloud('volunteer', 'team', { teamId });

export const joinTeam = (teamId: string, version: number): Promise<TeamView> => callCloud('volunteer', 'joinTeam', { teamId, version });

export const planVolActivity = (input: PlanVolActivityInput): Promise<VolActivityView> => callCloud('volunteer', 'planActivity', input);

/** The venue's 小程序码, to check in at the activity. */
export const fetchActivityCode = (activityId: string): Promise<{ image: string; scene: string }> =>
  callCloud('volunteer', 'activityCode', { activityId });

export const signUp = (activityId: string): Promise<VolActivityView> => callCloud('volunteer', 'signUp', { activityId });

export const checkIn = (scene: string): Promise<VolActivityView> => callCloud('volunteer', 'checkIn', { scene });

export const fetchVolunteerFigures = (year: number): Promise<VolunteerFigures> => callCloud('volunteer', 'figures', { year });

export const createTeam = (input: {
  clientId: string;
  name: string;
  skill: TeamSkill;
  organizer: TeamOrganizer;
  leaderScene: string;
}): Promise<TeamView> => callCloud('volunteer', 'createTeam', input);

/** Where I registered (报到) and its posts; null before I did. */
export const fetchMyCommunity = (): Promise<{ community: MyCommunity | null }> => callCloud('volunteer', 'myCommunity', {});

export const reportTo = (regionId: string, kind: ReportKind): Promise<MyCommunity> => callCloud('volunteer', 'report', { regionId, kind });

export const claimPost = (postId: string): Promise<MyCommunity> => callCloud('volunteer', 'claimPost', { postId });

export const fetchCommunity = (regionId: string): Promise<CommunityView> => callCloud('volunteer', 'community', { regionId });

export const createPost = (input: { clientId: string; regionId: string; title: string; duty: string; slots: number }): Promise<PostView> =>
  callCloud('volunteer', 'createPost', input);
