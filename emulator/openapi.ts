/**
 * WeChat open APIs as wx-server-sdk 4.0.2 calls them through CloudBase (`cloud.openapi.*`):
 * `POST /admin` as multipart/form-data with fields action='wx.openApi', apiName='security.msgSecCheck',
 * requestData = protobuf CommApiData {1: apiType, 2: OpenApiData {1: repeated KeyValuePair
 * {1: key, 2: value bytes (JSON of the snake_case parameter, or a media file's raw bytes, then
 * with 3: content type / 4: file name)}}, 6: appid}. The answer is a raw
 * protobuf CommOpenApiResp {1: respData bytes, 2: contentType, 3: errorCode, 4: httpCode}; the SDK
 * parses respData as JSON when contentType is application/json, else returns {contentType, buffer}.
 */
import crypto from 'crypto';
import fs from 'fs';
import { createRequire } from 'module';
import type { QRCodeToBufferOptions } from 'qrcode';
import { Worker } from 'worker_threads';
import { Subscriptions } from './subscriptions';

// ---------------------------------------------------------------- multipart

export function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const fields = new Map<string, Buffer>();
  if (!m) return fields;
  const boundary = Buffer.from('--' + (m[1] ?? m[2]).trim());
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) break;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next === -1) break;
    const content = body.subarray(headerEnd + 4, next - 2); // strip the CRLF before the boundary
    const name = /name="([^"]*)"/i.exec(headers);
    if (name) fields.set(name[1], content);
    pos = next;
  }
  return fields;
}

// ---------------------------------------------------------------- protobuf (just what we need)

type Field = { no: number; wire: number; varint?: number; bytes?: Buffer };

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

function decodeFields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      pos = p2;
      out.push({ no, wire, varint: v });
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      out.push({ no, wire, bytes: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else if (wire === 5) pos += 4;
    else if (wire === 1) pos += 8;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let v = n >>> 0 === n ? n : n < 0 ? n + 2 ** 64 : n; // int32 negatives are 10-byte varints
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    bytes.push(b);
  } while (v > 0);
  return Buffer.from(bytes);
}

function lenField(no: number, data: Buffer): Buffer {
  return Buffer.concat([varint(no * 8 + 2), varint(data.length), data]);
}

export interface OpenApiRequest {
  appid: string;
  params: Record<string, unknown>;
  /** Media parameters (imgSecCheck's `media`): the file's bytes, by parameter name. */
  files: Record<string, Buffer>;
}

export function decodeCommApiData(buf: Buffer): OpenApiRequest {
  const params: Record<string, unknown> = {};
  const files: Record<string, Buffer> = {};
  let appid = '';
  for (const f of decodeFields(buf)) {
    if (f.no === 6 && f.bytes) appid = f.bytes.toString('utf8');
    if (f.no === 2 && f.bytes) {
      for (const pair of decodeFields(f.bytes)) {
        if (pair.no !== 1 || !pair.bytes) continue;
        let key = '';
        let value: Buffer = Buffer.alloc(0);
        let media = false;
        for (const kv of decodeFields(pair.bytes)) {
          if (kv.no === 1 && kv.bytes) key = kv.bytes.toString('utf8');
          if (kv.no === 2 && kv.bytes) value = kv.bytes;
          // contenttype (3) or filename (4): the SDK's media converter sent this pair.
          if (kv.no === 3 || kv.no === 4) media = true;
        }
        if (media) {
          // A media parameter ({contentType, value: Buffer}) travels as the raw bytes.
          files[key] = value;
          continue;
        }
        const text = value.toString('utf8');
        try {
          params[key] = JSON.parse(text);
        } catch {
          params[key] = text;
        }
      }
    }
  }
  return { appid, params, files };
}

export function encodeCommOpenApiResp(respData: Buffer, contentType: string): Buffer {
  return Buffer.concat([lenField(1, respData), lenField(2, Buffer.from(contentType)), varint(4 * 8 + 0), varint(200)]);
}

// ---------------------------------------------------------------- the APIs

export interface OutboxMessage {
  api: string;
  appid: string;
  at: string;
  /** The parameters as the function sent them (snake_case, as on the wire). */
  data: Record<string, unknown>;
}

export interface OpenApiResult {
  contentType: string;
  body: Buffer;
}

const json = (v: unknown): OpenApiResult => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify(v)) });

export class OpenApi {
  readonly outbox: OutboxMessage[] = [];
  /** Errors to answer the next calls of an API with (POST /dev/openapi/errors), e.g. 43101 “no quota”. */
  readonly injected = new Map<string, number[]>();
  /** The platform's record of who allowed which subscription messages. */
  readonly subscriptions = new Subscriptions();
  private words: string[] | null = null;
  /** getPhoneNumber codes handed out (POST /dev/phone-codes, as WeChat hands one to the button): one use, 5 minutes. */
  private readonly phoneCodes = new Map<string, { phone: string; openid: string | null; expiresAt: number }>();

  constructor(
    private readonly wordsFile: string,
    private readonly log: (msg: string) => void,
  ) {}

