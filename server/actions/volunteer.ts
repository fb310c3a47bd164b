/**
 * The `volunteer` function (S6 党员志愿服务): a party member's 党群连心服务卡 and its code; the residents
 * paired with them (一卡四制, within the county's range); the minute of the five duties, where
 * 反馈民意 and 事务代办 become requests on the one lifecycle (server/intake.ts) made on the resident's
 * behalf with their consent, which the resident claims and follows as their own (request.claim);
 * every member's year for the admin, in counts only.
 */
import { z } from 'zod';
import type { DutyView, PairView, VolunteerHome } from '../../typings';
import {
  CONSENT_WAYS,
  DUTY_KINDS,
  MEDIATION_OUTCOMES,
  MINUTE_KINDS,
  ON_BEHALF_KINDS,
  VOL_TEXT,
  type DutyKind,
} from '../../miniprogram/shared/volunteers';
import { db, decodeCursor, findAll, findMany, findPage, getById, type TxLike } from '../db';
import { checkText } from '../content';
import { AppError, conflict } from '../errors';
import { intake, submittedTo } from '../intake';
import { newClaimCode } from '../petitioners';
import { requestId } from '../domain/requestNo';
import { todayOf, yearKey, yearOf } from '../reps';
import { insertCounted, type Counted } from '../tally';
import {
  dutyCounts,
  dutyView,
  ownPair,
  ownVolunteer,
  pairCount,
  pairView,
  requestsOf,
  volEvent,
  volTargets,
  volunteerCard,
  type DutyDoc,
  type PairDoc,
  type VolunteerDoc,
} from '../volunteers';
import type { Caller } from '../caller';
import type { Actions } from '../serve';
import { categorySchema, clientIdSchema, cursorSchema, empty, idSchema, phoneSchema, sceneSchema, text } from '../schemas';
import { miniProgramCode } from '../wxacode';

/** The page a member's card code opens, with its scene key. */
const VOL_CARD_PAGE = 'packages/volunteer/card/index';
const PAGE = 20;

const dateSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2026-11-26');
const versionSchema = z.number().int().min(0).max(1_000_000);

/** A duty of one of the caller's pairs, counted once with the member's year and the pair (a retry is the same entry). */
async function addDuty(caller: Caller, pair: PairDoc, doc: Omit<DutyDoc, 'memberId' | 'pairId' | 'residentName'>): Promise<DutyView> {
  const full: DutyDoc = { ...doc, memberId: caller.openid, pairId: pair._id, residentName: pair.name };
  const saved = await insertCounted('vol_duties', full, dutyCounts(full));
  return dutyView(saved, await requestsOf([saved]));
}

const noDuties = (): Record<DutyKind, number> => Object.fromEntries(DUTY_KINDS.map((k) => [k, 0])) as Record<DutyKind, number>;

