/**
 * 说话输入 through the real function (request.transcribe): a recording in the caller's own folder
 * comes back as its words (the local cloud's 一句话识别, called signed as Tencent Cloud's ASR);
 * someone else's recording, an empty or oversize one, or silence is refused in plain Chinese, and
 * nothing is stored either way.
 */
import { photoFolder } from '../../server/photos';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { R1, R2 } from '../helpers/demo';
import { recording } from '../helpers/recording';

let cloud: TestCloud;
let seq = 0;
useCloud((c) => (cloud = c));

async function upload(openid: string, bytes: Buffer): Promise<string> {
  const form = new FormData();
  form.set('cloudPath', `${photoFolder(openid)}/voice-${(seq += 1)}.mp3`);
  form.set('file', new Blob([new Uint8Array(bytes)]), 'voice.mp3');
  return ((await (await fetch(`${cloud.url}/storage/upload`, { method: 'POST', body: form })).json()) as { fileID: string }).fileID;
}
const requests = async () => ((await cloud.dump()) as { collections: { requests?: unknown[] } }).collections.requests?.length ?? 0;

test('a recording in the caller’s folder comes back as its words; nothing is stored', async () => {
  const before = await requests();
  const fileID = await upload(R1, recording('村口的路灯坏了一个月了，晚上看不见路'));
  expect(await cloud.ok(R1, 'request', 'transcribe', { fileID })).toEqual({ text: '村口的路灯坏了一个月了，晚上看不见路' });
  expect(await requests()).toBe(before);
});

test('someone else’s recording, silence, an empty or oversize file are refused in plain Chinese', async () => {
  const mine = await upload(R1, recording('路灯坏了'));
  expect(await cloud.call(R2, 'request', 'transcribe', { fileID: mine })).toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: '这段录音不是您本人录的，请重新说一遍' },
  });
  expect(await cloud.call(R1, 'request', 'transcribe', { fileID: await upload(R1, recording('')) })).toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: '没有听清您说的话，请靠近手机再说一遍，或直接打字' },
  });
  expect(await cloud.call(R1, 'request', 'transcribe', { fileID: await upload(R1, Buffer.alloc(1_000_001, 1)) })).toEqual({
    ok: false,
    error: { code: 'INVALID_INPUT', message: '录音太长或是空的，请说一分钟以内' },
  });
  expect(await cloud.call(R1, 'request', 'transcribe', { fileID: 'https://example.com/a.mp3' })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT' },
  });
});
