/**
 * The `duty` function (干部履职: S1 调查研究, S2 基层联系点, S3 下基层锻炼, S5 谈心谈话, S8 扶贫济困): a leader records visits
 * and stays (with photos and the requests gathered on them, which enter the request flow), research
 * reports and talks, and reads their own figures; the organisation department (admin) assigns
 * contact points, reads the county's figures furthest behind first, exports them, and changes a
 * rule for a coming year. Every record raises the cadre's tally in the transaction that stores it.
 * The department also posts reserve cadres to the grassroots and assesses them at the end (S3).
 */
import { z } from 'zod';
import { Workbook } from 'exceljs';
import type { DutyRecordView, DutyRuleView } from '../../typings';
import type { Caller, UserDoc } from '../caller';
import type { Directory } from '../directory';
import {
  ASSESSMENT_RESULTS,
  isLeader,
  PAIR_KINDS,
  DUTY_TEXT,
  MAX_GATHERED,
  PLACE_SLOTS,
  PROGRESS_LABELS,
  SLOT_KINDS,
  TALK_FORMS,
  type SlotKind,
} from '../../miniprogram/shared/duties';
import { MAX_PHOTOS, MAX_PHOTOS_MESSAGE, TEXT } from '../../miniprogram/shared/limits';
import { _, casUpdate, db, decodeCursor, findAll, findMany, findPage, getById, type TxLike } from '../db';
import { checkText } from '../content';
import { AppError, conflict } from '../errors';
import { intake, registeredTo } from '../intake';
import { checkPhotos, requireOwnPhotos } from '../photos';
import { requestId } from '../domain/requestNo';
import {
  addCount,
  addFestival,
  addVisit,
  daysBetween,
  limitOf,
  occasionYear,
  postingMinimum,
  postingRefusal,
  type CadreFacts,
  type DutyRule,
} from '../domain/duties';
import {
  tallyOwner,
  cadreKey,
  figuresOf,
  loadRules,
  overlapsOf,
  ownLeader,
  pointView,
  recordView,
  allStandings,
  standingsPage,
  retally,
  ownedBy,
  standingRow,
  targetKeyOf,
  unitOfPlace,
  todayOf,
  dutyEvent,
  type ContactPointDoc,
  type DutyRecordDoc,
  type TallyDoc,
} from '../duties';
import type { Actions } from '../serve';
import { categorySchema, clientIdSchema, cursorSchema, empty, idSchema, phoneSchema, sceneSchema, text } from '../schemas';
import { miniProgramCode } from '../wxacode';
import type { SurveyDoc } from '../surveys';
import { lunarNewYears, occasionsOf, reliefView, type ReliefDoc } from '../reliefs';
import { postingView, type PostingDoc } from '../postings';
import { insertCounted, type Counted } from '../tally';

/** The cadre an admin names by key: a leader's tally has it; else the county's cadres are hashed (a few hundred ids). */
async function cadreOfKey(key: string): Promise<UserDoc | null> {
  const tallies = await findAll<TallyDoc>('duty_tallies', { key }, { _id: true, key: true });
  const users = tallies.length ? [] : await findAll<{ _id: string }>('users', { roles: 'cadre' }, { _id: true });
  const openid = tallies[0]?._id ?? users.find((u) => cadreKey(u._id) === key)?._id;
  const user = openid ? await getById<UserDoc>('users', openid) : null;
  return user?.roles.includes('cadre') ? user : null;
}

/** The page a contact point's code opens, with its scene key. */
const POINT_PAGE = 'packages/duty/point/index';
const PAGE = 10;
const FIGURES_PAGE = 20;

const dateSchema = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2026-11-26');
const versionSchema = z.number().int().min(0).max(1_000_000);
const yearSchema = z.number().int().min(2000, '年份不正确').max(2100, '年份不正确');

const gatheredSchema = z.strictObject({
  category: categorySchema,
  content: text(TEXT.content),
  contactName: text(TEXT.contactName).optional(),
  contactPhone: phoneSchema.optional(),
});

const visitInput = z
  .strictObject({
    clientId: clientIdSchema,
    kind: z.enum(['visit', 'stay'], { message: '请选择走访调研或住村' }),
    start: dateSchema,
    end: dateSchema,
    regionId: idSchema.optional(),
    pointId: idSchema.optional(),
    place: text(DUTY_TEXT.place),
    purpose: text(DUTY_TEXT.purpose),
    met: text(DUTY_TEXT.met).optional(),
    households: z.number().int().min(0, '走访户数不能为负').max(1000, '一次最多记录1000户'),
    retinue: z.number().int().min(0, '随行人数不能为负').max(50, '随行人数不正确'),
    photos: z
      .array(z.string().regex(/^cloud:\/\/[\w.\-/]{1,240}$/, '照片地址不正确'))
      .max(MAX_PHOTOS, MAX_PHOTOS_MESSAGE)
      .optional(),
    requests: z.array(gatheredSchema).max(MAX_GATHERED, `一次走访最多带回${MAX_GATHERED}件群众诉求`).optional(),
  })
  .refine((v) => v.end >= v.start, { message: '结束日期不能早于开始日期' })
  .refine((v) => Date.parse(v.end) - Date.parse(v.start) <= 92 * 86_400_000, { message: '一条记录最长三个月，请分段记录' });

