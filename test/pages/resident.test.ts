/**
 * @jest-environment ./test/pages/environment.js
 *
 * A resident scans a card, reads it, reports, and follows the request — against the real functions.
 */
import {
  actAs,
  answerDialog,
  emit,
  harness,
  hook,
  openPage,
  parseUrl,
  tap,
  tapPhoneButton,
  toastText,
  typeInto,
  useTestCloud,
} from './harness';

const cloud = useTestCloud();

async function countRequests(): Promise<number> {
  const dump = (await cloud().dump()) as { collections: Record<string, unknown[]> };
  return (dump.collections.requests ?? []).length;
}

describe('resident', () => {
  beforeEach(() => actAs('demo-resident-1'));

  test('my requests shows the empty state for someone who never reported', async () => {
    actAs('demo-resident-2');
    const list = await openPage('pages/requests/index');
    expect(list.text()).toContain('您还没有反映过诉求');
    await tap(list, '#empty-submit');
    expect(harness.lastNavigation?.url).toBe('/packages/request/submit/index');
  });

  test('scanning a card opens it; the card shows unit, scope and phones; tap-to-call', async () => {
    const home = await openPage('pages/home/index');
    harness.scanResult = { path: `packages/request/card/index?scene=${encodeURIComponent('c-renshe-01')}`, result: '' };
    await tap(home, '#scan');
    const nav = parseUrl(harness.lastNavigation!.url);
    expect(nav.path).toBe('packages/request/card/index');
    expect(nav.query.scene).toBe('c-renshe-01');

    const card = await openPage(nav.path, nav.query);
    const text = card.text();
    expect(text).toContain('县人社局');
    expect(text).toContain('0000-6612345');
    expect(text).toContain('0000-6612300');
    expect(text).toContain('养老金领取资格认证');
    await tap(card, '#phone');
    expect(harness.calls).toEqual([{ phoneNumber: '0000-6612345' }]);
    await tap(card, '#intent-ask');
    expect(harness.lastNavigation?.url).toBe('/packages/request/submit/index?scene=c-renshe-01&intent=ask');
  });

  test('a code that is not a card is refused with a message; an unknown card says so', async () => {
    const home = await openPage('pages/home/index');
    harness.scanResult = { result: 'https://example.com/?x=1' };
    await tap(home, '#scan');
    expect(harness.navigations).toEqual([]);
    expect(toastText(home)).toContain('不是连心卡');

    const card = await openPage('packages/request/card/index', { scene: 'c-nosuch-99' });
    expect(card.text()).toContain('这张连心卡已失效或不存在');
  });

  test('submitting through a card creates a request seen in 我的诉求 and in the unit inbox', async () => {
    const form = await openPage('packages/request/submit/index', { scene: 'c-renshe-01' });
    await emit(form, '#intent', 'change', 'ask');
    await typeInto(form, '#content', '请问养老金资格认证在哪里办理，需要带什么材料？');
    // WeChat's own phone button: one tap, the number exchanged in the function.
    await tapPhoneButton(form, '13800001234');
    expect(form.text()).toContain('已留下您微信绑定的手机号');
    await typeInto(form, '#contact-name', '王秀英');
    await tap(form, '#send');
    const nav = harness.lastNavigation!;
    expect(nav.kind).toBe('redirectTo');
    const { path: detailPath, query } = parseUrl(nav.url);
    expect(query.fresh).toBe('1');

    const detail = await openPage(detailPath, query);
    expect(detail.text()).toContain('请问养老金资格认证在哪里办理');
    expect(detail.text()).toContain('已转给单位');
    expect(detail.text()).toContain('县人社局');
    expect(detail.text()).toContain('您提交了');
    const stored = (
      (await cloud().dump()) as {
        collections: { requests: { _id: string; mayContact: boolean; contactPhone: string; contactName: string }[] };
      }
    ).collections.requests.find((r) => r._id === query.id)!;
    expect([stored.mayContact, stored.contactPhone, stored.contactName]).toEqual([true, '13800001234', '王秀英']);

    const mine = await openPage('pages/requests/index');
    expect(mine.text()).toContain('请问养老金资格认证在哪里办理');
    expect(mine.text()).toMatch(/已转给县人社局，\d{1,2}月\d{1,2}日前接手办理/);

    actAs('demo-cadre-renshe');
    const inbox = await openPage('packages/cadre/inbox/index');
    expect(inbox.text()).toContain('请问养老金资格认证在哪里办理');
  });

  test('a retry after a failure re-sends the same clientId and never duplicates', async () => {
    const before = await countRequests();
    const form = await openPage('packages/request/submit/index', { scene: 'c-zhujian-01' });
    await emit(form, '#intent', 'change', 'report');
    await emit(form, '#complaint', 'change', 'to'); // “请这个单位处理这件事”
    await typeInto(form, '#content', '小区旁边工地夜里施工，噪音太大睡不着觉');
    // The first answer is lost on the way back: the request was made but the phone never heard.
    const realCall = (wx.cloud.callFunction as unknown as (o: object) => Promise<unknown>).bind(wx.cloud);
    let lost = false;
    (wx.cloud as unknown as { callFunction: unknown }).callFunction = async (o: object) => {
      const r = await realCall(o);
      // The submission's answer (the tap also reports the subscription panel's answers, which arrive).
      if (!lost && (o as { data?: { action?: string } }).data?.action === 'submit') {
        lost = true;
        throw new Error('network');
      }
      return r;
    };
    try {
      await tap(form, '#send');
      expect(toastText(form)).toBe('网络不给力，请检查网络后重试');
      expect(form.data.submitting).toBe(false);
      await tap(form, '#send');
    } finally {
      (wx.cloud as unknown as { callFunction: unknown }).callFunction = realCall;
    }
    expect(harness.lastNavigation!.kind).toBe('redirectTo');
    expect(await countRequests()).toBe(before + 1);
  });

  test('bad input: the client stops short content; the server rejects risky words and nothing is created', async () => {
    const before = await countRequests();
    const form = await openPage('packages/request/submit/index', { scene: 'c-renshe-01' });
    await emit(form, '#intent', 'change', 'suggest');
    await typeInto(form, '#content', '太短');
    await tap(form, '#send');
    // At the field, and it stays there until fixed (not a toast over another row).
    expect(form.$('#content-error')!.dom!.textContent).toBe('诉求内容请至少写5个字');
    expect(toastText(form)).toBe('还有没填好的地方，请看红字提示');
    await typeInto(form, '#content', '还是太短');
    expect(form.$('#content-error')!.dom!.textContent).toBe('诉求内容请至少写5个字');

    await typeInto(form, '#content', '这里有违禁词测试的内容，请处理');
    expect(form.$('#content-error')).toBeUndefined();
    await tap(form, '#send');
    expect(toastText(form)).toMatch(/不适宜|修改/);
    expect(await countRequests()).toBe(before);
  });

  test('without a card the resident picks town and village; the catalogue routes it', async () => {
    const form = await openPage('packages/request/submit/index');
    await tap(form, '#send');
    expect(form.$('#place-error')!.dom!.textContent).toBe('请选择您所在的村（社区）');
    expect(form.$('#category-error')!.dom!.textContent).toBe('请选择您想做什么');
    await tap(form, '#town');
    expect(form.data.pickerColumns).toEqual(expect.arrayContaining(['城关镇', '石门镇', '东城街道']));
    await emit(form, '#picker', 'confirm', { index: (form.data.pickerColumns as string[]).indexOf('城关镇'), value: '城关镇' });
    await tap(form, '#village');
    await emit(form, '#picker', 'confirm', { index: (form.data.pickerColumns as string[]).indexOf('河西村'), value: '河西村' });
    expect(form.text()).toContain('河西村');
    expect(form.$('#place-error')).toBeUndefined();
    await emit(form, '#intent', 'change', 'help');
    expect(form.$('#category-error')).toBeUndefined();
    await typeInto(form, '#content', '村口路灯坏了一个月了，晚上出行不方便');
    // A photo, uploaded before sending.
    await emit(form, '#photos', 'after-read', { file: { url: 'wxfile://tmp/photo-1.jpg', size: 1000 } });
    expect(harness.uploads).toBeGreaterThan(0);
    await tap(form, '#send');
    const detail = await openPage('packages/request/detail/index', parseUrl(harness.lastNavigation!.url).query);
    expect(detail.text()).toContain('城关镇人民政府');
    expect(detail.text()).toContain('河西村');
    // The photo shows through a temporary URL the page asked for, serving the bytes uploaded from
    // the resident's own folder.
    const photos = (detail.data.view as { photos: string[] }).photos;
    expect(photos).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/storage\/photos\/[0-9a-f]{24}\/\d{8}-\w+\.jpg$/)]);
    const served = Buffer.from(await (await fetch(photos[0]!)).arrayBuffer());
    expect(served.toString('latin1')).toContain('wxfile://tmp/photo-1.jpg');
  });

  test('withdraw asks first, then the status changes; a stale version is reloaded with a message', async () => {
    const created = await cloud().ok('demo-resident-1', 'request', 'submit', {
      clientId: 'withdraw-test-0001',
      category: '咨询',
      content: '想问一下医保报销的流程',
      scene: 'c-chengguan-01',
      confidential: false,
      mayContact: false,
    });
    const detail = await openPage('packages/request/detail/index', { id: created.id });
    // 撤回 is a small link now, not the page's big button.
    expect(detail.text()).toContain('不需要办了？撤回');
    expect(detail.$('#withdraw')!.querySelector('.van-button')).toBeUndefined();
    await tap(detail, '#withdraw');
    await typeInto(detail, '#withdraw-reason', '问题已经解决了');
    await tap(detail, '#withdraw-confirm');
    await answerDialog(detail, 'cancel');
    expect(detail.text()).toContain('已转给单位');

    // Meanwhile the unit signs for it: the page's version is now stale.
    await cloud().ok('demo-cadre-chengguan', 'request', 'accept', { id: created.id, version: 0 });
    await tap(detail, '#withdraw-confirm');
    await answerDialog(detail);
    expect(toastText(detail)).toContain('已为您刷新');
    expect(detail.text()).toContain('正在办理');

    // Still allowed once signed for: confirming again now sends the fresh version.
    await tap(detail, '#withdraw-confirm');
    await answerDialog(detail);
    expect(detail.text()).toContain('已撤回');
    expect(detail.$('#withdraw')).toBeUndefined();
    expect(detail.$('#withdraw-confirm')).toBeUndefined();
  });

  test('a replied request can be rated on the five-level scale', async () => {
    const created = await cloud().ok('demo-resident-1', 'request', 'submit', {
      clientId: 'rate-test-00000001',
      category: '求助',
      content: '家门口下水道堵了',
      scene: 'c-chengguan-01',
      confidential: false,
      mayContact: false,
    });
    await cloud().ok('demo-cadre-chengguan', 'request', 'accept', { id: created.id, version: 0 });
    await cloud().ok('demo-cadre-chengguan', 'request', 'reply', { id: created.id, version: 1, reply: '已安排人员疏通完毕' });
    const detail = await openPage('packages/request/detail/index', { id: created.id });
    expect(detail.text()).toContain('已安排人员疏通完毕');
    await tap(detail, '#rate');
    expect(detail.text()).toContain('非常满意');
    expect(detail.text()).toContain('非常不满意');
    // Nothing chosen: each question says so under itself, and stays until answered.
    await tap(detail, '#rate-confirm');
    expect(detail.$('#resolved-error')!.dom!.textContent).toContain('问题解决了');
    expect(detail.$('#score-error')!.dom!.textContent).toContain('满意');
    await emit(detail, '#resolved', 'change', 'yes');
    expect(detail.$('#resolved-error')).toBeUndefined();
    expect(detail.$('#score-error')).toBeDefined();
    await emit(detail, '#score', 'change', 5);
    await tap(detail, '#rate-confirm');
    expect(detail.text()).toContain('非常满意');
    expect(detail.text()).toContain('问题已解决');
    expect(detail.data.can).toEqual({});
  });

  test('pagination: reaching the bottom loads the next page', async () => {
    actAs('demo-resident-2');
    for (let i = 0; i < 12; i += 1) {
      await cloud().ok('demo-resident-2', 'request', 'submit', {
        clientId: `page-test-${String(i).padStart(8, '0')}`,
        category: '咨询',
        content: `第${i + 1}个问题，请帮忙解答`,
        scene: 'c-renshe-01',
        confidential: false,
        mayContact: false,
      });
    }
    const list = await openPage('pages/requests/index');
    expect((list.data.rows as unknown[]).length).toBe(10);
    expect(list.text()).toContain('第12个问题');
    expect(list.text()).not.toContain('第1个问题');
    await hook(list, 'onReachBottom');
    expect((list.data.rows as unknown[]).length).toBe(12);
    expect(list.text()).toContain('第1个问题');
    expect(list.text()).toContain('没有更多了');
  });
});
