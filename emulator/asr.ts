/**
 * The local cloud's 一句话识别 (Tencent Cloud ASR SentenceRecognition, as server/speech.ts calls it):
 * the same request (TC3-signed JSON, X-TC-Action SentenceRecognition, base64 audio) and the same
 * answer shape ({Response: {Result, AudioDuration, RequestId}} or {Response: {Error}}). No speech
 * model runs locally: the words of a recording are read from its ID3v2 title frame (TIT2), which
 * recordings made for development and tests carry; a recording without one is heard as silence.
 */

/** The text of an mp3's ID3v2 TIT2 frame (UTF-8 or UTF-16 with BOM), or '' when it has none. */
function id3Title(mp3: Buffer): string {
  if (mp3.length < 10 || mp3.toString('latin1', 0, 3) !== 'ID3') return '';
  const size = ((mp3[6]! & 0x7f) << 21) | ((mp3[7]! & 0x7f) << 14) | ((mp3[8]! & 0x7f) << 7) | (mp3[9]! & 0x7f);
  const end = Math.min(mp3.length, 10 + size);
  for (let at = 10; at + 10 <= end;) {
    const id = mp3.toString('latin1', at, at + 4);
    const len = mp3.readUInt32BE(at + 4);
    if (!/^[A-Z0-9]{4}$/.test(id) || len <= 0) break;
    if (id === 'TIT2') {
      const body = mp3.subarray(at + 11, at + 10 + len);
      const enc = mp3[at + 10];
      return (enc === 1 ? body.toString('utf16le').replace(/^\uFEFF/, '') : body.toString(enc === 3 ? 'utf8' : 'latin1')).replace(
        /\0+$/,
        '',
      );
    }
    at += 10 + len;
  }
  return '';
}

interface AsrRequest {
  EngSerViceType?: unknown;
  SourceType?: unknown;
  VoiceFormat?: unknown;
  Data?: unknown;
  DataLen?: unknown;
}

/** One SentenceRecognition call: refused as the cloud refuses it when unsigned or malformed. */
export function sentenceRecognition(
  headers: Record<string, string | string[] | undefined>,
  raw: string,
): { Response: Record<string, unknown> } {
  const RequestId = `local-${Date.now().toString(36)}`;
  const fail = (Code: string, Message: string) => ({ Response: { Error: { Code, Message }, RequestId } });
  if (!String(headers.authorization ?? '').startsWith('TC3-HMAC-SHA256 Credential='))
    return fail('AuthFailure.SignatureFailure', 'unsigned');
  if (headers['x-tc-action'] !== 'SentenceRecognition') return fail('InvalidAction', String(headers['x-tc-action']));
  let req: AsrRequest;
  try {
    req = JSON.parse(raw) as AsrRequest;
  } catch {
    return fail('InvalidParameter', 'body is not JSON');
  }
  if (req.EngSerViceType !== '16k_zh' || req.SourceType !== 1 || typeof req.Data !== 'string' || typeof req.VoiceFormat !== 'string')
    return fail('InvalidParameter', 'EngSerViceType, SourceType 1, VoiceFormat and Data are required');
  const audio = Buffer.from(req.Data, 'base64');
  if (audio.length !== req.DataLen) return fail('InvalidParameterValue', 'DataLen does not match Data');
  return { Response: { Result: id3Title(audio), AudioDuration: 0, RequestId } };
}
