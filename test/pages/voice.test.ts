/**
 * @jest-environment ./test/pages/environment.js
 *
 * 说话输入 on the compiled form (issue 18): the resident taps 说话输入, speaks, taps 说完了; the
 * recording goes to their own folder and comes back as words in the text box (request.transcribe →
 * the local cloud's 一句话识别), after anything typed; typing stays. A refused microphone says, in
 * plain words, how to allow it and that typing works — and typing does.
 */
import { recording } from '../helpers/recording';
import { actAs, harness, openPage, parseUrl, tap, typeInto, useTestCloud, type PageHandle } from './harness';

const cloud = useTestCloud();

/** WeChat's one recorder, as the phone has it: a test says whether the microphone is allowed and what is said. */
const mic = { allowed: true, refusedBefore: false, words: '', started: 0 };
type Handler = (res: Record<string, unknown>) => void;
const on: Record<string, Handler> = {};
Object.assign((global as unknown as { wx: Record<string, unknown> }).wx, {
  getRecorderManager: () => ({
    onStart: (f: Handler) => (on.start = f),
    onStop: (f: Handler) => (on.stop = f),
    onError: (f: Handler) => (on.error = f),
    start: (o: { format: string; sampleRate: number; duration: number }) => {
      expect([o.format, o.sampleRate, o.duration]).toEqual(['mp3', 16000, 60_000]); // what 一句话识别 (16k_zh) takes
      mic.started += 1;
      if (!mic.allowed) return on.error?.({ errMsg: 'operateRecorder:fail auth deny' });
      on.start?.({});
    },
    stop: () => {
      const tempFilePath = `wxfile://tmp/voice-${mic.started}.mp3`;
      harness.phoneFiles.set(tempFilePath, recording(mic.words));
      on.stop?.({ tempFilePath, duration: 4_000, fileSize: 2_000 });
    },
  }),
  getSetting: (o: { success?: (r: unknown) => void }) =>
    o.success?.({ errMsg: 'getSetting:ok', authSetting: mic.refusedBefore ? { 'scope.record': false } : {} }),
});

const MIC_DENIED = '没有打开麦克风，不能说话输入。可以直接打字；要说话输入，请点右上角「···」→「设置」，打开「麦克风」。';
const contentOf = async (id: string) =>
  ((await cloud().dump()) as { collections: { requests: { _id: string; content: string }[] } }).collections.requests.find(
    (r) => r._id === id,
  )!.content;

async function formFromCard(): Promise<PageHandle> {
  actAs('demo-resident-1');
  const card = await openPage('packages/request/card/index', { scene: 'c-renshe-01' });
  await tap(card, '#intent-help');
  const nav = parseUrl(harness.lastNavigation!.url);
  return openPage(nav.path, nav.query);
}

async function speak(form: PageHandle, words: string): Promise<void> {
  mic.words = words;
  await tap(form, '#voice'); // 说话输入
  expect(form.$('#voice')!.dom!.textContent).toContain('说完了');
  expect(form.$('#voice-hint')!.dom!.textContent).toContain('正在听');
  await tap(form, '#voice'); // 说完了
  await form.settle(300);
}

test('the words spoken land in the text box, after what was typed, and are what is submitted', async () => {
  Object.assign(mic, { allowed: true, refusedBefore: false });
  const form = await formFromCard();
  expect(form.$('#voice')!.dom!.textContent).toContain('说话输入');
  await speak(form, '老伴的养老金认证在手机上一直做不了');
  expect(form.data.contentValue).toBe('老伴的养老金认证在手机上一直做不了');
  expect(form.$('#voice-error')).toBeUndefined();
  expect(form.$('#voice')!.dom!.textContent).toContain('说话输入');
  // typing stays: the resident adds a word by typing, then speaks again; the new words follow
  await typeInto(form, '#content', '老伴的养老金认证在手机上一直做不了。想请人帮忙');
  await speak(form, '我们住在城关镇河西村');
  expect(form.data.contentValue).toBe('老伴的养老金认证在手机上一直做不了。想请人帮忙，我们住在城关镇河西村');
  await tap(form, '#send');
  const to = parseUrl(harness.lastNavigation!.url);
  expect(to.path).toBe('packages/request/detail/index');
  expect(await contentOf(to.query.id!)).toBe('老伴的养老金认证在手机上一直做不了。想请人帮忙，我们住在城关镇河西村');
});

test('nothing heard: said at the box in plain words, the box unchanged', async () => {
  Object.assign(mic, { allowed: true, refusedBefore: false });
  const form = await formFromCard();
  await speak(form, '');
  expect(form.$('#voice-error')!.dom!.textContent).toBe('没有听清您说的话，请靠近手机再说一遍，或直接打字');
  expect(form.data.contentValue).toBe('');
});

test('a refused microphone says how to allow it, and typing still works', async () => {
  Object.assign(mic, { allowed: false, refusedBefore: false });
  const form = await formFromCard();
  await tap(form, '#voice');
  expect(form.$('#voice-error')!.dom!.textContent).toBe(MIC_DENIED);
  expect(form.$('#voice')!.dom!.textContent).toContain('说话输入'); // not stuck listening
  // refused for good earlier: WeChat will not ask again, so the page says so without starting the recorder
  Object.assign(mic, { refusedBefore: true });
  const started = mic.started;
  const again = await formFromCard();
  await tap(again, '#voice');
  expect(mic.started).toBe(started);
  expect(again.$('#voice-error')!.dom!.textContent).toBe(MIC_DENIED);
  await typeInto(again, '#content', '社保卡丢了，怎么补办？');
  await tap(again, '#send');
  const to = parseUrl(harness.lastNavigation!.url);
  expect(to.path).toBe('packages/request/detail/index');
  expect(await contentOf(to.query.id!)).toBe('社保卡丢了，怎么补办？');
});
