/**
 * Issue 9 item 4, through the real functions: a registered 信访 petitioner is a person, not the
 * admin. Registration gives a 受理告知 with a short claim code and its 小程序码; the petitioner who
 * scans it follows the item as their own; for one without the app the answer is delivered by
 * letter, SMS or in person and recorded as 书面答复 (送达 method and date), and the item is not
 * closed until then (件件有答复, S4.1). Only the petitioner rates or asks for 复查/复核.
 */
import type { RegisterInput } from '../../typings';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, R2 } from '../helpers/demo';

let cloud: TestCloud;
let seq = 0;
useCloud((c) => (cloud = c));

const letter = (over: Partial<RegisterInput> = {}): RegisterInput => ({
  clientId: `letter-${(seq += 1).toString().padStart(4, '0')}`,
  source: '来信',
  category: '求助',
  content: '来信反映：村里低保评定不公开，请求核查',
  receivedAt: Date.now() - 3_600_000,
  contactName: '慕容来信',
  contactPhone: '13800007776',
  confidential: false,
  unitId: 'unit-chengguan',
  ...over,
});
const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);

async function answered(over: Partial<RegisterInput> = {}) {
  const reg = await cloud.ok(ADMIN, 'admin', 'register', letter(over));
  const d = await cloud.ok(CHENGGUAN, 'request', 'detail', { id: reg.id });
  const a = await cloud.ok(CHENGGUAN, 'request', 'accept', v(d));
  const r = await cloud.ok(CHENGGUAN, 'request', 'reply', { ...v(a), reply: '经核查，低保评定已按程序公示，详见村务公开栏。' });
  return { reg, replied: r };
}

describe('受理告知', () => {
  it('registration gives a short claim code, and its 小程序码 opens the claim page with it', async () => {
    const reg = await cloud.ok(ADMIN, 'admin', 'register', letter());
    expect(reg.claimCode).toMatch(/^[A-Z2-9]{8}$/);
    const notice = await cloud.ok(ADMIN, 'admin', 'claimCode', { id: reg.id });
    expect(notice.code).toBe(reg.claimCode);
    expect(notice.scene).toBe(`k-${reg.claimCode}`);
    const png = Buffer.from(notice.image.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(notice.notice).toContain(reg.no);
    expect(notice.notice).toContain(reg.claimCode);
    // the code is the petitioner's: the handling unit never sees it
    expect(JSON.stringify(await cloud.ok(CHENGGUAN, 'request', 'detail', { id: reg.id }))).not.toContain(reg.claimCode);
  });

  it('the registering admin is not the petitioner: not in their requests, and they may neither rate, withdraw nor ask for 复查', async () => {
    const { reg, replied } = await answered();
    const mine = await cloud.ok(ADMIN, 'request', 'mine', {});
    expect(mine.items.map((i) => i.id)).not.toContain(reg.id);
    const asAdmin = await cloud.ok(ADMIN, 'request', 'detail', { id: reg.id });
    expect(asAdmin.can.filter((a) => ['rate', 'withdraw', 'reviewAsk'].includes(a))).toEqual([]);
    const before = await cloud.dump();
    expect(code(await cloud.raw(ADMIN, 'request', { action: 'rate', ...v(replied), resolved: true, score: 5 }))).toBe('FORBIDDEN');
    expect(code(await cloud.raw(ADMIN, 'request', { action: 'reviewAsk', ...v(replied), reason: '信访人不服，申请复查' }))).toBe(
      'FORBIDDEN',
    );
    expect(await cloud.dump()).toEqual(before);
  });

  it('the petitioner who scans it follows it as their own, rates it and may ask for 复查; nobody else can claim it', async () => {
    const reg = await cloud.ok(ADMIN, 'admin', 'register', letter());
    expect(code(await cloud.raw(R1, 'request', { action: 'claim', code: 'ZZZZ9999' }))).toBe('NOT_FOUND');
    const claimed = await cloud.ok(R1, 'request', 'claim', { code: reg.claimCode });
    expect(claimed.id).toBe(reg.id);
    expect(claimed.unclaimed).toBe(false);
    expect((await cloud.ok(R1, 'request', 'claim', { code: reg.claimCode })).id).toBe(reg.id); // the same person again: the same item
    expect(await cloud.raw(R2, 'request', { action: 'claim', code: reg.claimCode })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '这件信访事项已被认领' },
    });
    expect((await cloud.ok(R1, 'request', 'mine', {})).items.map((i) => i.id)).toContain(reg.id);

    const a = await cloud.ok(CHENGGUAN, 'request', 'accept', v(await cloud.ok(CHENGGUAN, 'request', 'detail', { id: reg.id })));
    await cloud.ok(CHENGGUAN, 'request', 'reply', { ...v(a), reply: '经核查，低保评定已按程序公示。' });
    const mine = await cloud.ok(R1, 'request', 'detail', { id: reg.id });
    expect(mine.can).toEqual(expect.arrayContaining(['rate', 'reviewAsk']));
    const asked = await cloud.ok(R1, 'request', 'reviewAsk', { ...v(mine), reason: '对答复不满意，申请复查' });
    expect(asked.status).toBe('reviewing');
  });

  it('the progress messages go to the petitioner who claimed it, never to the registering admin', async () => {
    const reg = await cloud.ok(ADMIN, 'admin', 'register', letter());
    await cloud.ok(R2, 'request', 'claim', { code: reg.claimCode });
    await cloud.ok(CHENGGUAN, 'request', 'accept', v(await cloud.ok(CHENGGUAN, 'request', 'detail', { id: reg.id })));
    for (let i = 0; i < 5; i += 1) await cloud.raw(null, 'timer', { Type: 'Timer' });
    const dump = (await cloud.dump()) as { collections: { notifications: { requestId: string; to: string; template: string }[] } };
    const progress = dump.collections.notifications.filter((n) => n.requestId === reg.id && n.template === 'progress');
    expect(progress.map((n) => n.to)).toEqual([R2]);
  });
});

