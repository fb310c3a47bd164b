/**
 * The `volunteer` function (S6 党员志愿服务): a party member's 党群连心服务卡 and its code; the residents
 * paired with them (一卡四制, within the county's range); the minute of the five duties, where
 * 反馈民意 and 事务代办 become requests on the one lifecycle (server/intake.ts) made on the resident's
 * behalf with their consent, which the resident claims and follows as their own (request.claim);
 * every member's year for the admin, in counts only.
 */
import { z } from 'zod';
import type { CommunityView, DutyView, MyCommunity, PairView, TeamDetail, VolunteerHome } from '../../typings';
import {
  ACTIVITY_CAPACITY,
  CONSENT_WAYS,
  DUTY_KINDS,
  MEDIATION_OUTCOMES,
  MINUTE_KINDS,
  ON_BEHALF_KINDS,
  POST_SLOTS,
  POST_TEXT,
  REPORT_KINDS,
  TEAM_ORGANIZERS,
  TEAM_SKILLS,
  TEAM_TEXT,
  VOL_TEXT,
  type DutyKind,
} from '../../miniprogram/shared/volunteers';
import { _, casUpdate, db, decodeCursor, findAll, findMany, findPage, getById, insert, type TxLike } from '../db';
import { checkText } from '../content';
import { AppError, conflict } from '../errors';
import { intake, submittedTo } from '../intake';
import { readableCode } from '../invites';
import { newClaimCode } from '../petitioners';
import { serviceDay } from '../domain/calendar';
import { requestId } from '../domain/requestNo';
import { todayOf, yearKey, yearOf } from '../reps';
import { insertCounted, type Counted } from '../tally';
import {
  activityView,
  checkinId,
  dutyCounts,
  dutyView,
  managedRegion,
  mineOf,
  postClaimId,
  postView,
  ownPair,
  ownVolunteer,
  pairCount,
  pairView,
  requestsOf,
  signupId,
  teamView,
  volEvent,
  volTargets,
  volunteerCard,
  type DutyDoc,
  type PairDoc,
  type PostClaimDoc,
  type PostDoc,
  type SignupDoc,
  type TeamDoc,
  type VolActivityDoc,
  type VolunteerDoc,
} from '../volunteers';
import type { Caller } from '../caller';
import type { Actions } from '../serve';
import { categorySchema, clientIdSchema, cursorSchema, empty, idSchema, phoneSchema, sceneSchema, text } from '../schemas';
import { miniProgramCode } from '../wxacode';

/** The page a member's card code opens, with its scene key. */
const VOL_CARD_PAGE = 'packages/volunteer/card/index';
/** The page a venue's code opens, and its scene keys' prefix (`a-` and 8 characters). */
const CHECKIN_PAGE = 'packages/volunteer/checkin/index';
const VENUE_SCENE_PREFIX = 'a-';

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
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