/** A visit's or stay's record, idempotent by the cadre's clientId. */
function newRecord(openid: string, unitId: string | null, clientId: string, now: number, fields: Partial<DutyRecordDoc>): DutyRecordDoc {
  return {
    _id: requestId(openid, `duty:${clientId}`),
    clientId,
    cadreId: openid,
    unitId,
    kind: 'visit',
    start: '',
    end: '',
    year: 0,
    place: null,
    regionId: null,
    pointId: null,
    slot: null,
    purpose: null,
    met: null,
    households: 0,
    retinue: 0,
    photos: [],
    requestIds: [],
    topic: null,
    summary: null,
    talkWith: null,
    form: null,
    notes: null,
    createdAt: now,
    events: [],
    ...fields,
  };
}

/**
 * A one-day record (a research report, a talk) stored with its count on the leader's tally in one
 * transaction: a retry of the same clientId counts nothing twice.
 */
async function recordOneDay(
  ctx: { caller: Caller; dir: Directory; now: number },
  clientId: string,
  date: string,
  fields: Partial<DutyRecordDoc>,
  count: { reports?: number; talks?: number },
): Promise<DutyRecordView> {
  const me = ownLeader(ctx.caller);
  const year = Number(date.slice(0, 4));
  const doc = newRecord(me.openid, me.unitId, clientId, ctx.now, { start: date, end: date, year, ...fields });
  doc.events = [dutyEvent(doc, 'record', ctx.caller, ctx.now)];
  const saved = await insertCounted('duty_records', doc, [
    tallyOwner({ ...me, name: me.name ?? '未填写姓名' }, ctx.now, (t) => addCount(t, year, count), {
      rules: await loadRules(),
      dir: ctx.dir,
    }),
  ]);
  return recordView(saved, ctx.caller);
}

/** A cadre's file as a posting is checked against it. */
const factsOf = (u: UserDoc): CadreFacts => ({ birthYear: u.birthYear ?? null, grassroots: u.grassroots ?? null });

const ruleView = (r: DutyRule): DutyRuleView => ({
  id: r._id,
  version: r.version,
  clause: r.clause,
  label: r.label,
  levels: r.levels,
  kind: r.kind,
  measure: r.measure,
  threshold: r.threshold,
  unit: r.unit,
  fromYear: r.fromYear,
  toYear: r.toYear,
});
const byClause = (a: DutyRule, b: DutyRule): number => (a.clause < b.clause ? -1 : a.clause > b.clause ? 1 : a._id < b._id ? -1 : 1);

