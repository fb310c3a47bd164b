import type { CadreLevel, Page, RequestDetail, RequestSummary, Versioned } from '../../typings/index';
import { callCloud } from './cloud';

/** Requests waiting for the dispatcher: unrouted and returned ones. */
export const fetchQueue = (cursor?: string): Promise<Page<RequestSummary>> => callCloud('admin', 'queue', cursor ? { cursor } : {});

/** Sends a waiting request to a unit (派单). */
export const dispatchRequest = (v: Versioned, unitId: string, note?: string): Promise<RequestDetail> =>
  callCloud('admin', 'dispatch', note ? { ...v, unitId, note } : { ...v, unitId });

/** Makes a one-time invite code binding a cadre to a unit. */
export const createInvite = (unitId: string, level: CadreLevel): Promise<{ code: string; expiresAt: number }> =>
  callCloud('admin', 'createInvite', { unitId, level });
