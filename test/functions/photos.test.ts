/**
 * Photos through the real SDK on the emulator: a resident uploads into their own folder (named in
 * `user.me`), a request takes photos from that folder only, every photo passes security.imgSecCheck
 * before the request exists, and whoever may see the request gets temporary URLs of its photos
 * (wx-server-sdk getTempFileURL → the emulator's storage.batchGetDownloadUrl).
 */
import type { SubmitInput } from '../../typings';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { R1, R2, RENSHE, ZHUJIAN } from '../helpers/demo';

let cloud: TestCloud;
let seq = 0;
useCloud((c) => (cloud = c));

/** Uploads bytes as the mini-program does into `folder`, returning the fileID. */
async function upload(folder: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.set('cloudPath', `${folder}/20261203-${(seq += 1)}.jpg`);
  form.set('file', new Blob([new Uint8Array(bytes)]), 'photo.jpg');
  const res = await fetch(`${cloud.url}/storage/upload`, { method: 'POST', body: form });
  return ((await res.json()) as { fileID: string }).fileID;
}

const jpeg = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text), Buffer.from([0xff, 0xd9])]);

const input = (photos: string[]): SubmitInput => ({
  clientId: `photo-client-${(seq += 1).toString().padStart(4, '0')}`,
  category: '求助',
  content: '小区门口的下水道井盖破了，照片在这里',
  scene: 'c-renshe-01',
  confidential: false,
  mayContact: false,
  photos,
});

test('each user has their own pseudonymous upload folder', async () => {
  const a = (await cloud.ok(R1, 'user', 'me', {})).photoFolder;
  const b = (await cloud.ok(R2, 'user', 'me', {})).photoFolder;
  expect(a).toMatch(/^photos\/[0-9a-f]{24}$/);
  expect(b).not.toBe(a);
  expect(a).not.toContain(R1);
  expect((await cloud.ok(R1, 'user', 'me', {})).photoFolder).toBe(a);
});

test('a request with my own photo: the requester and the handling unit get temporary URLs of the same bytes; others do not', async () => {
  const folder = (await cloud.ok(R1, 'user', 'me', {})).photoFolder;
  const fileID = await upload(folder, jpeg('井盖照片'));
  const made = await cloud.ok(R1, 'request', 'submit', input([fileID]));
  for (const who of [R1, RENSHE]) {
    const { urls } = await cloud.ok(who, 'request', 'photos', { id: made.id });
    expect(urls).toHaveLength(1);
    const bytes = Buffer.from(await (await fetch(urls[0]!)).arrayBuffer());
    expect(bytes.equals(jpeg('井盖照片'))).toBe(true);
  }
  for (const who of [R2, ZHUJIAN]) {
    const res = await cloud.call(who, 'request', 'photos', { id: made.id });
    expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND');
  }
});

test('a photo from someone else’s folder (or none at all) is INVALID_INPUT and nothing is created', async () => {
  const theirs = await upload((await cloud.ok(R2, 'user', 'me', {})).photoFolder, jpeg('别人的照片'));
  const mine = (await cloud.ok(R1, 'user', 'me', {})).photoFolder;
  const before = await cloud.dump();
  for (const photos of [
    [theirs],
    [`cloud://lianxin-prod.6c69-lianxin-prod/${mine}/../x.jpg`],
    ['cloud://env/requests/20261203/abc.jpg'],
    [`cloud://env/${mine}/sub/x.jpg`],
  ]) {
    const res = await cloud.call(R1, 'request', 'submit', input(photos));
    expect(res.ok ? 'ok' : res.error).toEqual({ code: 'INVALID_INPUT', message: expect.stringMatching(/照片/) });
  }
  expect(await cloud.dump()).toEqual(before);
});

test('a photo the image check calls risky is CONTENT_REJECTED before the request exists', async () => {
  const folder = (await cloud.ok(R1, 'user', 'me', {})).photoFolder;
  const risky = await upload(folder, jpeg('敏感词测试'));
  const fine = await upload(folder, jpeg('路灯照片'));
  const before = await cloud.dump();
  const res = await cloud.call(R1, 'request', 'submit', input([fine, risky]));
  expect(res.ok ? 'ok' : res.error.code).toBe('CONTENT_REJECTED');
  expect(await cloud.dump()).toEqual(before);
});

test('a request without photos answers no URLs', async () => {
  const made = await cloud.ok(R1, 'request', 'submit', input([]));
  expect(await cloud.ok(R1, 'request', 'photos', { id: made.id })).toEqual({ urls: [] });
});
