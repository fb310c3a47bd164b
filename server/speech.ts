/**
 * Voice input (issue 18): a resident's recording, in their own upload folder, turned into text by
 * Tencent Cloud's 一句话识别 (ASR SentenceRecognition, 16 kHz Mandarin, up to 60 s), called from the
 * function with its own credentials (云开发 gives every function TENCENTCLOUD_SECRETID / SECRETKEY /
 * SESSIONTOKEN) and signed with TC3-HMAC-SHA256. The text goes back to the resident only, into the
 * box they would have typed in; nothing is stored. LIANXIN_ASR_URL points the call elsewhere (the
 * local cloud's /asr).
 */
import crypto from 'crypto';
import { cloud } from './cloud';
import { AppError } from './errors';

const HOST = 'asr.tencentcloudapi.com';
/** 60 s of 16 kHz mono mp3 at 48 kbps is about 360 KB; the API takes up to 3 MB of audio. */
const MAX_RECORDING_BYTES = 1_000_000;

const sha256 = (s: string | Buffer): string => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string): Buffer => crypto.createHmac('sha256', key).update(s).digest();

/** The TC3-HMAC-SHA256 headers of one API call (Tencent Cloud's signature, version 3). */
function signed(body: string, now: number): Record<string, string> {
  const id = process.env.TENCENTCLOUD_SECRETID ?? '';
  const key = process.env.TENCENTCLOUD_SECRETKEY ?? '';
  const token = process.env.TENCENTCLOUD_SESSIONTOKEN;
  const ts = Math.floor(now / 1000);
  const date = new Date(ts * 1000).toISOString().slice(0, 10);
  const canonical = ['POST', '/', '', `content-type:application/json\nhost:${HOST}\n`, 'content-type;host', sha256(body)].join('\n');
  const scope = `${date}/asr/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(ts), scope, sha256(canonical)].join('\n');
  const signature = hmac(hmac(hmac(hmac(`TC3${key}`, date), 'asr'), 'tc3_request'), toSign).toString('hex');
  return {
    'content-type': 'application/json',
    host: HOST,
    authorization: `TC3-HMAC-SHA256 Credential=${id}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`,
    'x-tc-action': 'SentenceRecognition',
    'x-tc-version': '2019-06-14',
    'x-tc-timestamp': String(ts),
    ...(token ? { 'x-tc-token': token } : {}),
  };
}

interface AsrAnswer {
  Response?: { Result?: string; Error?: { Code?: string; Message?: string } };
}

/** The words of a recording in the caller's folder (the caller of transcribe checked whose it is). */
export async function transcribe(fileID: string, now: number): Promise<string> {
  const { fileContent } = (await cloud.downloadFile({ fileID }).catch(() => {
    throw new AppError('INVALID_INPUT', '没有找到这段录音，请重新说一遍');
  })) as { fileContent: Buffer };
  if (fileContent.length === 0 || fileContent.length > MAX_RECORDING_BYTES)
    throw new AppError('INVALID_INPUT', '录音太长或是空的，请说一分钟以内');
  const body = JSON.stringify({
    EngSerViceType: '16k_zh',
    SourceType: 1,
    VoiceFormat: 'mp3',
    Data: fileContent.toString('base64'),
    DataLen: fileContent.length,
  });
  const url = process.env.LIANXIN_ASR_URL || `https://${HOST}`;
  let answer: AsrAnswer;
  try {
    const res = await fetch(url, { method: 'POST', headers: signed(body, now), body });
    answer = (await res.json()) as AsrAnswer;
  } catch {
    throw new AppError('INTERNAL', '语音识别暂时用不了，请直接打字');
  }
  if (answer.Response?.Error) throw new AppError('INTERNAL', '语音识别暂时用不了，请直接打字');
  const text = (answer.Response?.Result ?? '').trim();
  if (!text) throw new AppError('INVALID_INPUT', '没有听清您说的话，请靠近手机再说一遍，或直接打字');
  return text;
}
