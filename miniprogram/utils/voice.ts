/**
 * Voice input for a text box: tap 说话输入, speak (up to a minute), tap 说完了; the recording goes to
 * the resident's own folder and comes back as text (request.transcribe, Tencent Cloud's speech
 * recognition), added to what is already typed. Typing stays available throughout. A refused
 * microphone says how to allow it, in WeChat's own menu words, and that typing works.
 */
import type { IAppOption } from '../../typings/index';
import { transcribeRecording } from '../services/request';
import { uploadRecording } from '../services/storage';
import { errorMessage } from './feedback';

const MIC_DENIED = '没有打开麦克风，不能说话输入。可以直接打字；要说话输入，请点右上角「···」→「设置」，打开「麦克风」。';
const RECORD_FAILED = '录音没有成功，请再试一次，或直接打字';

/** 16 kHz mono mp3: what the speech recognition takes (一句话识别, 16k_zh), at most 60 s. */
const RECORDING = { duration: 60_000, sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000, format: 'mp3' } as const;

export type VoiceState = 'idle' | 'recording' | 'working';

export interface VoiceHost {
  /** The state and the problem to show at the box ('' when none). */
  showVoice(state: VoiceState, error: string): void;
  /** The recognised words, to add to the box. */
  heard(text: string): void;
}

let recorder: WechatMiniprogram.RecorderManager | null = null;
let host: VoiceHost | null = null;

/** WeChat has one recorder for the whole mini-program: its events go to the page that started it. */
function theRecorder(): WechatMiniprogram.RecorderManager {
  if (recorder) return recorder;
  recorder = wx.getRecorderManager();
  recorder.onStart(() => host?.showVoice('recording', ''));
  recorder.onError((e) => {
    const denied = /auth|permission|authorize/i.test(e.errMsg ?? '');
    host?.showVoice('idle', denied ? MIC_DENIED : RECORD_FAILED);
  });
  recorder.onStop((res) => {
    const to = host;
    if (!to) return;
    if (!res.tempFilePath || res.duration < 500) return to.showVoice('idle', '时间太短，没有录到声音，请按“说话输入”再说一遍');
    to.showVoice('working', '');
    void (async () => {
      try {
        const { photoFolder } = await getApp<IAppOption>().loadMe();
        const text = await transcribeRecording(await uploadRecording(res.tempFilePath, photoFolder));
        to.heard(text);
        to.showVoice('idle', '');
      } catch (e) {
        to.showVoice('idle', errorMessage(e));
      }
    })();
  });
  return recorder;
}

/** 说话输入: starts listening for `to` (WeChat asks for the microphone the first time). */
export function startVoice(to: VoiceHost): void {
  host = to;
  wx.getSetting({
    success: (s) => {
      // Refused before: WeChat will not ask again; say how to allow it instead of failing silently.
      if (s.authSetting['scope.record'] === false) return to.showVoice('idle', MIC_DENIED);
      theRecorder().start(RECORDING);
    },
    fail: () => theRecorder().start(RECORDING),
  });
}

/** 说完了. */
export function stopVoice(): void {
  recorder?.stop();
}
