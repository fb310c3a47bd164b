/**
 * The `county` function: what residents and staff look up in the county — a 连心卡 by its code,
 * the unit's cards and their 小程序码, units, places, and the monthly figures.
 */
import { z } from 'zod';
import { miniProgramCode } from '../wxacode';
import { findAll } from '../db';
import { AppError } from '../errors';
import { figuresOf } from '../domain/figures';
import type { CounterDoc } from '../jobs/figures';
import { cardByScene, cardView, type RegionDoc } from '../directory';
import type { Actions } from '../serve';
import { empty, idSchema, sceneSchema } from '../schemas';

/** The page a card's 小程序码 opens, with the card's scene key. */
const CARD_PAGE = 'packages/request/card/index';

export const countyActions: Actions<'county'> = {
  card: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['resident'],
    run: async ({ dir }, { scene }) => cardView(dir, cardByScene(dir, scene)),
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
      [...dir.units.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((u) => ({ id: u._id, name: u.name, kind: u.kind })),
  },
  regions: {
    input: z.strictObject({ parentId: idSchema.optional() }),
    roles: ['resident'],
    run: async (_ctx, { parentId }) => {
      const regions = await findAll<RegionDoc>('regions', { parentId: parentId ?? null });
      return regions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => ({ id: r._id, name: r.name, parentId: r.parentId }));
    },
  },
  figures: {
    input: z.strictObject({ month: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11') }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, dir }, { month }) => {
      const admin = caller.roles.includes('admin');
      if (!admin && !caller.unitId) return [];
      const where = admin ? { month } : { month, unitId: caller.unitId };
      const rows = await findAll<CounterDoc>('counters', where);
      return rows
        .map((c) => figuresOf(month, c.unitId, dir.units.get(c.unitId)?.name ?? c.unitId, c))
        .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh'));
    },
  },
};
