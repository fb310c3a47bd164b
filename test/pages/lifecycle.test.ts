/**
 * @jest-environment ./test/pages/environment.js
 *
 * The whole request lifecycle on the handle and detail pages, against the real functions:
 * subscriptions from the tap, 不予受理, 并单, 回访, 延期 asked and approved by the unit head,
 * 暂停/恢复计时, 查看联系方式 (recorded, never on the resident's timeline), and 复查复核.
 */
import type { SubmitInput } from '../../typings';
import { actAs, answerDialog, emit, harness, openPage, parseUrl, tap, toastText, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();
let n = 0;

const RESIDENT = 'demo-resident-1';
const RENSHE = 'demo-cadre-renshe';
const HEAD = 'demo-head-renshe';
const CHENGGUAN = 'demo-cadre-chengguan';
const ADMIN = 'demo-admin';

async function submit(openid: string, extra: Partial<SubmitInput> & { content: string }) {
  n += 1;
  return cloud().ok(openid, 'request', 'submit', {
    clientId: `life-test-${String(n).padStart(6, '0')}`,
    category: '求助',
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: false,
    ...extra,
  });
}

/** A request signed for by 县人社局. */
async function accepted(content: string, extra: Partial<SubmitInput> = {}) {
  const s = await submit(RESIDENT, { content, ...extra });
  const d = await cloud().ok(RENSHE, 'request', 'detail', { id: s.id });
  await cloud().ok(RENSHE, 'request', 'accept', { id: d.id, version: d.version });
  return s;
}

type Dump = { collections: Record<string, Record<string, unknown>[]> };
const dump = async () => (await cloud().dump()) as Dump;
const subsOf = async (openid: string) =>
  ((await dump()).collections.users!.find((u) => u._id === openid)?.subs ?? {}) as Record<string, { kind: string; answer: string }>;
const answersOf = async (openid: string) =>
  Object.fromEntries(Object.entries(await subsOf(openid)).map(([id, g]) => [id, [g.kind, g.answer]]));

describe('subscriptions', () => {
  test('after submitting, the detail page asks from a tap for the long-term template and records what the resident allowed', async () => {
    actAs(RESIDENT);
    harness.subscribe = 'accept';
    const form = await openPage('packages/request/submit/index', { scene: 'c-renshe-01' });
    await emit(form, '#intent', 'change', 'ask');
    await typeInto(form, '#content', '请问灵活就业人员怎么缴纳养老保险？');
    await tap(form, '#send');
    // Nothing in the way of submitting: the panel comes after success.
    expect(harness.subscribeCalls).toEqual([]);
    const nav = parseUrl(harness.lastNavigation!.url);
    const detail = await openPage(nav.path, nav.query);
    await tap(detail, '#subscribe');
    expect(harness.subscribeCalls).toEqual([['demo-tmpl-progress-long']]);
    expect(detail.text()).toContain('有进展会用微信通知您');
    expect(await answersOf(RESIDENT)).toEqual({ 'demo-tmpl-progress-long': ['long', 'accept'] });
  });

  test('a refusal or a failing panel never blocks the submission and grants nothing', async () => {
    actAs('demo-resident-2');
    for (const answer of ['reject', 'fail'] as const) {
      harness.subscribe = answer;
      const form = await openPage('packages/request/submit/index', { scene: 'c-renshe-01' });
      await emit(form, '#intent', 'change', 'ask');
      await typeInto(form, '#content', `失业登记在哪里办理？（${answer}）`);
      await tap(form, '#send');
      expect(harness.lastNavigation?.kind).toBe('redirectTo');
      const nav = parseUrl(harness.lastNavigation!.url);
      const detail = await openPage(nav.path, nav.query);
      await tap(detail, '#subscribe');
      expect(detail.$('#not-subscribed')).toBeDefined();
    }
    expect(harness.subscribeCalls.length).toBe(2);
    // The refusal is recorded as what it is; the failed panel told nothing.
    expect(await answersOf('demo-resident-2')).toEqual({ 'demo-tmpl-progress-long': ['long', 'reject'] });
  });

  test('签收 asks from the tap; only the accepted template is granted', async () => {
    const s = await submit(RESIDENT, { content: '社保卡丢了怎么补办' });
    actAs(RENSHE);
    harness.subscribe = { 'demo-tmpl-deadline-long': 'accept', 'demo-tmpl-progress-long': 'reject' };
    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    await tap(h, '#accept');
    expect(h.text()).toContain('已签收');
    expect(harness.subscribeCalls).toEqual([['demo-tmpl-deadline-long', 'demo-tmpl-progress-long']]);
    expect(await answersOf(RENSHE)).toEqual({
      'demo-tmpl-deadline-long': ['long', 'accept'],
      'demo-tmpl-progress-long': ['long', 'reject'],
    });
  });
});

describe('handle page actions', () => {
  test('the handle page shows the policy, the deadlines and the 退单 deadline', async () => {
    const s = await submit(RESIDENT, { content: '咨询失业保险金领取的条件' });
    actAs(RENSHE);
    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    const text = h.text();
    expect(text).toContain('一般诉求：1个工作日内签收，7个工作日内答复');
    expect(text).toContain('签收时限');
    expect(text).toContain('答复时限');
    expect(text).toContain('退单时限');
    expect(h.$('#reject')).toBeDefined();
    expect(h.$('#merge')).toBeDefined();
  });

  test('不予受理 asks for a reason, confirms, and the resident sees the reason', async () => {
    const s = await submit(RESIDENT, { content: '要求人社局帮忙追讨私人借款' });
    actAs(RENSHE);
    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    await tap(h, '#reject');
    await tap(h, '#reject-confirm');
    expect(toastText(h)).toBe('不予受理的理由请至少写5个字');
    await typeInto(h, '#reject-reason', '私人借款纠纷属于民事纠纷，请向人民法院起诉');
    await tap(h, '#reject-confirm');
    expect(await answerDialog(h, 'cancel')).toContain('确认不予受理');
    expect(h.text()).not.toContain('不予受理 ·');
    await tap(h, '#reject-confirm');
    await answerDialog(h);
    expect((h.data.view as { statusLabel: string }).statusLabel).toBe('不予受理');
    expect(h.text()).toContain('私人借款纠纷属于民事纠纷');
    expect(h.$('#reject')).toBeUndefined();

    actAs(RESIDENT);
    const d = await openPage('packages/request/detail/index', { id: s.id });
    expect(d.text()).toContain('不予受理');
    expect(d.text()).toContain('请向人民法院起诉');
  });

  test('并单 offers the likely duplicates; the merged request points to the survivor', async () => {
    const first = await submit(RESIDENT, { content: '养老金本月没有到账，请帮忙查一下' });
    const second = await submit(RESIDENT, { content: '养老金还没到账，再反映一次' });
    actAs(RENSHE);
    const h = await openPage('packages/cadre/handle/index', { id: second.id });
    await tap(h, '#merge');
    expect(h.text()).toContain('养老金本月没有到账');
    await tap(h, '#dup-0');
    expect(h.data.intoId).toBe(first.id);
    await tap(h, '#merge-confirm');
    expect(await answerDialog(h)).toContain(first.no);
    expect(h.text()).toContain('已并单');

    actAs(RESIDENT);
    const d = await openPage('packages/request/detail/index', { id: second.id });
    expect(d.text()).toContain('已合并办理');
    await tap(d, '#open-merged');
    expect(parseUrl(harness.lastNavigation!.url).query.id).toBe(first.id);
  });

  test('回访 records whether the petitioner is satisfied', async () => {
    const s = await accepted('医保报销比例是多少');
    const d = await cloud().ok(RENSHE, 'request', 'detail', { id: s.id });
    await cloud().ok(RENSHE, 'request', 'reply', { id: d.id, version: d.version, reply: '住院报销比例为70%，详见医保窗口公示' });
    actAs(RENSHE);
    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    await tap(h, '#revisit');
    await typeInto(h, '#revisit-note', '电话回访，群众已了解报销政策');
    await tap(h, '#revisit-confirm');
    expect(toastText(h)).toBe('请选择群众是否满意');
    await emit(h, '#satisfied', 'change', 'yes');
    await tap(h, '#revisit-confirm');
    expect(h.text()).toContain('回访');
    expect(h.text()).toContain('群众表示满意：电话回访，群众已了解报销政策');
  });

  test('延期: too long is refused by the server; the head approves and the answer deadline moves', async () => {
    const s = await accepted('工伤认定材料需要补充鉴定报告');
    actAs(RENSHE);
    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    const before = (h.data.view as { due: string }).due;
    await tap(h, '#extend-ask');
    await emit(h, '#ext-days', 'change', 30);
    await typeInto(h, '#ext-reason', '需要等待劳动能力鉴定结论');
    await tap(h, '#ext-confirm');
    await answerDialog(h);
    expect(toastText(h)).toBe('延期不能超过8个工作日');
    await emit(h, '#ext-days', 'change', 3);
    await tap(h, '#ext-confirm');
    expect(await answerDialog(h)).toContain('申请延期3日');
    expect(h.text()).toContain('已申请延期3日，等待单位负责人审批');
    // The cadre who asked cannot decide.
    expect(h.$('#extend-decide')).toBeUndefined();

    actAs(HEAD);
    const head = await openPage('packages/cadre/handle/index', { id: s.id });
    await tap(head, '#extend-decide');
    expect(head.text()).toContain('需要等待劳动能力鉴定结论');
    await emit(head, '#approve', 'change', 'yes');
    await tap(head, '#decide-confirm');
    expect(await answerDialog(head)).toContain('同意');
    expect(head.text()).toContain('已批准延期3日');
    const after = (head.data.view as { due: string }).due;
    expect(after).not.toBe(before);
    expect(head.text()).toContain(after);

    actAs(RESIDENT);
    const d = await openPage('packages/request/detail/index', { id: s.id });
    expect(d.text()).toContain('已延期3日：需要等待劳动能力鉴定结论');
    expect(d.text()).toContain(after);
  });

  test('暂停计时 with a reason, then 恢复计时', async () => {
    const s = await accepted('退休金核定需要本人补交档案');
    actAs(RENSHE);
    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    await tap(h, '#pause');
    await typeInto(h, '#pause-reason', '等待群众补交人事档案');
    await tap(h, '#pause-confirm');
    expect(await answerDialog(h)).toContain('暂停');
    expect(h.text()).toContain('计时已暂停');
    expect(h.$('#clock')).toBeDefined();
    expect(h.$('#pause')).toBeUndefined();
    await tap(h, '#resume');
    await answerDialog(h);
    expect(h.$('#clock')).toBeUndefined();
    expect(h.$('#pause')).toBeDefined();
    expect(h.text()).toContain('恢复计时');
  });

  test('查看联系方式: confirm, full phone with tap-to-call, recorded, not on the resident timeline', async () => {
    const s = await submit(RESIDENT, {
      content: '失业金申领进度想电话沟通',
      mayContact: true,
      contactName: '王秀英',
      contactPhone: '13800001234',
    });
    const secret = await submit(RESIDENT, {
      content: '举报某培训机构骗取补贴，请保密',
      confidential: true,
      mayContact: true,
      contactName: '王秀英',
      contactPhone: '13800001234',
    });
    const declined = await submit(RESIDENT, { content: '咨询技能补贴申领条件，不用联系我' });
    actAs(RENSHE);
    expect((await openPage('packages/cadre/handle/index', { id: secret.id })).$('#unmask')).toBeUndefined();
    expect((await openPage('packages/cadre/handle/index', { id: declined.id })).$('#unmask')).toBeUndefined();

    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    expect(h.text()).toMatch(/138\*{4}1234/);
    expect(h.text()).not.toContain('13800001234');
    await tap(h, '#unmask');
    expect(await answerDialog(h, 'cancel')).toContain('查看将被记录');
    expect(h.text()).not.toContain('13800001234');
    await tap(h, '#unmask');
    await answerDialog(h);
    expect(h.text()).toContain('王秀英');
    expect(h.text()).toContain('13800001234');
    await tap(h, '#call');
    expect(harness.calls).toEqual([{ phoneNumber: '13800001234' }]);
    // The page reloaded the request: the next action is not refused as stale.
    await tap(h, '#accept');
    expect(h.text()).toContain('已签收');

    const doc = (await dump()).collections.requests!.find((r) => r._id === s.id) as { events: { type: string; actorId: string }[] };
    expect(doc.events.filter((e) => e.type === 'unmask')).toEqual([expect.objectContaining({ type: 'unmask', actorId: RENSHE })]);

    actAs(RESIDENT);
    const d = await openPage('packages/request/detail/index', { id: s.id });
    expect(d.text()).toContain('单位接手办理');
    expect(d.text()).not.toContain('查看联系方式');
  });

  test('another unit cannot see the request; the unmask button needs the handling unit', async () => {
    const s = await submit(RESIDENT, {
      content: '想咨询城乡居民医保缴费标准',
      mayContact: true,
      contactName: '王秀英',
      contactPhone: '13800001234',
    });
    actAs(CHENGGUAN);
    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    expect(h.text()).toContain('没有找到');
    expect(h.$('#unmask')).toBeUndefined();
  });
});

describe('信访 复查复核', () => {
  test('the petitioner asks for 复查 after the answer, with a reason and a confirmation', async () => {
    actAs(ADMIN);
    const reg = await cloud().ok(ADMIN, 'admin', 'register', {
      source: '来信',
      clientId: 'life-review-000001',
      category: '投诉',
      content: '反映工伤待遇核定有误，要求重新核定',
      receivedAt: Date.now() - 86_400_000,
      contactName: '刘大伯',
      contactPhone: '13800007777',
      unitId: 'unit-renshe',
      confidential: false,
    });
    // The petitioner claims it with the 受理告知's code (the registering admin is not the petitioner).
    actAs('demo-resident-1');
    const claim = await openPage('packages/request/claim/index', { scene: `k-${reg.claimCode}` });
    expect(claim).toBeDefined();
    let d = await cloud().ok(RENSHE, 'request', 'detail', { id: reg.id });
    d = await cloud().ok(RENSHE, 'request', 'accept', { id: d.id, version: d.version });
    await cloud().ok(RENSHE, 'request', 'reply', { id: d.id, version: d.version, reply: '经复核，工伤待遇按规定标准核定，无误' });

    const page = await openPage('packages/request/detail/index', { id: reg.id });
    expect(page.text()).toContain('申请复查');
    await tap(page, '#review-ask');
    await typeInto(page, '#review-reason', '核定时没有计算加班工资');
    await tap(page, '#review-confirm');
    expect(await answerDialog(page)).toContain('复查');
    expect(page.text()).toContain('复查中');
    expect(page.$('#review-ask')).toBeUndefined();

    // The dispatcher answers it from the handle page.
    actAs(ADMIN);
    const h = await openPage('packages/cadre/handle/index', { id: reg.id });
    await tap(h, '#review-answer');
    await typeInto(h, '#review-opinion', '经复查，加班工资已计入，维持原核定意见');
    await tap(h, '#review-answer-confirm');
    await answerDialog(h);
    expect(h.text()).toContain('已办结');
    expect(h.text()).toContain('维持原核定意见');
  });
});