  private sensitiveWords(): string[] {
    if (this.words === null) {
      try {
        const raw = JSON.parse(fs.readFileSync(this.wordsFile, 'utf8')) as { words?: string[] } | string[];
        this.words = Array.isArray(raw) ? raw : (raw.words ?? []);
      } catch {
        this.words = [];
      }
    }
    return this.words;
  }

  /** What WeChat does when a user taps a getPhoneNumber button and agrees: a one-time code for their number. */
  issuePhoneCode(phone: string, openid: string | null, now = Date.now()): string {
    const code = crypto.randomBytes(16).toString('hex');
    this.phoneCodes.set(code, { phone, openid, expiresAt: now + PHONE_CODE_TTL_MS });
    return code;
  }

  async call(apiName: string, req: OpenApiRequest): Promise<OpenApiResult> {
    this.log(`openapi ${apiName}`);
    const failWith = this.injected.get(apiName)?.shift();
    if (failWith !== undefined) return json({ errcode: failWith, errmsg: `injected error ${failWith}` });
    switch (apiName) {
      case 'security.msgSecCheck': {
        const content = String(req.params.content ?? '');
        const hit = this.sensitiveWords().find((w) => w && content.includes(w));
        if (req.params.version !== 2 && req.params.version !== '2') {
          // v1: errcode 87014 when risky
          return json(hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' });
        }
        return json({
          errcode: 0,
          errmsg: 'ok',
          result: { suggest: hit ? 'risky' : 'pass', label: hit ? 20001 : 100 },
          detail: [
            {
              strategy: 'keyword',
              errcode: 0,
              suggest: hit ? 'risky' : 'pass',
              label: hit ? 20001 : 100,
              ...(hit ? { keyword: hit } : {}),
            },
          ],
          trace_id: crypto.randomUUID(),
        });
      }
      case 'security.imgSecCheck': {
        // Locally an image is risky when its bytes contain one of the sensitive words (UTF-8).
        const media = req.files.media ?? Buffer.alloc(0);
        const hit = this.sensitiveWords().find((w) => w && media.includes(Buffer.from(w, 'utf8')));
        return json(hit ? { errcode: 87014, errmsg: 'risky content' } : { errcode: 0, errmsg: 'ok' });
      }
      case 'subscribeMessage.send': {
        // Delivered only when the user's grant allows it, as WeChat does; what was delivered is kept.
        const code = this.subscriptions.send(req.params.touser, req.params.template_id);
        if (code !== 0)
          return json({ errcode: code, errmsg: code === 43101 ? 'user refuse to accept the msg' : `invalid argument ${code}` });
        this.outbox.push({ api: apiName, appid: req.appid, at: new Date().toISOString(), data: req.params });
        return json({ errcode: 0, errmsg: 'ok' });
      }
      case 'phonenumber.getPhoneNumber': {
        // As WeChat: each code once, for 5 minutes, and (when given) only for the openid it was issued to.
        const code = String(req.params.code ?? '');
        const issued = this.phoneCodes.get(code);
        this.phoneCodes.delete(code);
        const openid = req.params.openid === undefined ? null : String(req.params.openid);
        if (!issued || issued.expiresAt < Date.now() || (openid !== null && issued.openid !== null && openid !== issued.openid))
          return json({ errcode: 40029, errmsg: 'invalid code' });
        return json({
          errcode: 0,
          errmsg: 'ok',
          phone_info: {
            phoneNumber: issued.phone,
            purePhoneNumber: issued.phone,
            countryCode: '86',
            watermark: { timestamp: Math.floor(Date.now() / 1000), appid: req.appid },
          },
        });
      }
      case 'wxacode.getUnlimited':
        // Locally a plain QR code stands in for the 小程序码: it carries the page and the scene.
        return { contentType: 'image/png', body: await qrPng(`${String(req.params.page ?? '')}?scene=${String(req.params.scene ?? '')}`) };
      case 'wxacode.get':
      case 'wxacode.createQRCode':
        return { contentType: 'image/png', body: await qrPng(String(req.params.path ?? '')) };
      default:
        return json({ errcode: -1, errmsg: `openapi ${apiName} is not emulated locally` });
    }
  }
}

/** A getPhoneNumber code is valid this long (WeChat: 5 minutes). */
const PHONE_CODE_TTL_MS = 5 * 60_000;

// ---------------------------------------------------------------- codes

const PNG_OPTIONS: QRCodeToBufferOptions = { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 };

/**
 * A QR code PNG of `text`, as a phone's scanner reads it. Encoded on a worker thread: the PNG
 * encoder is seconds of CPU inside jest's sandbox (past a function's 3 s limit) and would stall
 * every other call to the emulator meanwhile.
 */
function qrPng(text: string): Promise<Buffer> {
  const script = `const { parentPort, workerData } = require('worker_threads');
require(workerData.module).toBuffer(workerData.text, workerData.options).then((png) => parentPort.postMessage(png));`;
  const workerData = { module: createRequire(__filename).resolve('qrcode'), text: text || ' ', options: PNG_OPTIONS };
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { eval: true, workerData });
    worker.once('message', (png: Uint8Array) => {
      resolve(Buffer.from(png));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
