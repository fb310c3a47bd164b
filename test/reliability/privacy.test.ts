/**
 * Suite 6, personal data. Every response a cadre or the dispatcher gets (inbox, queue, detail,
 * every transition's answer, cards, units) is scanned: no unmasked mobile number anywhere; the
 * identity (name, phone, openid — masked or not) of a confidential petitioner never; a 投诉
 * petitioner's identity never to the unit complained about. The deliberate unmask
 * (request.unmask) is open only to the handling cadre, only when allowed, and is audited. The
 * emulator's and the functions' logs carry no phone number or name.
 */
import type { RequestDetail, SubmitResult } from '../../typings';
import { maskName, maskPhone } from '../../server/domain/privacy';
import { CALLERS, readFixture, uniq, prepareContext } from './tables';
import { PERSONAL_NAMES, PHONE, findIdentities, logLeaks, tally, useRig } from './harness';

const rig = useRig(__filename, { timeout: 120_000, prepare: prepareContext });

const A = CALLERS.residentA;
const STAFF = {
  chengguan: CALLERS.handlingCadre,
  chengguan2: 'rel-cadre-chengguan-2',
  renshe: CALLERS.otherCadre,
  zhujian: CALLERS.subjectCadre,
  ducha: 'demo-cadre-ducha',
  admin: CALLERS.admin,
} as const;
const UNIT_OF: Record<string, string | null> = {
  [STAFF.chengguan]: 'unit-chengguan',
  [STAFF.chengguan2]: 'unit-chengguan',
  [STAFF.renshe]: 'unit-renshe',
  [STAFF.zhujian]: 'unit-zhujian',
  [STAFF.ducha]: 'unit-ducha',
  [STAFF.admin]: 'unit-xinfang',
};

interface Seen {
  who: string;
  what: string;
  text: string;
}
const seen: Seen[] = [];

/** A call made by staff: its answer is recorded for the scans. */
async function staff<T>(who: string, fn: string, action: string, input: Record<string, unknown>): Promise<T | null> {
  const r = await rig().raw(who, fn, { action, ...input });
  seen.push({ who, what: `${fn}.${action} ${JSON.stringify(input).slice(0, 60)}`, text: JSON.stringify(r.env) });
  return r.env.ok ? (r.env.data as T) : null;
}

interface Case {
  id: string;
  name: string;
  phone: string;
  confidential: boolean;
  subjectUnitId: string | null;
}
const cases: Case[] = [];

async function submit(o: {
  name: string;
  phone: string;
  confidential: boolean;
  mayContact: boolean;
  category: string;
  where: object;
}): Promise<string> {
  // A 投诉 through 住建局's card here is about 住建局 (“投诉该单位或其工作人员”): it goes to its supervisor.
  const about = o.category === '投诉' && 'scene' in o.where && o.where.scene === 'c-zhujian-01';
  const s = await rig().ok<SubmitResult>(A, 'request', 'submit', {
    clientId: uniq('pd'),
    category: o.category,
    content: '住建局执法人员到工地检查时态度粗暴',
    confidential: o.confidential,
    mayContact: o.mayContact,
    contactName: o.name,
    contactPhone: o.phone,
    ...o.where,
    ...(about ? { aboutUnit: true } : {}),
  });
  cases.push({
    id: s.id,
    name: o.name,
    phone: o.phone,
    confidential: o.confidential,
    subjectUnitId: o.category === '投诉' && 'scene' in o.where && o.where.scene === 'c-zhujian-01' ? 'unit-zhujian' : null,
  });
  return s.id;
}

/** Everyone on staff looks at everything they can, and moves what they can. */
async function lookAround(): Promise<void> {
  for (const who of Object.values(STAFF)) {
    for (const box of ['todo', 'done']) await staff(who, 'request', 'inbox', { box });
    await staff(who, 'admin', 'queue', {});
    await staff(who, 'county', 'unitCards', {});
    await staff(who, 'county', 'units', {});
    await staff(who, 'user', 'me', {});
    for (const c of cases) await staff(who, 'request', 'detail', { id: c.id });
  }
}

