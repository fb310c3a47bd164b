/**
 * The `county` function: what residents and staff look up in the county — a 连心卡 by its code,
 * the unit's cards and their 小程序码, units, places, and the monthly figures.
 */
import { z } from 'zod';
import { miniProgramCode } from '../wxacode';
import { checkText } from '../content';
import { _, afterId, findAll, findMany, idCursor } from '../db';
import { AppError } from '../errors';
import { COUNTY, counterId, countsOf, figuresOf, rates, unitsPage } from '../domain/figures';
import type { CounterDoc } from '../jobs/figures';
import { chosenUnit, type RegionDoc } from '../directory';
import { CARD_FIELDS, CARD_PHONE_PATTERN, HAND_OUT_TO, REVOKE_REASON, cardPhoneMessage } from '../../miniprogram/shared/cards';
import {
  CARD_PAGE,
  cardEntry,
  cardsInUse,
  handOut,
  mayPrint,
  kindOf,
  cardView,
  editCard,
  editableCard,
  ownCard,
  revokeCard,
  scannedCard,
  unitCards,
  type CardDoc,
} from '../cards';
import type { Actions } from '../serve';
import { unreachableCadres } from '../reach';
import { clientIdSchema, cursorSchema, empty, idSchema, sceneSchema, text } from '../schemas';

/** Units on one page of the 统计 table. */
const FIGURES_PAGE = 20;
const versionSchema = z.number().int().min(0).max(1_000_000);

/** A card's fields as an editor sends them: each with its own limits (shared with the form), phones by pattern. */
const cardFieldsSchema = z.strictObject(
  Object.fromEntries(
    CARD_FIELDS.map((f) => [f.key, (f.phone ? text(f).regex(CARD_PHONE_PATTERN, cardPhoneMessage(f)) : text(f)).optional()]),
  ) as Record<(typeof CARD_FIELDS)[number]['key'], z.ZodOptional<ReturnType<typeof text>>>,
);

export const countyActions: Actions<'county'> = {
  card: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['resident'],
    // A card taken out of use still says whose unit it was and leads there, so the resident is not left at a dead end.
    run: ({ dir }, { scene }) => scannedCard(dir, scene),
  },
  unitCards: {
    input: empty,
    roles: ['cadre'],
    run: async ({ caller, dir }) => (caller.unitId ? (await cardsInUse(caller.unitId)).map((c) => cardView(dir, c)) : []),
  },
  cardCode: {
    input: z.strictObject({ cardId: idSchema }),
    roles: ['cadre'],
    run: async ({ caller }, { cardId }) => {
      const [card] = await findMany<CardDoc>('cards', { _id: cardId }, { limit: 1, fields: { events: false } });
      // Another unit's card, one out of use, or none: the same answer, no probing.
      const ours = card?.cadreId === caller.openid || (caller.unitId !== null && card?.unitId === caller.unitId);
      if (!card?.active || !ours) throw new AppError('NOT_FOUND', '没有找到本单位的这张连心卡');
      return { image: await miniProgramCode(card.scene, CARD_PAGE), scene: card.scene };
    },
  },
  myCards: {
    input: empty,
    roles: ['cadre'],
    run: async ({ caller, dir, now }) => {
      const [mine, unit] = await Promise.all([ownCard(caller, now), caller.unitId ? cardsInUse(caller.unitId) : []]);
      return {
        mine: cardEntry(dir, caller, mine),
        unit: unit.filter((c) => kindOf(c) === 'unit').map((c) => cardEntry(dir, caller, c)),
      };
    },
  },
  cards: {
    input: z.strictObject({ unitId: idSchema }),
    roles: ['admin'],
    run: async ({ caller, dir, now }, { unitId }) => {
      chosenUnit(dir, unitId);
      return (await unitCards(unitId, now)).map((c) => cardEntry(dir, caller, c));
    },
  },
  editCard: {
    input: z.strictObject({ cardId: idSchema, version: versionSchema, fields: cardFieldsSchema }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, { cardId, version, fields }) => {
      const card = await editableCard(caller, cardId);
      // What a card says is published to everyone who scans it: checked like any text residents read.
      await checkText(caller.openid, ...Object.values(fields));
      return cardEntry(dir, caller, await editCard(card, version, fields, caller.openid, now));
    },
  },
  handOut: {
    input: z.strictObject({
      cardId: idSchema,
      version: versionSchema,
      clientId: clientIdSchema,
      copies: z.number().int().min(1, '发放张数至少为1').max(10_000, '一次登记的发放张数请不超过10000'),
      to: text(HAND_OUT_TO),
    }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, { cardId, ...input }) => {
      const card = await editableCard(caller, cardId, mayPrint);
      await checkText(caller.openid, input.to);
      return cardEntry(dir, caller, await handOut(card, input, caller.openid, now));
    },
  },
  revokeCard: {
    input: z.strictObject({ cardId: idSchema, version: versionSchema, reason: text(REVOKE_REASON) }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, { cardId, version, reason }) => {
      const card = await editableCard(caller, cardId);
      await checkText(caller.openid, reason);
      return cardEntry(dir, caller, await revokeCard(card, version, reason, caller.openid, now));
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
