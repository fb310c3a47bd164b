/**
 * Every notice reaches its person (issue 19): the in-app message list (消息) holds every notice the
 * outbox makes, whether or not it could be pushed; it is read and marked by its recipient only.
 * The timer's steps run in this process with the real SDK against the emulator.
 */
import type { RequestDetail } from '../../typings';
import { project as projectJob } from '../../server/jobs/figures';
import { send as sendJob } from '../../server/jobs/outbox';
import { loadDirectory } from '../../server/directoryCache';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { R1, R2, RENSHE as HANDLER, RENSHE_HEAD as HEAD } from '../helpers/demo';

const FAR = 60_000;
const project = () => projectJob({ now: Date.now(), until: Date.now() + FAR });
const send = async () => sendJob({ dir: await loadDirectory(), now: Date.now(), until: Date.now() + FAR });
/** The timer's second and third jobs: the outbox is filled, then sent as far as grants allow. */
const timer = async () => {
  await project();
  return send();
};

let cloud: TestCloud;
let n = 0;
useCloud((c) => (cloud = c));

const v = (d: { id: string; version: number }) => ({ id: d.id, version: d.version });
async function submit(by: string = R1, content = '失业保险金怎么申领？'): Promise<RequestDetail> {
  const s = await cloud.ok(by, 'request', 'submit', {
    clientId: `notice-${(n += 1).toString().padStart(5, '0')}`,
    category: '咨询',
    content,
    scene: 'c-renshe-01',
    confidential: false,
    mayContact: true,
    contactName: '王秀英',
    contactPhone: '13800001234',
  });
  return cloud.ok(by, 'request', 'detail', { id: s.id });
}
const code = (env: { ok: boolean; error?: { code: string } }) => (env.ok ? 'OK' : env.error!.code);

describe('消息: every notice in the app', () => {
  it('lands for each recipient although nothing could be pushed, opens the request, and is marked read by its recipient only', async () => {
    const d = await submit(R1, '失业保险金怎么申领？我的电话13912345678');
    const before = (await cloud.ok(HANDLER, 'user', 'unread', {})).unread;
    await timer();

    // New work reaches every cadre of the unit, head included: nobody granted anything, so nothing was pushed.
    for (const who of [HANDLER, HEAD]) {
      const list = await cloud.ok(who, 'user', 'messages', {});
      const m = list.items.find((x) => x.requestId === d.id)!;
      expect(m).toMatchObject({
        no: d.no,
        kind: 'deadline',
        title: '待签收：失业保险金怎么申领？我的电话139****5678',
        read: false,
        push: 'no_grant',
        url: `/packages/cadre/handle/index?id=${d.id}`,
      });
      expect(m.at).toBe(d.acceptDueAt);
    }
    const unread = (await cloud.ok(HANDLER, 'user', 'unread', {})).unread;
    expect(unread).toBe(before + 1);
    const mine = (await cloud.ok(HANDLER, 'user', 'messages', {})).items.find((x) => x.requestId === d.id)!;

    // Nobody else reads or marks it: another person's message is not found, and stays unread.
    expect(code(await cloud.call(R2, 'user', 'readMessage', { messageId: mine.id }))).toBe('NOT_FOUND');
    expect(code(await cloud.call(HEAD, 'user', 'readMessage', { messageId: mine.id }))).toBe('NOT_FOUND');
    expect((await cloud.ok(R2, 'user', 'messages', {})).items.map((x) => x.id)).not.toContain(mine.id);
    expect(code(await cloud.call(HANDLER, 'user', 'readMessage', { messageId: { $ne: '' } as unknown as string }))).toBe('INVALID_INPUT');

    // Its recipient opens it: read once; a second tap changes nothing.
    expect(await cloud.ok(HANDLER, 'user', 'readMessage', { messageId: mine.id })).toEqual({ unread: unread - 1 });
    expect(await cloud.ok(HANDLER, 'user', 'readMessage', { messageId: mine.id })).toEqual({ unread: unread - 1 });
    const read = (await cloud.ok(HANDLER, 'user', 'messages', {})).items.find((x) => x.id === mine.id)!;
    expect(read.read).toBe(true);
    expect((await cloud.ok(HEAD, 'user', 'messages', {})).items.find((x) => x.requestId === d.id)!.read).toBe(false);

    // The petitioner hears of each step in the app: 已签收 opens their own request page.
    await cloud.ok(HANDLER, 'request', 'accept', v(d));
    await timer();
    const progress = (await cloud.ok(R1, 'user', 'messages', {})).items.filter((x) => x.requestId === d.id);
    expect(progress.map((x) => [x.kind, x.title, x.push, x.url])).toEqual([
      ['progress', '已签收：失业保险金怎么申领？我的电话139****5678', 'no_grant', `/packages/request/detail/index?id=${d.id}`],
    ]);
    // The stored messages themselves hold the number masked.
    const dumped = (await cloud.dump()) as { collections: { notifications: unknown[] } };
    expect(JSON.stringify(dumped.collections.notifications)).toContain('139****5678');
    expect(JSON.stringify(dumped.collections.notifications)).not.toContain('13912345678');
  });

  it('pages a long list newest first, 20 at a time, every notice once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 23; i += 1) ids.push((await submit(R2, `第${i + 1}件：社保卡怎么补办？`)).id);
    await timer();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await cloud.ok(HEAD, 'user', 'messages', cursor ? { cursor } : {});
      expect(page.items.length).toBeLessThanOrEqual(20);
      seen.push(...page.items.map((x) => x.requestId));
      cursor = page.cursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
    const first = await cloud.ok(HEAD, 'user', 'messages', {});
    const times = first.items.map((x) => x.createdAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(code(await cloud.call(HEAD, 'user', 'messages', { cursor: 'not-a-cursor' }))).toBe('INVALID_INPUT');
  });
});
