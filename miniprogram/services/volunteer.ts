/** The `volunteer` function (S6 党员志愿服务) as the pages call it. */
import type {
  AddPairInput,
  DutyView,
  OnBehalfInput,
  Page,
  PairView,
  RecordDutyInput,
  VolunteerCardView,
  VolunteerHome,
} from '../../typings/index';
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
