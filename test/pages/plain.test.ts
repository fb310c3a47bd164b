/**
 * @jest-environment ./test/pages/environment.js
 *
 * What residents and cadres read is true and plain (issue 18): each list row says what it is
 * about first, and the next thing that will happen and by when — in plain words for the resident,
 * in the county's words for staff — and nothing once nothing more is owed.
 */
import { actAs, openPage, rows, useTestCloud } from './harness';

const cloud = useTestCloud();
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