test('cadre- and dispatcher-facing answers never carry an unmasked phone, a confidential petitioner, or a complainant to the unit complained about', async () => {
  // 1. confidential 投诉 about 住建局, which transfers it to 城关镇
  const conf = await submit({
    name: '欧阳保密',
    phone: '13800007771',
    confidential: true,
    mayContact: true,
    category: '投诉',
    where: { scene: 'c-zhujian-01' },
  });
  // 2. open 投诉 about 住建局: its supervisor (县政府督查室) handles it first, then transfers it
  const compl = await submit({
    name: '司马投诉',
    phone: '13800007772',
    confidential: false,
    mayContact: true,
    category: '投诉',
    where: { scene: 'c-zhujian-01' },
  });
  // 3. an ordinary request to 人社局 (masked for its cadres)
  await submit({
    name: '诸葛普通',
    phone: '13800007773',
    confidential: false,
    mayContact: true,
    category: '咨询',
    where: { scene: 'c-renshe-01' },
  });
  // 4. a request no rule routes: the dispatcher sends it to 城关镇
  const disp = await submit({
    name: '上官调度',
    phone: '13800007774',
    confidential: false,
    mayContact: true,
    category: '求助',
    where: { regionId: 'com-anju' },
  });

  await lookAround();
  // the accused unit tries everything; its supervisor handles and hands on
  await staff(STAFF.zhujian, 'request', 'accept', { id: compl, version: 0 });
  await staff(STAFF.zhujian, 'request', 'unmask', { id: compl });
  await staff(STAFF.ducha, 'request', 'accept', { id: compl, version: 0 });
  await rig().raw(STAFF.ducha, 'request', { action: 'unmask', id: compl }); // the deliberate look: checked in its own tests below
  await staff(STAFF.ducha, 'request', 'transfer', {
    id: compl,
    version: 2,
    unitId: 'unit-chengguan',
    reason: '属于城关镇职责，请城关镇办理',
  });
  await staff(STAFF.ducha, 'request', 'transfer', {
    id: conf,
    version: 0,
    unitId: 'unit-chengguan',
    reason: '属于城关镇职责，请城关镇办理',
  });
  await staff(STAFF.admin, 'admin', 'dispatch', { id: disp, version: 0, unitId: 'unit-chengguan', note: '请城关镇办理' });
  await lookAround();
  for (const c of cases) {
    const fx = await readFixture(rig(), c.id);
    if (fx.status === 'assigned' && fx.unitId === 'unit-chengguan') {
      const d = await staff<RequestDetail>(STAFF.chengguan, 'request', 'accept', { id: c.id, version: fx.version });
      if (d)
        await staff(STAFF.chengguan, 'request', 'reply', { id: c.id, version: d.version, reply: '已安排人员核实处理，感谢您的反映。' });
    }
  }
  await staff(STAFF.chengguan, 'request', 'unmask', { id: conf });
  await lookAround();

  const leaks: string[] = [];
  for (const s of seen) {
    const unit = UNIT_OF[s.who] ?? null;
    for (const p of s.text.match(PHONE) ?? []) leaks.push(`${s.who} ${s.what}: phone ${p}`);
    if (s.text.includes(A)) leaks.push(`${s.who} ${s.what}: the petitioner's openid`);
    for (const c of cases) {
      const hidden = c.confidential || (c.subjectUnitId !== null && c.subjectUnitId === unit);
      if (!hidden) continue;
      const identity = [c.name, c.phone, maskName(c.name), maskPhone(c.phone)];
      for (const f of findIdentities(s.text, identity).filter((x) => identity.includes(x))) {
        leaks.push(`${s.who} ${s.what}: ${c.confidential ? 'confidential' : 'complainant'} identity ${f}`);
      }
    }
  }
  for (const l of leaks) tally('leaks', l);
  expect(leaks).toEqual([]);

  // and the masking is really applied (not everything hidden): the handling cadre sees 诸**, 138****7773
  const ord = cases.find((c) => c.name === '诸葛普通')!;
  const d = await staff<RequestDetail>(STAFF.renshe, 'request', 'detail', { id: ord.id });
  expect(d?.petitioner).toEqual({ name: maskName(ord.name), phone: maskPhone(ord.phone) });
  const c = await staff<RequestDetail>(STAFF.chengguan, 'request', 'detail', { id: conf });
  expect(c?.petitioner).toEqual({ name: '保密', phone: '保密' });
});