export const volunteerActions: Actions<'volunteer'> = {
  card: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['resident'],
    run: async (_ctx, { scene }) => {
      const [v] = await findMany<VolunteerDoc>('volunteers', { scene, active: true }, { limit: 1 });
      if (!v) throw new AppError('NOT_FOUND', '这张党群连心服务卡已失效或不存在');
      return volunteerCard(v);
    },
  },
  home: {
    input: empty,
    roles: ['volunteer'],
    run: async ({ caller, now }): Promise<VolunteerHome> => {
      const [v, targets] = await Promise.all([ownVolunteer(caller), volTargets()]);
      const year = yearOf(now);
      return {
        card: volunteerCard(v),
        year,
        pairs: pairCount(v.pairs ?? 0, targets),
        duties: { ...noDuties(), ...(v.years?.[yearKey(year)]?.byKind ?? {}) },
      };
    },
  },
  cardCode: {
    input: empty,
    roles: ['volunteer'],
    run: async ({ caller }) => {
      const v = await ownVolunteer(caller);
      return { image: await miniProgramCode(v.scene, VOL_CARD_PAGE), scene: v.scene };
    },
  },
  pairs: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['volunteer'],
    // The member's own pairs only: nobody else learns who the residents are.
    run: async ({ caller }, { cursor }) => {
      const page = await findPage<PairDoc>('vol_pairs', { memberId: caller.openid }, decodeCursor(cursor), PAGE, { events: false });
      return { items: page.items.map(pairView), cursor: page.cursor };
    },
  },
  pair: {
    input: z.strictObject({ pairId: idSchema }),
    roles: ['volunteer'],
    run: async ({ caller }, { pairId }) => {
      const pair = await ownPair(caller, pairId);
      const page = await findPage<DutyDoc>('vol_duties', { memberId: caller.openid, pairId }, null, PAGE);
      const requests = await requestsOf(page.items);
      return { pair: pairView(pair), duties: { items: page.items.map((d) => dutyView(d, requests)), cursor: page.cursor } };
    },
  },
  addPair: {
    input: z.strictObject({
      clientId: clientIdSchema,
      name: text(VOL_TEXT.residentName),
      phone: phoneSchema.optional(),
      regionId: idSchema,
      address: text(VOL_TEXT.address),
      note: text(VOL_TEXT.pairNote).optional(),
    }),
    roles: ['volunteer'],
    limit: 'text',
    run: async ({ caller, dir, now }, input): Promise<PairView> => {
      const [v, targets] = await Promise.all([ownVolunteer(caller), volTargets()]);
      const region = dir.regions.get(input.regionId);
      if (!region || !region.parentId) throw new AppError('INVALID_INPUT', '请选择群众所在的村（社区）');
      await checkText(caller.openid, input.name, input.address, input.note);
      const doc: PairDoc = {
        _id: requestId(caller.openid, `pair:${input.clientId}`),
        clientId: input.clientId,
        memberId: v._id,
        name: input.name,
        phone: input.phone ?? null,
        regionId: region._id,
        regionName: region.name,
        address: input.address,
        note: input.note ?? null,
        status: 'active',
        duties: 0,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [volEvent({ events: [] }, 'pair', caller, now)],
      };
      // The range's upper end is enforced with the count, in one transaction: concurrent adds never pass it.
      const count: Counted<VolunteerDoc> = {
        coll: 'volunteers',
        id: v._id,
        bump: (cur) =>
          (cur.pairs ?? 0) >= targets.pairMax
            ? new AppError('CONFLICT', `每名党员结对群众不超过${targets.pairMax}户，请先解除一户再添加`)
            : { pairs: (cur.pairs ?? 0) + 1, updatedAt: now },
      };
      return pairView(await insertCounted('vol_pairs', doc, [count as Counted<unknown>]));
    },
  },
  endPair: {
    input: z.strictObject({ pairId: idSchema, version: versionSchema, reason: text(VOL_TEXT.endReason) }),
    roles: ['volunteer'],
    limit: 'text',
    run: async ({ caller, now }, { pairId, version, reason }): Promise<PairView> => {
      await ownVolunteer(caller);
      const p = await ownPair(caller, pairId);
      if (p.version !== version) throw conflict();
      if (p.status !== 'active') throw new AppError('CONFLICT', '这户群众已经解除结对');
      await checkText(caller.openid, reason);
      const event = volEvent(p, 'end', caller, now, reason);
      // Ended, not deleted: the pair and its minute stay; the member's count drops with it, in one transaction.
      const ok = await db.runTransaction(async (tx: TxLike) => {
        const cur = (await tx.collection('vol_pairs').doc(p._id).get()).data as PairDoc;
        if (cur.version !== version || cur.status !== 'active') return false;
        const v = (await tx.collection('volunteers').doc(caller.openid).get()).data as VolunteerDoc;
        await tx
          .collection('vol_pairs')
          .doc(p._id)
          .update({ data: { status: 'ended', version: version + 1, updatedAt: now, events: [...cur.events, event] } });
        await tx
          .collection('volunteers')
          .doc(caller.openid)
          .update({ data: { pairs: Math.max(0, (v.pairs ?? 0) - 1), updatedAt: now } });
        return true;
      });
      if (!ok) throw conflict();
      return pairView({ ...p, status: 'ended', version: version + 1 });
    },
  },
  duties: {
    input: z.strictObject({ pairId: idSchema.optional(), cursor: cursorSchema }),
    roles: ['volunteer'],
    run: async ({ caller }, { pairId, cursor }) => {
      if (pairId !== undefined) await ownPair(caller, pairId);
      const where = pairId !== undefined ? { memberId: caller.openid, pairId } : { memberId: caller.openid };
      const page = await findPage<DutyDoc>('vol_duties', where, decodeCursor(cursor), PAGE);
      const requests = await requestsOf(page.items);
      return { items: page.items.map((d) => dutyView(d, requests)), cursor: page.cursor };
    },
  },
  record: {
    input: z
      .strictObject({
        clientId: clientIdSchema,
        pairId: idSchema,
        kind: z.enum(MINUTE_KINDS, { message: '请选择服务类型' }),
        date: dateSchema,
        content: text(VOL_TEXT.duty),
        outcome: z.enum(MEDIATION_OUTCOMES, { message: '请选择调解结果' }).optional(),
      })
      .refine((x) => (x.kind === '调解纠纷') === (x.outcome !== undefined), {
        message: '调解纠纷须选择调解结果，其他服务不填',
        path: ['outcome'],
      }),
    roles: ['volunteer'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      await ownVolunteer(caller);
      const pair = await ownPair(caller, input.pairId);
      if (pair.status !== 'active') throw new AppError('CONFLICT', '这户群众已经解除结对');
      if (input.date > todayOf(now)) throw new AppError('INVALID_INPUT', '不能记录今天以后的服务');
      await checkText(caller.openid, input.content);
      return addDuty(caller, pair, {
        _id: requestId(caller.openid, `duty:${input.clientId}`),
        clientId: input.clientId,
        kind: input.kind,
        date: input.date,
        year: Number(input.date.slice(0, 4)),
        content: input.content,
        outcome: input.outcome ?? null,
        consent: null,
        requestId: null,
        createdAt: now,
      });
    },
  },
  onBehalf: {
    input: z.strictObject({
      clientId: clientIdSchema,
      pairId: idSchema,
      kind: z.enum(ON_BEHALF_KINDS, { message: '请选择反馈民意或事务代办' }),
      category: categorySchema,
      content: text(VOL_TEXT.duty),
      consent: z.enum(CONSENT_WAYS, { message: '请确认群众同意由您代为反映或办理，并选择同意方式' }),
    }),
    roles: ['volunteer'],
    limit: 'submit',
    run: async ({ caller, dir, now }, input) => {
      const v = await ownVolunteer(caller);
      const pair = await ownPair(caller, input.pairId);
      const id = requestId(caller.openid, `duty:${input.clientId}`);
      const prior = await getById<DutyDoc>('vol_duties', id);
      if (prior) return dutyView(prior, await requestsOf([prior])); // a retry of the same entry
      if (pair.status !== 'active') throw new AppError('CONFLICT', '这户群众已经解除结对');
      await checkText(caller.openid, input.content);
      // The request is the resident's: their name and phone as for any request (masked to staff), routed by
      // where they live; nobody is its requester until the resident claims it with the code the member hands them.
      const made = await intake(
        {
          submitterId: caller.openid,
          submitterRole: 'volunteer',
          submitterUnit: null,
          clientId: `vol-${input.clientId}`,
          channel: '诉求',
          source: '小程序',
          category: input.category,
          urgency: 'normal',
          content: input.content,
          photos: [],
          receivedAt: now,
          dest: submittedTo(dir, { regionId: pair.regionId, category: input.category }),
          confidential: false,
          mayContact: pair.phone !== null,
          contactName: pair.name,
          contactPhone: pair.phone,
          claimCode: newClaimCode(),
          onBehalf: { memberName: v.name, kind: input.kind, consent: input.consent },
        },
        dir,
        now,
      );
      return addDuty(caller, pair, {
        _id: id,
        clientId: input.clientId,
        kind: input.kind,
        date: todayOf(now),
        year: yearOf(now),
        content: input.content,
        outcome: null,
        consent: input.consent,
        requestId: made.id,
        createdAt: now,
      });
    },
  },
  figures: {
    input: z.strictObject({ year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确') }),
    roles: ['admin'],
    run: async (_ctx, { year }) => {
      const [members, targets] = await Promise.all([
        findAll<VolunteerDoc>(
          'volunteers',
          { active: true },
          { _id: true, name: true, scene: true, branch: true, pairs: true, years: true },
        ),
        volTargets(),
      ]);
      const rows = members.map((m) => ({
        name: m.name,
        scene: m.scene,
        branch: m.branch,
        pairs: pairCount(m.pairs ?? 0, targets),
        duties: m.years?.[yearKey(year)]?.duties ?? 0,
      }));
      // Outside the pair range first (S6.1: 10–20), then by name.
      rows.sort(
        (a, b) => Number(b.pairs.flag !== null) - Number(a.pairs.flag !== null) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      );
      return { year, members: rows };
    },
  },
};
