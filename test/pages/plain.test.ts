/**
 * @jest-environment ./test/pages/environment.js
 *
 * What residents and cadres read is true and plain (issue 18): each list row says what it is
 * about first, and the next thing that will happen and by when — in plain words for the resident,
 * in the county's words for staff — and nothing once nothing more is owed. From a card to a
 * submitted request in at most 3 taps; no dead end at a card that no longer works.
 */
import { db } from '../../server/db';
import { actAs, harness, openPage, parseUrl, rows, tap, tapPhoneButton, typeInto, useTestCloud } from './harness';

const cloud = useTestCloud();

beforeAll(async () => {
  // A card taken out of use, before any function call (so the functions' directory has it).
  await db
    .collection('cards')
    .doc('card-renshe-old')
    .set({
      data: {
        scene: 'c-renshe-00',
        unitId: 'unit-renshe',
        unitName: '县人社局',
        scope: '旧版连心卡',
        duties: '',
        responsible: '',
        phone: '0000-6612345',
        supervisionPhone: '0000-6612300',
        active: false,
        updatedAt: Date.now(),
      },
    });
});
const RESIDENT = 'demo-resident-2';
const CADRE = 'demo-cadre-renshe';
const LONG = '我家老人的养老保险从外省转回来以后，每个月到账的钱比以前少了两百多块，想问问是怎么算的，需要去哪里核对';

const rowText = (h: Awaited<ReturnType<typeof openPage>>, i: number) =>
  ((rows(h)[i]!.dom as Element).textContent ?? '').replace(/\s+/g, ' ');

describe('list rows', () => {
  let waiting = '';
  let withdrawn = '';
  beforeAll(async () => {
    const submit = (clientId: string, content: string) =>
      cloud().ok(RESIDENT, 'request', 'submit', {
        clientId,
        category: '咨询',
        scene: 'c-renshe-01',
        content,
        confidential: false,
        mayContact: false,
      });
    waiting = (await submit('plain-rows-000001', LONG)).id;
    withdrawn = (await submit('plain-rows-000002', '请问社保卡丢了去哪里补办')).id;
    await cloud().ok(RESIDENT, 'request', 'withdraw', { id: withdrawn, version: 0 });
  });

  test('我的诉求: what it is about first, then who does what by when; a withdrawn one shows no deadline', async () => {
    actAs(RESIDENT);
    const mine = await openPage('pages/requests/index');
    const [gone, open] = [rowText(mine, 0), rowText(mine, 1)];
    // Newest first: the withdrawn one, then the waiting one.
    expect(gone.trim().startsWith('请问社保卡丢了去哪里补办')).toBe(true);
    expect(gone).toContain('已撤回');
    expect(gone).not.toMatch(/\d+月\d+日/);
    expect(gone).not.toContain('时限');
    // The title is cut with “…”, never mid-sentence without a sign.
    expect(open.trim().startsWith(`${Array.from(LONG).slice(0, 29).join('')}…`)).toBe(true);
    expect(open).toMatch(/已转给县人社局，\d{1,2}月\d{1,2}日前接手办理/);
    expect(open).not.toContain('答复时限');
    // The number comes last, as a reference, not as the row's first words.
    expect(open.indexOf('编号')).toBeGreaterThan(open.indexOf('接手办理'));
  });

  test('工作台: the deadline the row shows is named (签收, not 答复)', async () => {
    actAs(CADRE);
    const inbox = await openPage('packages/cadre/inbox/index');
    const text = inbox.text();
    expect(text).toContain(Array.from(LONG).slice(0, 29).join(''));
    const d = await cloud().ok(CADRE, 'request', 'detail', { id: waiting });
    const day = new Date(d.acceptDueAt + 8 * 3600_000);
    expect(text).toContain(`县人社局 ${day.getUTCMonth() + 1}月${day.getUTCDate()}日前签收`);
  });
});