export const dutyActions: Actions<'duty'> = {
  home: {
    input: empty,
    roles: ['cadre'],
    run: async ({ caller, dir, now }) => {
      const me = ownLeader(caller);
      const year = Number(todayOf(now).slice(0, 4));
      const [rules, tally, points, recent] = await Promise.all([
        loadRules(),
        getById<TallyDoc & { community?: string | null }>('duty_tallies', me.openid),
        findMany<ContactPointDoc>('contact_points', { cadreId: me.openid, year, active: true }, { limit: 20, fields: { events: false } }),
        findMany<DutyRecordDoc>(
          'duty_records',
          { cadreId: me.openid },
          { orderBy: [['createdAt', 'desc']], limit: 5, fields: { events: false } },
        ),
      ]);
      const community = points.find((p) => p.slot === 'village')?.regionId ?? null;
      const t = tally ?? { tenure: { from: `${year}-01-01`, places: [] }, years: {} };
      return {
        name: me.name,
        level: me.level,
        unitName: me.unitName,
        today: todayOf(now),
        figures: figuresOf({ ...t, level: me.level, unitId: me.unitId, community }, rules, dir, now),
        points: points.map((p) => pointView(p, true)),
        recent: recent.map((r) => recordView(r, caller)),
      };
    },
  },
  recordVisit: {
    input: visitInput,
    roles: ['cadre'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const me = ownLeader(caller);
      if (input.end > todayOf(now)) throw new AppError('INVALID_INPUT', '不能记录今天以后的走访');
      const year = Number(input.start.slice(0, 4));
      const rules = await loadRules();
      const most = limitOf(rules, 'retinue', year);
      // S2.4 轻车简从: the limit is the county's rule (data), checked on every record.
      if (most !== null && input.retinue > most) throw new AppError('INVALID_INPUT', `随行人员不超过${most}人（轻车简从）`);
      const point = input.pointId ? await getById<ContactPointDoc>('contact_points', input.pointId) : null;
      if (input.pointId && (!point || point.cadreId !== me.openid || !point.active))
        throw new AppError('INVALID_INPUT', '所选联系点不是您的联系点');
      const regionId = input.regionId ?? point?.regionId ?? null;
      const region = regionId ? dir.regions.get(regionId) : undefined;
      if (regionId && !region) throw new AppError('INVALID_INPUT', '所选村（社区）不存在，请重新选择');
      requireOwnPhotos(me.openid, input.photos ?? []);
      const gathered = input.requests ?? [];
      await checkText(me.openid, input.place, input.purpose, input.met, ...gathered.flatMap((g) => [g.content, g.contactName]));
      await checkPhotos(input.photos ?? []);
      const requestIds = gathered.map((_g, i) => requestId(me.openid, `${input.clientId}-r${i}`));
      const doc = newRecord(me.openid, me.unitId, input.clientId, now, {
        kind: input.kind,
        start: input.start,
        end: input.end,
        year,
        place: input.place,
        regionId,
        pointId: point?._id ?? null,
        slot: point?.slot ?? null,
        purpose: input.purpose,
        met: input.met ?? null,
        households: input.households,
        retinue: input.retinue,
        photos: input.photos ?? [],
        requestIds,
      });
      doc.events = [dutyEvent(doc, 'record', caller, now)];
      const fact = {
        kind: input.kind,
        start: input.start,
        end: input.end,
        regionId,
        slot: point?.slot ?? null,
        households: input.households,
      };
      const saved = await insertCounted('duty_records', doc, [
        tallyOwner({ ...me, name: me.name ?? '未填写姓名' }, now, (t) => addVisit(t, fact), {
          rules,
          dir,
        }),
      ]);
      // The requests gathered on it enter the normal flow, each idempotent by its id (a retry makes none twice).
      const made: { id: string; no: string }[] = [];
      for (const [i, g] of gathered.entries()) {
        // Routed by the visit's place, as a resident's request from there would be; no place: the dispatcher.
        const dest = registeredTo(dir, { category: g.category, ...(regionId ? { regionId } : {}) });
        const r = await intake(
          {
            submitterId: me.openid,
            submitterRole: 'cadre',
            submitterUnit: me.unitId,
            clientId: `${input.clientId}-r${i}`,
            channel: '诉求',
            source: '小程序',
            category: g.category,
            urgency: 'normal',
            content: `【${me.name ?? '干部'}走访收集】${g.content}`,
            photos: [],
            receivedAt: now,
            dest,
            confidential: false,
            mayContact: g.contactPhone !== undefined,
            contactName: g.contactName ?? null,
            contactPhone: g.contactPhone ?? null,
          },
          dir,
          now,
        );
        made.push({ id: r.id, no: r.no });
      }
      return { ...recordView(saved, caller), requests: made };
    },
  },
  recordReport: {
    input: z.strictObject({ clientId: clientIdSchema, date: dateSchema, topic: text(DUTY_TEXT.topic), summary: text(DUTY_TEXT.report) }),
    roles: ['cadre'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const me = ownLeader(caller);
      if (input.date > todayOf(now)) throw new AppError('INVALID_INPUT', '不能记录今天以后的报告');
      await checkText(me.openid, input.topic, input.summary);
      return recordOneDay(
        { caller, dir, now },
        input.clientId,
        input.date,
        { kind: 'report', topic: input.topic, summary: input.summary },
        { reports: 1 },
      );
    },
  },
  recordTalk: {
    input: z.strictObject({
      clientId: clientIdSchema,
      date: dateSchema,
      talkWith: text(DUTY_TEXT.talkWith),
      form: z.enum(TALK_FORMS, { message: '请选择谈话形式' }),
      notes: text(DUTY_TEXT.talkNotes).optional(),
    }),
    roles: ['cadre'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const me = ownLeader(caller);
      if (input.date > todayOf(now)) throw new AppError('INVALID_INPUT', '不能记录今天以后的谈话');
      await checkText(me.openid, input.talkWith, input.notes);
      return recordOneDay(
        { caller, dir, now },
        input.clientId,
        input.date,
        { kind: 'talk', talkWith: input.talkWith, form: input.form, notes: input.notes ?? null },
        { talks: 1 },
      );
    },
  },
  records: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['cadre'],
    run: async ({ caller }, { cursor }) => {
      const me = ownLeader(caller);
      const page = await findPage<DutyRecordDoc>('duty_records', { cadreId: me.openid }, decodeCursor(cursor), PAGE, { events: false });
      return { items: page.items.map((r) => recordView(r, caller)), cursor: page.cursor };
    },
  },
  pointCode: {
    input: z.strictObject({ pointId: idSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller }, { pointId }) => {
      const p = await getById<ContactPointDoc>('contact_points', pointId);
      if (!p || (p.cadreId !== caller.openid && !caller.roles.includes('admin'))) throw new AppError('NOT_FOUND', '没有找到这个联系点');
      return { image: await miniProgramCode(p.scene, POINT_PAGE), scene: p.scene };
    },
  },
  point: {
    input: z.strictObject({ scene: sceneSchema }),
    roles: ['resident'],
    run: async ({ dir, now }, { scene }) => {
      const [p] = await findMany<ContactPointDoc>('contact_points', { scene, active: true }, { limit: 1, fields: { events: false } });
      if (!p) throw new AppError('NOT_FOUND', '这个联系点已调整或不存在');
      // Open surveys that evaluate leaders' contact points (S10.2) of this point's place (the unit the
      // routing catalogue gives it) or of its leader's unit reach residents from the point's code.
      const units = new Set([unitOfPlace(dir, p.regionId), p.unitId].filter((u): u is string => !!u));
      const open = units.size
        ? await findMany<SurveyDoc>(
            'surveys',
            { status: 'open' },
            {
              orderBy: [['createdAt', 'desc']],
              limit: 20,
              fields: { _id: true, title: true, opensAt: true, closesAt: true, subjects: true },
            },
          )
        : [];
      const surveys = open
        .filter((s) => s.opensAt <= now && now < s.closesAt && s.subjects.some((x) => x.kind === '领导联系点' && units.has(x.unitId)))
        .map((s) => ({ id: s._id, title: s.title }));
      return { point: pointView(p, false), surveys };
    },
  },
  assignPoint: {
    input: z.strictObject({
      clientId: clientIdSchema,
      cadreKey: z.string().regex(/^k[0-9a-f]{16}$/, '干部编号不正确'),
      year: yearSchema,
      slot: z.enum(SLOT_KINDS as [SlotKind, ...SlotKind[]], { message: '请选择联系点类别' }),
      name: text(DUTY_TEXT.target),
      regionId: idSchema.optional(),
    }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const slot = input.slot;
      const user = await cadreOfKey(input.cadreKey);
      if (!user) throw new AppError('INVALID_INPUT', '所选干部不存在');
      if (!isLeader(user.level)) throw new AppError('INVALID_INPUT', '联系点只安排给县级、镇（街道）和县直单位领导干部');
      if (PLACE_SLOTS.includes(slot) && !input.regionId) throw new AppError('INVALID_INPUT', '请选择联系的镇（街道）或村（社区）');
      const region = input.regionId ? dir.regions.get(input.regionId) : undefined;
      if (input.regionId && !region) throw new AppError('INVALID_INPUT', '所选村（社区）不存在，请重新选择');
      await checkText(caller.openid, input.name);
      const id = requestId(caller.openid, `point:${input.clientId}`);
      const doc: ContactPointDoc = {
        _id: id,
        clientId: input.clientId,
        year: input.year,
        ...ownedBy(user._id, user),
        level: user.level,
        slot,
        name: input.name,
        regionId: input.regionId ?? null,
        targetKey: targetKeyOf(slot, input.name, input.regionId ?? null),
        scene: `p${id.slice(0, 12)}`,
        active: true,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [],
      };
      doc.events = [dutyEvent(doc, 'assign', caller, now, `${user.name ?? ''}：${input.name}`)];
      const who = { openid: user._id, name: user.name ?? '未填写姓名', unitId: user.unitId, unitName: user.unitName, level: user.level };
      // A street or town leader's contact community is where their households share is counted (S2.3).
      const extra = slot === 'village' && input.regionId ? { community: input.regionId } : {};
      const saved = await insertCounted('contact_points', doc, [
        tallyOwner(who, now, (t) => addCount(t, input.year, { slot }), { rules: await loadRules(), dir }, extra),
      ]);
      return pointView(saved, true, (await overlapsOf([saved])).get(saved._id) ?? []);
    },
  },
  removePoint: {
    input: z.strictObject({ pointId: idSchema, version: versionSchema }),
    roles: ['admin'],
    run: async ({ caller, dir, now }, { pointId, version }) => {
      const rules = await loadRules();
      const p = await getById<ContactPointDoc>('contact_points', pointId);
      if (!p) throw new AppError('NOT_FOUND', '没有找到这个联系点');
      if (p.version !== version) throw conflict();
      if (!p.active) throw new AppError('CONFLICT', '这个联系点已经调整');
      const event = dutyEvent(p, 'remove', caller, now);
      // Kept, marked inactive with its event; the cadre's set loses the slot in the same transaction.
      const ok = await db.runTransaction(async (tx: TxLike) => {
        const cur = (await tx.collection('contact_points').doc(p._id).get()).data as ContactPointDoc;
        if (cur.version !== version || !cur.active) return false;
        const t = (await tx.collection('duty_tallies').doc(p.cadreId).get()).data as TallyDoc;
        const next = addCount(t, p.year, { slot: p.slot }, -1);
        await tx
          .collection('contact_points')
          .doc(p._id)
          .update({ data: { active: false, version: version + 1, updatedAt: now, events: [...cur.events, event] } });
        await retally(tx, p.cadreId, t, next, { rules, dir }, now);
        return true;
      });
      if (!ok) throw conflict();
      return pointView({ ...p, active: false, version: version + 1 }, true);
    },
  },
  points: {
    input: z.strictObject({ year: yearSchema, cursor: cursorSchema }),
    roles: ['admin'],
    run: async (_ctx, { year, cursor }) => {
      const page = await findPage<ContactPointDoc>('contact_points', { year, active: true }, decodeCursor(cursor), 20, { events: false });
      const overlaps = await overlapsOf(page.items);
      return { items: page.items.map((p) => pointView(p, true, overlaps.get(p._id) ?? [])), cursor: page.cursor };
    },
  },
  figures: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, dir, now }, { cursor }) => {
      const county = caller.roles.includes('admin');
      // A unit head sees their unit's leaders; other cadres their own figures on 履职 (duty.home).
      if (!county && !(caller.head && caller.unitId)) throw new AppError('FORBIDDEN', '只有单位负责人和组织部可以查看履职统计');
      const [rules, page] = await Promise.all([
        loadRules(),
        standingsPage(county ? null : caller.unitId, decodeCursor(cursor), FIGURES_PAGE),
      ]);
      return { today: todayOf(now), items: page.items.map((t) => standingRow(t, rules, dir, now)), cursor: page.cursor };
    },
  },
  exportFigures: {
    input: empty,
    roles: ['admin'],
    run: async ({ dir, now }) => {
      const rows = await allStandings(await loadRules(), dir, now);
      const wb = new Workbook();
      wb.creator = '连心';
      const sheet = wb.addWorksheet('干部履职');
      const today = todayOf(now);
      sheet.addRow([`干部履职情况（截至${today}，按差距从大到小排列）`]);
      sheet.addRow(['姓名', '单位', '层级', '未完成项', '平均完成度', '条款', '要求', '期间', '完成', '目标', '状态']);
      sheet.getRow(2).font = { bold: true };
      for (const r of rows) {
        for (const f of r.figures)
          sheet.addRow([
            r.name,
            r.unitName ?? '',
            r.level,
            r.behind,
            Math.round(r.share * 100) / 100,
            f.clause,
            f.label,
            f.period,
            f.value,
            f.target,
            PROGRESS_LABELS[f.state],
          ]);
        if (r.figures.length === 0) sheet.addRow([r.name, r.unitName ?? '', r.level, 0, 1]);
      }
      sheet.columns.forEach((c, i) => (c.width = [10, 20, 14, 8, 10, 8, 36][i] ?? 10));
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return { fileName: `干部履职情况${today}.xlsx`, base64: buf.toString('base64') };
    },
  },
  rules: {
    input: empty,
    roles: ['admin'],
    run: async () => (await loadRules()).sort(byClause).map(ruleView),
  },
  updateRule: {
    input: z.strictObject({
      ruleId: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, '履职要求编号不正确'),
      version: versionSchema,
      threshold: z.number().positive('数值须大于0').max(10_000, '数值太大'),
      fromYear: yearSchema,
    }),
    roles: ['admin'],
    run: async ({ caller, now }, { ruleId, version, threshold, fromYear }) => {
      const r = await getById<DutyRule>('duty_rules', ruleId);
      if (!r) throw new AppError('NOT_FOUND', '没有找到这条履职要求');
      if (r.version !== version) throw conflict();
      const thisYear = Number(todayOf(now).slice(0, 4));
      const event = { type: 'change', at: now, actorId: caller.openid, note: `${r.threshold} → ${threshold}，${fromYear}年起` };
      const events = [...((r as DutyRule & { events?: unknown[] }).events ?? []), event];
      // This year's figures stay as cadres have been working to them: a change starts next year at the earliest.
      if (fromYear <= thisYear) throw new AppError('INVALID_INPUT', `修改从${thisYear + 1}年起生效，今年的要求不变`);
      if (r.toYear !== null) throw new AppError('CONFLICT', '这条要求已安排调整，请修改调整后的要求');
      let ok: boolean;
      if (r.fromYear > thisYear) {
        // A rule not yet in force is changed in place.
        ok = await casUpdate('duty_rules', r._id, version, { threshold, fromYear: Math.max(fromYear, r.fromYear), events });
      } else {
        const next: DutyRule = { ...r, _id: `${r._id.replace(/@\d{4}$/, '')}@${fromYear}`, threshold, fromYear, toYear: null, version: 0 };
        // The old rule ends the year before and the new one starts: both in one transaction, or neither.
        ok = await db.runTransaction(async (tx: TxLike) => {
          const cur = (await tx.collection('duty_rules').doc(r._id).get()).data as DutyRule;
          if (cur.version !== version || cur.toYear !== null) return false;
          await tx
            .collection('duty_rules')
            .doc(r._id)
            .update({ data: { toYear: fromYear - 1, version: version + 1, events } });
          const { _id, ...data } = next;
          await tx
            .collection('duty_rules')
            .doc(_id)
            .set({ data: { ...data, events: [event] } });
          return true;
        });
      }
      if (!ok) throw conflict();
      return (await loadRules()).sort(byClause).map(ruleView);
    },
  },
  reliefs: {
    input: empty,
    roles: ['cadre'],
    run: async ({ caller, now }) => {
      const me = ownLeader(caller);
      const [rules, pairs] = await Promise.all([
        loadRules(),
        findMany<ReliefDoc>(
          'duty_reliefs',
          { cadreId: me.openid, active: true },
          { orderBy: [['createdAt', 'desc']], limit: 20, fields: { events: false } },
        ),
      ]);
      const year = Number(todayOf(now).slice(0, 4));
      return pairs.map((p) => reliefView(p, rules, year));
    },
  },
  addRelief: {
    input: z.strictObject({
      clientId: clientIdSchema,
      kind: z.enum(['oneToOne', 'youfu'], { message: '请选择帮扶类别' }),
      household: text(DUTY_TEXT.household),
      contact: text(DUTY_TEXT.contact).optional(),
      plan: text(DUTY_TEXT.plan),
    }),
    roles: ['cadre'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const me = ownLeader(caller);
      // S8.2: each county department helps one 优抚 household, with a named contact.
      if (input.kind === 'youfu' && me.level !== '县直单位领导') throw new AppError('INVALID_INPUT', '优抚对象困难户由县直单位结对帮扶');
      if (input.kind === 'youfu' && !input.contact) throw new AppError('INVALID_INPUT', '请填写本单位负责日常联系的人');
      await checkText(me.openid, input.household, input.contact, input.plan);
      const year = Number(todayOf(now).slice(0, 4));
      const doc: ReliefDoc = {
        _id: requestId(me.openid, `relief:${input.clientId}`),
        clientId: input.clientId,
        ...ownedBy(me.openid, me),
        kind: input.kind,
        household: input.household,
        contact: input.contact ?? null,
        plan: input.plan,
        year,
        visits: {},
        active: true,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [],
      };
      doc.events = [dutyEvent(doc, 'assign', caller, now, PAIR_KINDS[input.kind])];
      const rules = await loadRules();
      const saved = await insertCounted('duty_reliefs', doc, [
        tallyOwner({ ...me, name: me.name ?? '未填写姓名' }, now, (t) => addCount(t, year, { pair: input.kind }), {
          rules,
          dir,
        }),
      ]);
      return reliefView(saved, rules, year);
    },
  },
  reliefVisit: {
    input: z.strictObject({
      reliefId: idSchema,
      version: versionSchema,
      occasion: z.string().regex(/^[\u4e00-\u9fa5]{2,4}$/, '请选择节日'),
      date: dateSchema,
    }),
    roles: ['cadre'],
    run: async ({ caller, dir, now }, { reliefId, version, occasion, date }) => {
      const me = ownLeader(caller);
      if (date > todayOf(now)) throw new AppError('INVALID_INPUT', '不能记录今天以后的走访');
      const [p, rules, lunar] = await Promise.all([getById<ReliefDoc>('duty_reliefs', reliefId), loadRules(), lunarNewYears()]);
      if (!p || p.cadreId !== me.openid || !p.active) throw new AppError('NOT_FOUND', '没有找到这个帮扶对子');
      const o = occasionsOf(rules, p.kind, Number(date.slice(0, 4))).find((x) => x.key === occasion);
      if (!o) throw new AppError('INVALID_INPUT', '这个节日不在帮扶走访的要求里');
      const year = occasionYear(o, date, lunar);
      if (year === null) throw new AppError('INVALID_INPUT', '今年的春节日期还没有录入，请联系组织部');
      const key = `${year}:${occasion}`;
      if (p.visits[key]) throw new AppError('CONFLICT', `${year}年${occasion}已经走访过了`);
      if (p.version !== version) throw conflict();
      const event = dutyEvent(p, 'record', caller, now, `${year}年${occasion}走访慰问`);
      // The pair and the cadre's tally in one transaction: the visit counts once or not at all.
      const ok = await db.runTransaction(async (tx: TxLike) => {
        const cur = (await tx.collection('duty_reliefs').doc(p._id).get()).data as ReliefDoc;
        if (cur.version !== version || cur.visits[key]) return false;
        const t = (await tx.collection('duty_tallies').doc(me.openid).get()).data as TallyDoc;
        const next = addFestival(t, year, p.kind, occasion);
        await tx
          .collection('duty_reliefs')
          .doc(p._id)
          .update({
            data: { visits: { ...cur.visits, [key]: date }, version: version + 1, updatedAt: now, events: [...cur.events, event] },
          });
        await retally(tx, me.openid, t, next, { rules, dir }, now);
        return true;
      });
      if (!ok) throw conflict();
      return reliefView({ ...p, visits: { ...p.visits, [key]: date }, version: version + 1 }, rules, Number(todayOf(now).slice(0, 4)));
    },
  },
  postings: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['cadre', 'admin'],
    run: async ({ caller, now }, { cursor }) => {
      // The organisation department reads every posting; a cadre their own (a posting is theirs and the department's).
      const where = caller.roles.includes('admin') ? {} : { cadreId: caller.openid };
      const [rules, page] = await Promise.all([
        loadRules(),
        findPage<PostingDoc>('duty_postings', where, decodeCursor(cursor), PAGE, { events: false }),
      ]);
      return { items: page.items.map((p) => postingView(p, rules, todayOf(now), caller)), cursor: page.cursor };
    },
  },
  postingCandidates: {
    input: z.strictObject({ cursor: cursorSchema }),
    roles: ['admin'],
    run: async ({ now }, { cursor }) => {
      const year = Number(todayOf(now).slice(0, 4));
      const [rules, page] = await Promise.all([
        loadRules(),
        findPage<UserDoc>('users', { roles: 'cadre' }, decodeCursor(cursor), FIGURES_PAGE, {
          _id: true,
          name: true,
          unitName: true,
          level: true,
          birthYear: true,
          grassroots: true,
          createdAt: true,
        }),
      ]);
      return {
        items: page.items.map((u) => ({
          key: cadreKey(u._id),
          name: u.name ?? '未填写姓名',
          unitName: u.unitName,
          level: u.level,
          birthYear: u.birthYear ?? null,
          grassroots: u.grassroots ?? null,
          refusal: postingRefusal(rules, factsOf(u), year),
        })),
        cursor: page.cursor,
      };
    },
  },
  post: {
    input: z
      .strictObject({
        clientId: clientIdSchema,
        cadreKey: z.string().regex(/^k[0-9a-f]{16}$/, '干部编号不正确'),
        place: text(DUTY_TEXT.postingPlace),
        regionId: idSchema.optional(),
        start: dateSchema,
        end: dateSchema,
        birthYear: z.number().int().min(1940, '出生年份不正确').max(2010, '出生年份不正确').optional(),
        grassroots: z.boolean().optional(),
      })
      .refine((v) => v.end >= v.start, { message: '结束日期不能早于开始日期' })
      .refine((v) => Date.parse(v.end) - Date.parse(v.start) <= 3 * 366 * 86_400_000, { message: '一次锻炼安排不超过三年' }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, dir, now }, input) => {
      const user = await cadreOfKey(input.cadreKey);
      if (!user) throw new AppError('INVALID_INPUT', '所选干部不存在');
      if (input.regionId && !dir.regions.get(input.regionId)) throw new AppError('INVALID_INPUT', '所选村（社区）不存在，请重新选择');
      const rules = await loadRules();
      const year = Number(input.start.slice(0, 4));
      // What the department types now is the cadre's file from here on; otherwise the file as it stands.
      const typed: Partial<CadreFacts> = {
        ...(input.birthYear !== undefined ? { birthYear: input.birthYear } : {}),
        ...(input.grassroots !== undefined ? { grassroots: input.grassroots } : {}),
      };
      const refusal = (u: UserDoc): string | null => postingRefusal(rules, { ...factsOf(u), ...typed }, year);
      const why = refusal(user);
      if (why) throw new AppError('INVALID_INPUT', why);
      const least = postingMinimum(rules, input.start);
      const days = daysBetween(input.start, input.end).length;
      // S3.1: at least 3 months at the grassroots (the county's rule: 90 days).
      if (least !== null && days < least) throw new AppError('INVALID_INPUT', `下基层锻炼不少于${least}天，这次安排${days}天`);
      await checkText(caller.openid, input.place);
      const facts = { ...factsOf(user), ...typed };
      const doc: PostingDoc = {
        _id: requestId(caller.openid, `posting:${input.clientId}`),
        clientId: input.clientId,
        ...ownedBy(user._id, user),
        regionId: input.regionId ?? null,
        place: input.place,
        start: input.start,
        end: input.end,
        age: year - facts.birthYear!,
        status: 'posted',
        report: null,
        assessment: null,
        version: 0,
        createdAt: now,
        updatedAt: now,
        events: [],
      };
      doc.events = [dutyEvent(doc, 'assign', caller, now, `${input.place}，${input.start}至${input.end}`)];
      // The posting and the cadre's file in one transaction, the file checked again as it is then.
      const file: Counted<UserDoc> = {
        coll: 'users',
        id: user._id,
        bump: (u) => {
          const again = refusal(u);
          return again ? new AppError('INVALID_INPUT', again) : { ...typed, updatedAt: now };
        },
      };
      const saved = await insertCounted('duty_postings', doc, [file as Counted<unknown>]);
      return postingView(saved, rules, todayOf(now), caller);
    },
  },
  postingReport: {
    input: z.strictObject({ postingId: idSchema, version: versionSchema, end: dateSchema, summary: text(DUTY_TEXT.postingReport) }),
    roles: ['cadre'],
    limit: 'text',
    run: async ({ caller, now }, { postingId, version, end, summary }) => {
      const p = await getById<PostingDoc>('duty_postings', postingId);
      if (!p || p.cadreId !== caller.openid) throw new AppError('NOT_FOUND', '没有找到这次锻炼安排');
      if (p.status !== 'posted') throw new AppError('CONFLICT', '锻炼总结已经提交');
      if (p.version !== version) throw conflict();
      const today = todayOf(now);
      if (end > today) throw new AppError('INVALID_INPUT', '结束日期不能晚于今天');
      if (end < p.start) throw new AppError('INVALID_INPUT', '结束日期不能早于开始日期');
      const rules = await loadRules();
      const least = postingMinimum(rules, p.start);
      const days = daysBetween(p.start, end).length;
      // The final report closes the posting: only once the months the rule asks are served.
      if (least !== null && days < least)
        throw new AppError('INVALID_INPUT', `下基层锻炼不少于${least}天，到${end}才${days}天，期满后再提交总结`);
      await checkText(caller.openid, summary);
      const next: PostingDoc = {
        ...p,
        end,
        status: 'reported',
        report: { summary, at: now },
        version: version + 1,
        updatedAt: now,
        events: [...p.events, dutyEvent(p, 'record', caller, now, `提交锻炼总结，${p.start}至${end}`)],
      };
      const ok = await casUpdate('duty_postings', p._id, version, {
        end,
        status: next.status,
        report: next.report,
        updatedAt: now,
        events: next.events,
      });
      if (!ok) throw conflict();
      return postingView(next, rules, today, caller);
    },
  },
  assessPosting: {
    input: z.strictObject({
      postingId: idSchema,
      version: versionSchema,
      result: z.enum(ASSESSMENT_RESULTS, { message: '请选择考核结果' }),
      notes: text(DUTY_TEXT.assessNotes).optional(),
    }),
    roles: ['admin'],
    limit: 'text',
    run: async ({ caller, now }, { postingId, version, result, notes }) => {
      const p = await getById<PostingDoc>('duty_postings', postingId);
      if (!p) throw new AppError('NOT_FOUND', '没有找到这次锻炼安排');
      if (p.status === 'posted') throw new AppError('CONFLICT', '锻炼总结还没有提交，期满提交后再考核');
      if (p.status === 'assessed') throw new AppError('CONFLICT', '这次锻炼已经考核');
      if (p.version !== version) throw conflict();
      await checkText(caller.openid, notes);
      const assessment = { result, notes: notes ?? null, at: now };
      const events = [...p.events, dutyEvent(p, 'record', caller, now, `考核${result}`)];
      if (!(await casUpdate('duty_postings', p._id, version, { status: 'assessed', assessment, updatedAt: now, events }))) throw conflict();
      const next: PostingDoc = { ...p, status: 'assessed', assessment, version: version + 1, updatedAt: now, events };
      return postingView(next, await loadRules(), todayOf(now), caller);
    },
  },
};
