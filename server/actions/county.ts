/** The directory a resident and a cadre read: cards by their code, units, places. */
import { z } from 'zod';
import { cloud } from '../cloud';
import { findMany } from '../db';
import { AppError } from '../errors';
import { loadDirectory } from '../directory';
import { figuresOf } from '../domain/figures';
import type { CounterDoc } from '../timer';
import { cardByScene, cardView, type CardDoc, type RegionDoc, type UnitDoc } from '../county';
import type { Actions } from '../serve';
import { empty, idSchema, sceneSchema } from '../schemas';

/** The page a card's 小程序码 opens, with the card's scene key. */
const CARD_PAGE = 'packages/request/card/index';

export const countyActions: Actions<'county'> = {
  card: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['resident'],
    run: async (_ctx, { scene }) => cardView(await cardByScene(scene)),
  },
  unitCards: {
    input: empty,
    roles: ['cadre'],
    run: async ({ caller }) => {
      if (!caller.unitId) return [];
      const cards = await findMany<CardDoc>('cards', { unitId: caller.unitId, active: true }, { limit: 20 });
      return cards.map(cardView);
    },
  },
  cardCode: {
    input: z.strictObject({ cardId: idSchema }),
    roles: ['cadre'],
    run: async ({ caller }, { cardId }) => {
      const card = [...(await loadDirectory()).cards.values()].find((c) => c._id === cardId);
      // Another unit's card, or none: the same answer, no probing.
      if (!card || card.unitId !== caller.unitId) throw new AppError('NOT_FOUND', '没有找到本单位的这张连心卡');
      const res = (await cloud.openapi.wxacode.getUnlimited({ scene: card.scene, page: CARD_PAGE, checkPath: false, width: 430 })) as {
        buffer?: Buffer; contentType?: string; errCode?: number;
      };
      if (!res.buffer || (res.errCode ?? 0) !== 0) throw new Error(`wxacode.getUnlimited errcode ${String(res.errCode)}`);
      return { image: `data:${res.contentType ?? 'image/png'};base64,${Buffer.from(res.buffer).toString('base64')}`, scene: card.scene };
    },
  },
  units: {
    input: empty,
    roles: ['cadre', 'admin'],
    run: async () => {
      const units = await findMany<UnitDoc>('units', {}, { orderBy: [['name', 'asc']], limit: 100 });
      return units.map((u) => ({ id: u._id, name: u.name, kind: u.kind }));
    },
  },
  regions: {
    input: z.strictObject({ parentId: idSchema.optional() }),
    roles: ['resident'],
    run: async (_ctx, { parentId }) => {
      const regions = await findMany<RegionDoc>('regions', { parentId: parentId ?? null }, { orderBy: [['name', 'asc']], limit: 100 });
      return regions.map((r) => ({ id: r._id, name: r.name, parentId: r.parentId }));
    },
  },
  figures: {
    input: z.strictObject({ month: z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-11') }),
    roles: ['cadre', 'admin'],
    run: async ({ caller }, { month }) => {
      const admin = caller.roles.includes('admin');
      if (!admin && !caller.unitId) return [];
      const where = admin ? { month } : { month, unitId: caller.unitId };
      const [rows, dir] = await Promise.all([findMany<CounterDoc>('counters', where, { limit: 100 }), loadDirectory()]);
      return rows
        .map((c) => figuresOf(month, c.unitId, dir.units.get(c.unitId)?.name ?? c.unitId, c))
        .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh'));
    },
  },
};
