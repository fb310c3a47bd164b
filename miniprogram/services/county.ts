import type { CardEdit, CardEntry, CardView, FiguresPage, Page, RegionView, UnitView, UnreachableCadre } from '../../typings/index';
import { callCloud } from './cloud';

/** The 连心卡 behind a scanned code's scene key. */
export const fetchCard = (scene: string): Promise<CardView> => callCloud('county', 'card', { scene });

/** The printable 小程序码 of one of my unit's cards (a PNG data URL). */
export const fetchCardCode = (cardId: string): Promise<{ image: string; scene: string }> => callCloud('county', 'cardCode', { cardId });

/** My own 连心卡 (issued the first time I look) and my unit's cards (cadres). */
export const fetchMyCards = (): Promise<{ mine: CardEntry; unit: CardEntry[] }> => callCloud('county', 'myCards', {});

/** Every card of a unit, its cadres' and its own (admin). */
export const fetchCardsOf = (unitId: string): Promise<CardEntry[]> => callCloud('county', 'cards', { unitId });

/** Changes a card (my own, or any as admin); the printed code shows the change at once. */
export const editCard = (cardId: string, version: number, fields: CardEdit): Promise<CardEntry> =>
  callCloud('county', 'editCard', { cardId, version, fields });

/** Takes a card out of use (admin), with the reason. */
export const revokeCard = (cardId: string, version: number, reason: string): Promise<CardEntry> =>
  callCloud('county', 'revokeCard', { cardId, version, reason });

/** 发放: copies of a printed card handed out, and to whom; a retry (same clientId) counts once. */
export const handOutCard = (cardId: string, version: number, clientId: string, copies: number, to: string): Promise<CardEntry> =>
  callCloud('county', 'handOut', { cardId, version, clientId, copies, to });

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
