/** The directory a resident and a cadre read: cards by their code, units, places. */
import { z } from 'zod';
import { findMany } from '../db';
import { loadDirectory } from '../directory';
import { figuresOf } from '../domain/figures';
import type { CounterDoc } from '../timer';
import { cardByScene, cardView, type CardDoc, type RegionDoc, type UnitDoc } from '../county';
import type { Actions } from '../serve';
import { empty, idSchema, sceneSchema } from '../schemas';

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
