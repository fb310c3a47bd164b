import type { CardView, FiguresPage, Page, RegionView, UnitView, UnreachableCadre } from '../../typings/index';
import { callCloud } from './cloud';

/** The 连心卡 behind a scanned code's scene key. */
export const fetchCard = (scene: string): Promise<CardView> => callCloud('county', 'card', { scene });

/** The cards of my unit (cadres). */
export const fetchUnitCards = (): Promise<CardView[]> => callCloud('county', 'unitCards', {});

/** The printable 小程序码 of one of my unit's cards (a PNG data URL). */
export const fetchCardCode = (cardId: string): Promise<{ image: string; scene: string }> => callCloud('county', 'cardCode', { cardId });

/** All units, for transfer and dispatch pickers. */
export const fetchUnits = (): Promise<UnitView[]> => callCloud('county', 'units', {});

/** Towns (no parent) or the villages/communities of one town. */
export const fetchRegions = (parentId?: string): Promise<RegionView[]> => callCloud('county', 'regions', parentId ? { parentId } : {});

/** One month's figures ("2026-11"): for an admin a page of units (from `cursor`) and the county's totals; my own unit for a cadre. */
export const fetchFigures = (month: string, cursor?: string): Promise<FiguresPage> =>
  callCloud('county', 'figures', cursor ? { month, cursor } : { month });

/** Cadres who receive nothing by push now: the county (admin) or my unit (unit head). */
export const fetchUnreachable = (cursor?: string): Promise<Page<UnreachableCadre>> =>
  callCloud('county', 'unreachable', cursor ? { cursor } : {});