describe('from the card to submitted', () => {
  test('in at most 3 taps, with a call-back number from WeChat’s own phone button', async () => {
    actAs('demo-resident-1');
    harness.resetTaps();
    const card = await openPage('packages/request/card/index', { scene: 'c-renshe-01' });
    expect(card.text()).toContain('您想：');
    await tap(card, '#intent-help'); // 1: 请帮忙
    const toForm = parseUrl(harness.lastNavigation!.url);
    const form = await openPage(toForm.path, toForm.query);
    await typeInto(form, '#content', '老伴的养老金认证在手机上一直做不了，想请人帮忙'); // typing, no tap
    await tapPhoneButton(form, '13800002222'); // 2: 留下微信绑定的手机号 → 允许
    await tap(form, '#send'); // 3: 提交
    expect(harness.taps).toBeLessThanOrEqual(3);
    const toDetail = parseUrl(harness.lastNavigation!.url);
    expect(toDetail.path).toBe('packages/request/detail/index');

    // The petitioner's page says what happens next, with the card's phones one tap away; 撤回 is a small link.
    const detail = await openPage(toDetail.path, toDetail.query);
    expect(detail.$('#next')!.dom!.textContent).toMatch(/县人社局\d{1,2}月\d{1,2}日前接手办理，最晚\d{1,2}月\d{1,2}日答复您/);
    await tap(detail, '#call-unit');
    await tap(detail, '#call-supervision');
    expect(harness.calls).toEqual([{ phoneNumber: '0000-6612345' }, { phoneNumber: '0000-6612300' }]);
    expect(detail.$('#withdraw')!.querySelector('.van-button')).toBeUndefined();
    // The timeline says where it went in the resident's words; 已派至 (派单) is the staff's.
    expect(detail.text()).toContain('已转给县人社局');
    expect(detail.text()).not.toContain('已派至');

    // The number went from WeChat to the function; the unit sees it masked.
    const seen = await cloud().ok(CADRE, 'request', 'detail', { id: toDetail.query.id! });
    expect(seen.timeline[0]!.note).toBe('已派至县人社局');
    expect(seen.petitioner).toEqual({ name: '未留姓名', phone: '138****2222' });
  });

  test('a phone code counts once, for the person it was given to (as phonenumber.getPhoneNumber does)', async () => {
    const code = async (openid: string) =>
      (
        (await (
          await fetch(`${cloud().url}/dev/phone-codes`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ phone: '13800003333', openid }),
          })
        ).json()) as { code: string }
      ).code;
    const submit = (openid: string, clientId: string, phoneCode: string) =>
      cloud().call(openid, 'request', 'submit', {
        clientId,
        category: '咨询',
        scene: 'c-renshe-01',
        content: '咨询医保卡激活的办法',
        confidential: false,
        mayContact: true,
        phoneCode,
      });
    const once = await code(RESIDENT);
    expect((await submit(RESIDENT, 'plain-phone-000001', once)).ok).toBe(true);
    const again = await submit(RESIDENT, 'plain-phone-000002', once);
    expect(again.ok ? 'ok' : [again.error.code, again.error.message]).toEqual([
      'INVALID_INPUT',
      '手机号授权已过期，请再点一次“留下手机号”',
    ]);
    const someoneElses = await submit(RESIDENT, 'plain-phone-000003', await code('demo-resident-1'));
    expect(someoneElses.ok ? 'ok' : someoneElses.error.code).toBe('INVALID_INPUT');
    const both = await cloud().call(RESIDENT, 'request', 'submit', {
      clientId: 'plain-phone-000004',
      category: '咨询',
      scene: 'c-renshe-01',
      content: '咨询医保卡激活的办法',
      confidential: false,
      mayContact: true,
      contactPhone: '13800004444',
      phoneCode: await code(RESIDENT),
    });
    expect(both.ok ? 'ok' : both.error.code).toBe('INVALID_INPUT');
  });

  test('a card taken out of use offers the unit’s phone and reporting by place; an unknown one offers the place', async () => {
    actAs('demo-resident-1');
    const old = await openPage('packages/request/card/index', { scene: 'c-renshe-00' });
    expect(old.text()).toContain('这张连心卡已经停用');
    expect(old.$('#intent-ask')).toBeUndefined();
    await tap(old, '#phone');
    expect(harness.calls).toEqual([{ phoneNumber: '0000-6612345' }]);
    await tap(old, '#report-by-place');
    expect(harness.lastNavigation!.url).toBe('/packages/request/submit/index');

    const unknown = await openPage('packages/request/card/index', { scene: 'c-nosuch-99' });
    expect(unknown.text()).toContain('这张连心卡已失效或不存在');
    expect(unknown.$('#report-by-place')).toBeDefined();
    expect(unknown.$('#retry')).toBeDefined();

    // Nothing can be filed through the old card itself.
    const through = await cloud().call('demo-resident-1', 'request', 'submit', {
      clientId: 'plain-oldcard-0001',
      category: '咨询',
      scene: 'c-renshe-00',
      content: '通过旧卡咨询社保问题',
      confidential: false,
      mayContact: false,
    });
    expect(through.ok ? 'ok' : through.error.code).toBe('NOT_FOUND');
  });
});