describe('书面答复: the answer reaches a petitioner without the app', () => {
  it('an answered item is not closed until its answer is delivered; delivery records method and date and closes it', async () => {
    const { reg, replied } = await answered();
    expect(replied.status).toBe('replied');
    const asAdmin = await cloud.ok(ADMIN, 'request', 'detail', { id: reg.id });
    expect(asAdmin.unclaimed).toBe(true);
    expect(asAdmin.can).toContain('deliver');
    const at = Date.now();
    expect(code(await cloud.raw(ADMIN, 'admin', { action: 'deliver', ...v(asAdmin), method: '飞鸽', deliveredAt: at }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      code(await cloud.raw(ADMIN, 'admin', { action: 'deliver', ...v(asAdmin), method: '邮寄', deliveredAt: Date.now() + 86_400_000 })),
    ).toBe('INVALID_INPUT');
    const done = await cloud.ok(ADMIN, 'admin', 'deliver', { ...v(asAdmin), method: '邮寄', deliveredAt: at });
    expect(done.status).toBe('closed');
    expect(done.delivery).toEqual({ method: '邮寄', at });
    expect(done.timeline.at(-1)).toMatchObject({ type: 'deliver', note: expect.stringContaining('邮寄') });
    // no rating was made on the petitioner's behalf
    expect(done.rating).toBeNull();
  });

  it('a claimed item is answered in the app: there is nothing to deliver by letter', async () => {
    const reg = await cloud.ok(ADMIN, 'admin', 'register', letter());
    await cloud.ok(R1, 'request', 'claim', { code: reg.claimCode });
    const a = await cloud.ok(CHENGGUAN, 'request', 'accept', v(await cloud.ok(CHENGGUAN, 'request', 'detail', { id: reg.id })));
    const r = await cloud.ok(CHENGGUAN, 'request', 'reply', { ...v(a), reply: '经核查，已责成村委会重新公示。' });
    expect(code(await cloud.raw(ADMIN, 'admin', { action: 'deliver', ...v(r), method: '当面', deliveredAt: Date.now() - 1000 }))).toBe(
      'CONFLICT',
    );
  });
});