/** The caller's community as they see it: where they reported, its posts, which they hold. */
async function myCommunity(caller: Caller, v: VolunteerDoc): Promise<MyCommunity> {
  const posts = await findAll<PostDoc>('vol_posts', { regionId: v.communityId });
  const claimed = posts.length
    ? await findMany<{ _id: string }>(
        'vol_post_claims',
        { _id: _.in(posts.map((p) => postClaimId(p._id, caller.openid))) },
        { limit: posts.length, fields: { _id: true } },
      )
    : [];
  const mine = new Set(claimed.map((c) => c._id));
  return {
    regionId: v.communityId!,
    regionName: v.communityName ?? '',
    kind: v.reportKind ?? '在职党员报到',
    at: v.reportedAt ?? 0,
    posts: posts.map((p) => postView(p, mine.has(postClaimId(p._id, caller.openid)))),
  };
}

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
        activities: { attended: v.years?.[yearKey(year)]?.activities ?? 0, target: targets.volunteerActivitiesPerYear },
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
          dest: await submittedTo(dir, { regionId: pair.regionId, category: input.category }),
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
    run: async ({ caller }, { year }) => {
      const [members, teams, targets] = await Promise.all([
        findAll<VolunteerDoc>(
          'volunteers',
          { active: true },
          { _id: true, name: true, scene: true, branch: true, pairs: true, years: true },
        ),
        findAll<TeamDoc>('vol_teams', {}),
        volTargets(),
      ]);
      const rows = members.map((m) => ({
        name: m.name,
        scene: m.scene,
        branch: m.branch,
        pairs: pairCount(m.pairs ?? 0, targets),
        duties: m.years?.[yearKey(year)]?.duties ?? 0,
        activities: m.years?.[yearKey(year)]?.activities ?? 0,
        activityTarget: targets.volunteerActivitiesPerYear,
      }));
      const behind = (r: (typeof rows)[number]): boolean => r.pairs.flag !== null || r.activities < r.activityTarget;
      // Outside the pair range (S6.1: 10–20) or short of activities (S6.3: ≥ 2) first, then by name.
      rows.sort((a, b) => Number(behind(b)) - Number(behind(a)) || byName(a, b));
      const teamRows = teams.map((t) => teamView(t, caller, year, targets)).sort((a, b) => a.held - b.held || byName(a, b));
      return { year, members: rows, teams: teamRows };
    },
  },
  teams: {
    input: empty,
    roles: ['volunteer', 'admin'],
    run: async ({ caller, now }) => {
      const [teams, targets] = await Promise.all([findAll<TeamDoc>('vol_teams', {}), volTargets()]);
      return teams.map((t) => teamView(t, caller, yearOf(now), targets)).sort(byName);
    },
  },
  team: {
    input: z.strictObject({ teamId: idSchema }),
    roles: ['volunteer', 'admin'],
    run: async ({ caller, dir, now }, { teamId }): Promise<TeamDetail> => {
      const [t, targets, activities] = await Promise.all([
        getById<TeamDoc>('vol_teams', teamId),
        volTargets(),
        findMany<VolActivityDoc>('vol_activities', { teamId }, { orderBy: [['date', 'desc']], limit: 20 }),
      ]);
      if (!t) throw new AppError('NOT_FOUND', '没有找到这支服务队');
      const mine = await mineOf(caller, activities);
      const proposedDate = serviceDay(todayOf(now), dir.calendar);
      return {
        ...teamView(t, caller, yearOf(now), targets),
        activities: activities.map((a) => activityView(a, mine.get(a._id) ?? 'none', serviceDay(`${a.date.slice(0, 7)}-01`, dir.calendar))),
        proposedDate,
      };
    },
  },
  createTeam: {
    input: z.strictObject({
      clientId: clientIdSchema,
      name: text(TEAM_TEXT.teamName),
      skill: z.enum(TEAM_SKILLS, { message: '请选择服务领域' }),
      organizer: z.enum(TEAM_ORGANIZERS, { message: '请选择组织单位' }),
      leaderScene: sceneSchema,
    }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, now }, input) => {
      const [leader] = await findMany<VolunteerDoc>('volunteers', { scene: input.leaderScene, active: true }, { limit: 1 });
      if (!leader) throw new AppError('INVALID_INPUT', '队长须是有党群连心服务卡的党员，请核对服务卡');
      await checkText(caller.openid, input.name);
      const doc: TeamDoc = {
        _id: requestId(caller.openid, `team:${input.clientId}`),
        clientId: input.clientId,
        name: input.name,
        skill: input.skill,
        organizer: input.organizer,
        leaderId: leader._id,
        leaderName: leader.name,
        members: [leader._id],
        years: {},
        version: 0,
        createdAt: now,
        updatedAt: now,
      };
      const saved = await insert('vol_teams', doc).then(
        () => doc,
        async (e: unknown) => {
          // A retry of the same team: answer with what was stored.
          const again = await getById<TeamDoc>('vol_teams', doc._id);
          if (!again) throw e;
          return again;
        },
      );
      return teamView(saved, caller, yearOf(now), await volTargets());
    },
  },
  joinTeam: {
    input: z.strictObject({ teamId: idSchema, version: versionSchema }),
    roles: ['volunteer'],
    run: async ({ caller, now }, { teamId, version }) => {
      await ownVolunteer(caller);
      const t = await getById<TeamDoc>('vol_teams', teamId);
      if (!t) throw new AppError('NOT_FOUND', '没有找到这支服务队');
      const targets = await volTargets();
      if (t.members.includes(caller.openid)) return teamView(t, caller, yearOf(now), targets);
      if (t.version !== version) throw conflict();
      const members = [...t.members, caller.openid];
      if (!(await casUpdate('vol_teams', t._id, version, { members, updatedAt: now }))) throw conflict();
      return teamView({ ...t, members, version: version + 1 }, caller, yearOf(now), targets);
    },
  },
  planActivity: {
    input: z.strictObject({
      clientId: clientIdSchema,
      teamId: idSchema,
      title: text(TEAM_TEXT.title),
      date: dateSchema,
      place: text(TEAM_TEXT.place),
      capacity: z
        .number()
        .int()
        .min(ACTIVITY_CAPACITY.min, `人数请填写${ACTIVITY_CAPACITY.min}到${ACTIVITY_CAPACITY.max}之间的整数`)
        .max(ACTIVITY_CAPACITY.max, `人数请填写${ACTIVITY_CAPACITY.min}到${ACTIVITY_CAPACITY.max}之间的整数`),
    }),
    roles: ['volunteer'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const t = await getById<TeamDoc>('vol_teams', input.teamId);
      if (!t) throw new AppError('NOT_FOUND', '没有找到这支服务队');
      if (t.leaderId !== caller.openid) throw new AppError('FORBIDDEN', '只有服务队队长可以安排活动');
      if (input.date < todayOf(now)) throw new AppError('INVALID_INPUT', '活动日期不能早于今天');
      await checkText(caller.openid, input.title, input.place);
      const doc: VolActivityDoc = {
        _id: requestId(caller.openid, `vact:${input.clientId}`),
        clientId: input.clientId,
        teamId: t._id,
        teamName: t.name,
        title: input.title,
        date: input.date,
        place: input.place,
        capacity: input.capacity,
        signedUp: 0,
        checkedIn: 0,
        venueScene: `${VENUE_SCENE_PREFIX}${readableCode()}`,
        status: 'planned',
        createdAt: now,
        updatedAt: now,
      };
      const saved = await insert('vol_activities', doc).then(
        () => doc,
        async (e: unknown) => {
          const again = await getById<VolActivityDoc>('vol_activities', doc._id);
          if (!again) throw e;
          return again;
        },
      );
      return activityView(saved, 'none', serviceDay(`${saved.date.slice(0, 7)}-01`, dir.calendar));
    },
  },
  activityCode: {
    input: z.strictObject({ activityId: idSchema }),
    roles: ['volunteer'],
    run: async ({ caller }, { activityId }) => {
      const a = await getById<VolActivityDoc>('vol_activities', activityId);
      const t = a ? await getById<TeamDoc>('vol_teams', a.teamId) : null;
      if (!a || !t) throw new AppError('NOT_FOUND', '没有找到这项活动');
      if (t.leaderId !== caller.openid) throw new AppError('FORBIDDEN', '只有服务队队长可以出示签到码');
      return { image: await miniProgramCode(a.venueScene, CHECKIN_PAGE), scene: a.venueScene };
    },
  },
  signUp: {
    input: z.strictObject({ activityId: idSchema }),
    roles: ['volunteer'],
    run: async ({ caller, dir, now }, { activityId }) => {
      const v = await ownVolunteer(caller);
      const a = await getById<VolActivityDoc>('vol_activities', activityId);
      if (!a) throw new AppError('NOT_FOUND', '没有找到这项活动');
      const doc: SignupDoc = { _id: signupId(a._id, v._id), activityId: a._id, memberId: v._id, memberName: v.name, at: now };
      const already = await getById<SignupDoc>('vol_signups', doc._id);
      if (!already && a.date < todayOf(now)) throw new AppError('CONFLICT', '活动已经结束，不能再报名');
      // The capacity is checked with the count in one transaction: concurrent sign-ups never pass it.
      const places: Counted<VolActivityDoc> = {
        coll: 'vol_activities',
        id: a._id,
        bump: (cur) =>
          cur.signedUp >= cur.capacity
            ? new AppError('CONFLICT', `报名人数已满（${cur.capacity}人）`)
            : { signedUp: cur.signedUp + 1, updatedAt: now },
      };
      const service = serviceDay(`${a.date.slice(0, 7)}-01`, dir.calendar);
      if (already) {
        // Signed up before: answer with what they did since (checked in, or not yet).
        const checked = await getById<{ _id: string }>('vol_checkins', checkinId(a._id, v._id));
        return activityView(a, checked ? 'checkedIn' : 'signedUp', service);
      }
      await insertCounted('vol_signups', doc, [places as Counted<unknown>]);
      // The count as read before this sign-up, plus it (others may have signed up meanwhile; the team page reloads).
      return activityView({ ...a, signedUp: a.signedUp + 1 }, 'signedUp', service);
    },
  },
  checkIn: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['volunteer'],
    run: async ({ caller, dir, now }, { scene }) => {
      const v = await ownVolunteer(caller);
      const [a] = await findMany<VolActivityDoc>('vol_activities', { venueScene: scene }, { limit: 1 });
      if (!a) throw new AppError('NOT_FOUND', '这不是志愿服务活动的签到码，请对准活动现场的签到码扫描');
      const service = serviceDay(`${a.date.slice(0, 7)}-01`, dir.calendar);
      if (a.date !== todayOf(now)) throw new AppError('CONFLICT', `请在活动当天（${a.date}）到现场签到`);
      if (!(await getById<SignupDoc>('vol_signups', signupId(a._id, v._id))))
        throw new AppError('CONFLICT', '您没有报名这项活动，请先报名');
      const year = Number(a.date.slice(0, 4));
      const key = yearKey(year);
      // The first check-in holds the activity: the team's year counts it once (the activity is read first, in the same transaction).
      let firstHeld = false;
      const activity: Counted<VolActivityDoc> = {
        coll: 'vol_activities',
        id: a._id,
        bump: (cur) => {
          firstHeld = cur.status !== 'held';
          return { checkedIn: cur.checkedIn + 1, status: 'held', updatedAt: now };
        },
      };
      const member: Counted<VolunteerDoc> = {
        coll: 'volunteers',
        id: v._id,
        bump: (cur) => {
          const prev = cur.years?.[key] ?? { duties: 0, byKind: {} };
          return { years: { ...(cur.years ?? {}), [key]: { ...prev, activities: (prev.activities ?? 0) + 1 } } };
        },
      };
      const team: Counted<TeamDoc> = {
        coll: 'vol_teams',
        id: a.teamId,
        bump: (cur) =>
          firstHeld ? { years: { ...(cur.years ?? {}), [key]: { held: (cur.years?.[key]?.held ?? 0) + 1 } } } : { updatedAt: now },
      };
      const checkin = { _id: checkinId(a._id, v._id), activityId: a._id, memberId: v._id, at: now };
      const saved = await insertCounted('vol_checkins', checkin, [activity, member, team] as Counted<unknown>[]);
      // A repeated scan finds its check-in and counts nothing: the activity as read; else this one is counted.
      const counted = saved.at === now ? { ...a, checkedIn: a.checkedIn + 1, status: 'held' as const } : a;
      return activityView(counted, 'checkedIn', service);
    },
  },
  myCommunity: {
    input: empty,
    roles: ['volunteer'],
    run: async ({ caller }) => {
      const v = await ownVolunteer(caller);
      return { community: v.communityId ? await myCommunity(caller, v) : null };
    },
  },
  report: {
    input: z.strictObject({ regionId: idSchema, kind: z.enum(REPORT_KINDS, { message: '请选择在职党员报到或无职党员设岗' }) }),
    roles: ['volunteer'],
    run: async ({ caller, dir, now }, { regionId, kind }) => {
      const v = await ownVolunteer(caller);
      const region = dir.regions.get(regionId);
      if (!region || !region.parentId) throw new AppError('INVALID_INPUT', '请选择报到的村（社区）');
      // Moving while holding posts would leave them held by someone no longer there.
      if (v.communityId && v.communityId !== regionId && (v.posts ?? 0) > 0)
        throw new AppError('CONFLICT', `您已在${v.communityName ?? '原村（社区）'}认领了岗位，请先联系该村（社区）调整`);
      const next = {
        communityId: region._id,
        communityName: region.name,
        reportKind: kind,
        reportedAt: v.communityId === regionId ? (v.reportedAt ?? now) : now,
        updatedAt: now,
      };
      await db.collection('volunteers').doc(v._id).update({ data: next });
      return myCommunity(caller, { ...v, ...next });
    },
  },
  claimPost: {
    input: z.strictObject({ postId: idSchema }),
    roles: ['volunteer'],
    run: async ({ caller, now }, { postId }) => {
      const v = await ownVolunteer(caller);
      const p = await getById<PostDoc>('vol_posts', postId);
      if (!p || p.regionId !== v.communityId) throw new AppError('NOT_FOUND', '没有找到这个岗位，请先向岗位所在的村（社区）报到');
      const claim: PostClaimDoc = {
        _id: postClaimId(p._id, v._id),
        postId: p._id,
        regionId: p.regionId,
        memberId: v._id,
        memberName: v.name,
        at: now,
      };
      // The post's places and the member's count in one transaction: concurrent claims never pass the slots.
      const post: Counted<PostDoc> = {
        coll: 'vol_posts',
        id: p._id,
        bump: (cur) =>
          cur.claimed >= cur.slots
            ? new AppError('CONFLICT', `这个岗位已满（${cur.slots}人）`)
            : { claimed: cur.claimed + 1, updatedAt: now },
      };
      const member: Counted<VolunteerDoc> = {
        coll: 'volunteers',
        id: v._id,
        bump: (cur) => ({ posts: (cur.posts ?? 0) + 1, updatedAt: now }),
      };
      await insertCounted('vol_post_claims', claim, [post, member] as Counted<unknown>[]);
      return myCommunity(caller, v);
    },
  },
  createPost: {
    input: z.strictObject({
      clientId: clientIdSchema,
      regionId: idSchema,
      title: text(POST_TEXT.title),
      duty: text(POST_TEXT.duty),
      slots: z
        .number()
        .int()
        .min(POST_SLOTS.min, `人数请填写${POST_SLOTS.min}到${POST_SLOTS.max}之间的整数`)
        .max(POST_SLOTS.max, `人数请填写${POST_SLOTS.min}到${POST_SLOTS.max}之间的整数`),
    }),
    roles: ['cadre', 'admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const region = managedRegion(dir, caller, input.regionId);
      await checkText(caller.openid, input.title, input.duty);
      const doc: PostDoc = {
        _id: requestId(caller.openid, `vpost:${input.clientId}`),
        clientId: input.clientId,
        regionId: region._id,
        regionName: region.name,
        title: input.title,
        duty: input.duty,
        slots: input.slots,
        claimed: 0,
        createdAt: now,
        updatedAt: now,
      };
      const saved = await insert('vol_posts', doc).then(
        () => doc,
        async (e: unknown) => {
          const again = await getById<PostDoc>('vol_posts', doc._id);
          if (!again) throw e;
          return again;
        },
      );
      return postView(saved, false);
    },
  },
  community: {
    input: z.strictObject({ regionId: idSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, dir }, { regionId }): Promise<CommunityView> => {
      const region = managedRegion(dir, caller, regionId);
      const [members, posts, claims] = await Promise.all([
        findAll<VolunteerDoc>(
          'volunteers',
          { communityId: regionId },
          { _id: true, name: true, branch: true, reportKind: true, reportedAt: true },
        ),
        findAll<PostDoc>('vol_posts', { regionId }),
        findAll<PostClaimDoc>('vol_post_claims', { regionId }),
      ]);
      const byMember = new Map<string, string[]>();
      const byPost = new Map<string, string[]>();
      const titles = new Map(posts.map((p) => [p._id, p.title]));
      for (const c of claims) {
        byMember.set(c.memberId, [...(byMember.get(c.memberId) ?? []), titles.get(c.postId) ?? '']);
        byPost.set(c.postId, [...(byPost.get(c.postId) ?? []), c.memberName]);
      }
      return {
        regionId: region._id,
        regionName: region.name,
        // Members are named as on their cards (public); no openid leaves the server.
        members: members
          .map((m) => ({
            name: m.name,
            branch: m.branch,
            kind: m.reportKind ?? '在职党员报到',
            at: m.reportedAt ?? 0,
            posts: byMember.get(m._id) ?? [],
          }))
          .sort((a, b) => a.posts.length - b.posts.length || byName(a, b)),
        posts: posts
          .map((p) => ({ ...postView(p, false), claimers: byPost.get(p._id) ?? [] }))
          .sort((a, b) => a.claimed - b.claimed || byName({ name: a.title }, { name: b.title })),
      };
    },
  },
};
