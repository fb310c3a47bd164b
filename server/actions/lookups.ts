/**
 * The `county` function: what residents and staff look up in the county — a 连心卡 by its code,
 * the unit's cards and their 小程序码, units, places, and the monthly figures.
 */
import { z } from 'zod';
import { miniProgramCode } from '../wxacode';
import { _, afterId, findAll, findMany, idCursor } from '../db';
import { AppError } from '../errors';
import { COUNTY, counterId, countsOf, figuresOf, rates, unitsPage } from '../domain/figures';
import type { CounterDoc } from '../jobs/figures';
import { cardByScene, cardView, type RegionDoc } from '../directory';
import type { Actions } from '../serve';
import { unreachableCadres } from '../reach';
import { cursorSchema, empty, idSchema, sceneSchema } from '../schemas';

/** The page a card's 小程序码 opens, with the card's scene key. */
const CARD_PAGE = 'packages/request/card/index';
/** Units on one page of the 统计 table. */
const FIGURES_PAGE = 20;

export const countyActions: Actions<'county'> = {
  card: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['resident'],
    run: async ({ dir }, { scene }) => {
      // A card taken out of use still says whose it was and its public phones, so the resident is not left at a dead end.
      const retired = dir.retiredCards.get(scene);
      return cardView(dir, retired ?? cardByScene(dir, scene));
    },
  },
  unitCards: {
    input: empty,
    roles: ['cadre'],
    run: async ({ caller, dir }) => {
      if (!caller.unitId) return [];
      // The active cards are in the directory already, every one of them (read page by page).
      return [...dir.cards.values()].filter((c) => c.unitId === caller.unitId).map((c) => cardView(dir, c));
    },
  },
  cardCode: {
    input: z.strictObject({ cardId: idSchema }),
    roles: ['cadre'],
    run: async ({ caller, dir }, { cardId }) => {
      const card = [...dir.cards.values()].find((c) => c._id === cardId);
      // Another unit's card, or none: the same answer, no probing.
      if (!card || card.unitId !== caller.unitId) throw new AppError('NOT_FOUND', '没有找到本单位的这张连心卡');
      return { image: await miniProgramCode(card.scene, CARD_PAGE), scene: card.scene };
    },
  },
  units: {
    input: empty,
    roles: ['cadre', 'admin'],
    run: async ({ dir }) =>
      [...dir.units.values()]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((u) => ({ id: u._id, name: u.name, kind: u.kind })),
  },
  regions: {
    input: z.strictObject({ parentId: idSchema.optional() }),
    roles: ['resident'],
    run: async (_ctx, { parentId }) => {
      const regions = await findAll<RegionDoc>('regions', { parentId: parentId ?? null });
      return regions
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((r) => ({ id: r._id, name: r.name, parentId: r.parentId }));
    },
  },
  figures: {
    input: z.strictObject({ month: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11'), cursor: cursorSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, dir }, { month, cursor }) => {
      const after = afterId(cursor);
      if (!caller.roles.includes('admin')) {
        // A cadre's own unit, one row (none before anything was counted for it that month).
        if (!caller.unitId || after !== null) return { items: [], cursor: null, county: null };
        const [own] = await findMany<CounterDoc>('counters', { _id: counterId(month, caller.unitId) }, { limit: 1 });
        return {
          items: own ? [figuresOf(month, caller.unitId, dir.units.get(caller.unitId)?.name ?? caller.unitId, own)] : [],
          cursor: null,
          county: null,
        };
      }
      // An admin: a page of units from the directory and, in the same read, their counters and the county's.
      const units = unitsPage(dir.units.values(), after, FIGURES_PAGE);
      if (!units) throw new AppError('INVALID_INPUT', '翻页位置不正确，请刷新列表后重试');
      const ids = [counterId(month, COUNTY), ...units.page.map((u) => counterId(month, u._id))];
      const found = new Map((await findMany<CounterDoc>('counters', { _id: _.in(ids) }, { limit: ids.length })).map((c) => [c._id, c]));
      const county = found.get(ids[0]!);
      // Nothing counted that month: no table of zeros.
      if (!county) return { items: [], cursor: null, county: null };
      const last = units.page[units.page.length - 1];
      return {
        items: units.page.map((u) => figuresOf(month, u._id, u.name, countsOf(found.get(counterId(month, u._id))))),
        cursor: units.more && last ? idCursor(last._id) : null,
        county: rates(month, countsOf(county)),
      };
    },
  },
  unreachable: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['cadre', 'admin'],
    run: ({ caller, dir }, { cursor }) => unreachableCadres(caller, dir, cursor),
  },
};