describe('the handle page', () => {
  test('the expected next step comes first, the rest grouped, 退单 and 不予受理 apart; the reply box is several lines', async () => {
    const s = await cloud().ok('demo-resident-1', 'request', 'submit', {
      clientId: 'plain-handle-000001',
      category: '求助',
      scene: 'c-renshe-01',
      content: '想请人社局帮忙查一下我的社保缴费记录为什么断了两个月',
      confidential: false,
      mayContact: false,
    });
    actAs(CADRE);
    const h = await openPage('packages/cadre/handle/index', { id: s.id });
    const el = (sel: string) => h.$(sel)!.dom as Element;
    const before = (a: Element, b: Element) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    // 签收 before the request itself: on the first screen, with its deadline.
    const content = Array.from((h.comp.dom as Element).querySelectorAll('*')).find(
      (n) => n.textContent === '想请人社局帮忙查一下我的社保缴费记录为什么断了两个月',
    )!;
    expect(before(el('#accept'), content)).toBe(true);
    expect(el('#next-action').textContent).toMatch(/请在\d{4}年\d{1,2}月\d{1,2}日 24:00前签收/);
    // The others grouped; the irreversible ones in their own box, never first.
    expect(el('#more-actions').contains(el('#transfer'))).toBe(true);
    expect(el('#irreversible').contains(el('#return'))).toBe(true);
    expect(el('#irreversible').contains(el('#reject'))).toBe(true);
    expect(el('#more-actions').contains(el('#return'))).toBe(false);
    expect(el('#irreversible').textContent).toContain('不能撤回');

    await tap(h, '#accept');
    // Signed: 答复 is now the step first on the page, and its box is a real multi-line one.
    expect(el('#next-action').textContent).toContain('答复');
    expect(el('#next-action').textContent).toMatch(/前答复/);
    await tap(h, '#reply');
    expect(h.$('#reply-text')).toBeDefined();
    expect((h.data.replyBox as { minHeight: number }).minHeight).toBeGreaterThanOrEqual(200);
    expect(el('#reply-text').outerHTML).toContain('text-box');
  });
});

describe('大字模式', () => {
  test('switched on 我的, kept on the phone, every resident page opens large', async () => {
    actAs('demo-resident-1');
    const me = await openPage('pages/me/index');
    expect(me.text()).toContain('大字模式');
    await tap(me, '#large-type');
    // The app reopens so the pages already open redraw.
    expect(harness.lastNavigation).toEqual({ kind: 'reLaunch', url: '/pages/me/index' });
    expect(harness.storage.get('largeType')).toBe(true);
    for (const [page, query] of [
      ['pages/home/index', {}],
      ['pages/requests/index', {}],
      ['pages/me/index', {}],
      ['packages/request/card/index', { scene: 'c-renshe-01' }],
      ['packages/request/submit/index', { scene: 'c-renshe-01' }],
    ] as const) {
      const h = await openPage(page, query);
      expect([page, (h.comp.dom as Element).querySelector('[class~="main--large"]') !== null]).toEqual([page, true]);
    }
    const again = await openPage('pages/me/index');
    await tap(again, '#large-type');
    expect(harness.storage.get('largeType')).toBe(false);
    const card = await openPage('packages/request/card/index', { scene: 'c-renshe-01' });
    expect((card.comp.dom as Element).querySelector('[class~="main--large"]')).toBeNull();
  });
});