test('a phone number the petitioner typed into the text is masked for staff too', async () => {
  // A petitioner often writes “请打我电话 13800007775” into the request itself; inbox titles are its first 30 characters.
  const s = await rig().ok<SubmitResult>(A, 'request', 'submit', {
    clientId: uniq('pd-text'),
    category: '投诉',
    content: '请打我电话13800007775，工地夜里施工太吵了',
    scene: 'c-zhujian-01',
    confidential: true,
    mayContact: false,
  });
  const texts = [
    JSON.stringify(await staff(STAFF.zhujian, 'request', 'inbox', { box: 'todo' })),
    JSON.stringify(await staff(STAFF.zhujian, 'request', 'detail', { id: s.id })),
  ];
  const leaks = texts.flatMap((t) => t.match(PHONE) ?? []);
  for (const l of leaks) tally('leaks', `a phone typed into a confidential complaint reaches the unit complained about: ${l}`);
  expect(leaks).toEqual([]);
});

describe('request.unmask: the one deliberate look, audited', () => {
  test('the handling cadre gets the full name and phone, and the audit trail records who looked', async () => {
    const s = await rig().ok<SubmitResult>(A, 'request', 'submit', {
      clientId: uniq('um'),
      category: '咨询',
      content: '请问灵活就业人员怎样缴纳养老保险？',
      scene: 'c-renshe-01',
      confidential: false,
      mayContact: true,
      contactName: '诸葛普通',
      contactPhone: '13800007773',
    });
    const before = await readFixture(rig(), s.id);
    const got = await rig().ok(STAFF.renshe, 'request', 'unmask', { id: s.id });
    expect(got).toEqual({ name: '诸葛普通', phone: '13800007773' });
    const after = (await rig().requests()).find((r) => r._id === s.id)!;
    expect(after.status).toBe(before.status);
    expect(after.version).toBe(before.version + 1);
    expect(after.events.at(-1)).toMatchObject({ type: 'unmask', actorId: STAFF.renshe, from: before.status, to: before.status });
    const mine = await rig().ok<RequestDetail>(A, 'request', 'detail', { id: s.id });
    expect(mine.status).toBe(before.status);
  });

  test.each([
    ['the petitioner asked for confidentiality', { confidential: true, mayContact: true }, 'unit-renshe', STAFF.renshe, 'FORBIDDEN'],
    ['the petitioner did not agree to be contacted', { confidential: false, mayContact: false }, 'unit-renshe', STAFF.renshe, 'FORBIDDEN'],
    // a complaint about 住建局 goes to its supervisor: 住建局 cannot even find it
    [
      'the cadre is of the unit complained about',
      { confidential: false, mayContact: true, category: '投诉', scene: 'c-zhujian-01', aboutUnit: true },
      'unit-zhujian',
      STAFF.zhujian,
      'NOT_FOUND',
    ],
    ['the cadre is of another unit', { confidential: false, mayContact: true }, 'unit-renshe', STAFF.chengguan, 'NOT_FOUND'],
    ['the caller is the dispatcher', { confidential: false, mayContact: true }, 'unit-renshe', STAFF.admin, 'FORBIDDEN'],
    ['the caller is the petitioner', { confidential: false, mayContact: true }, 'unit-renshe', A, 'FORBIDDEN'],
  ])('refused when %s, and nothing is recorded', async (_why, o, _unit, who, code) => {
    const s = await rig().ok<SubmitResult>(A, 'request', 'submit', {
      clientId: uniq('um-no'),
      category: '咨询',
      content: '请问灵活就业人员怎样缴纳养老保险？',
      scene: 'c-renshe-01',
      contactName: '诸葛普通',
      ...(o.mayContact ? { contactPhone: '13800007773' } : {}),
      ...o,
    });
    const before = await rig().dumpText();
    const r = await rig().raw(who, 'request', { action: 'unmask', id: s.id });
    const got = r.env.ok ? 'OK' : r.env.error.code;
    if (got !== code) tally(got === 'OK' ? 'leaks' : 'unexpected', `unmask when ${_why}: ${got}`);
    expect(got).toBe(code);
    expect(JSON.stringify(r.env).match(PHONE)).toBeNull();
    expect(await rig().dumpText()).toBe(before);
  });
});

test('the emulator’s and the functions’ logs carry no phone number or name', () => {
  expect(PERSONAL_NAMES.length).toBeGreaterThan(0);
  expect(rig().log()).toMatch(/"fn":"request"/); // the functions' own log lines were captured
  expect(logLeaks(rig())).toEqual([]);
});
