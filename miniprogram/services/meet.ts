import type { ReceptionBoard, RosterSetup, RosterView, SensitivePeriodView } from '../../typings/index';
import { callCloud } from './cloud';

/** 今日接访 / 本周接访: the county's (or a card's unit and the county leaders'), and my own days if I receive. */
export const fetchBoard = (scene?: string): Promise<ReceptionBoard> => callCloud('meet', 'board', scene ? { scene } : {});

/** The rules, sensitive periods and scopes a roster can be made for (admin). */
export const fetchRosterSetup = (): Promise<RosterSetup> => callCloud('meet', 'rosterSetup', {});

export const addPeriod = (name: string, from: string, to: string): Promise<SensitivePeriodView[]> =>
  callCloud('meet', 'setPeriod', { name, from, to });

export const removePeriod = (periodId: string): Promise<SensitivePeriodView[]> => callCloud('meet', 'removePeriod', { periodId });

export const generateRoster = (scope: string, month: string): Promise<RosterView> => callCloud('meet', 'generate', { scope, month });

export const fetchRoster = (scope: string, month: string): Promise<RosterView> => callCloud('meet', 'roster', { scope, month });

export const swapLeader = (r: RosterView, date: string, leaderKey: string): Promise<RosterView> =>
  callCloud('meet', 'swap', { rosterId: r.id, version: r.version, date, leaderKey });

export const publishRoster = (r: RosterView): Promise<RosterView> => callCloud('meet', 'publish', { rosterId: r.id, version: r.version });
