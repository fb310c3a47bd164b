/**
 * Every way something leaves the server — an action's answer, a WeChat open-API call, a message in
 * the outbox, a log line, a stored file, an outgoing HTTP request — found in the code itself, and
 * the registry of how the leak scan reads each one. A channel the code uses that is not registered
 * here fails `leaks.test.ts` by its name.
 */
import fs from 'fs';
import path from 'path';
import { REPO } from './harness';
import { ALL_ACTIONS } from './tables';

/** How the scan reads a channel (see leaks.test.ts). */
export type ChannelScan =
  /** Every action's answer to every caller: the walk of leaks.test.ts. */
  | 'answers'
  /** Subscription messages as WeChat received them (`GET /dev/messages`). */
  | 'messages'
  /** The outbox documents the sender reads (`notifications`). */
  | 'outbox'
  /** Everything the emulator and the function workers printed. */
  | 'logs'
  /** Files in the emulator's storage directory. */
  | 'files'
  /** Not a person: the text goes to WeChat's own check and comes back as a verdict. */
  | 'platform'
  /** Files made for people to download (the survey's .xlsx), read cell by cell. */
  | 'exports';

export interface Channel {
  scan: ChannelScan;
  why: string;
}

/** The registry: every channel name the discovery below can produce, and how it is scanned. */
export const REGISTERED: Record<string, Channel> = {
  ...Object.fromEntries(ALL_ACTIONS.map((fa) => [`answer:${fa}`, { scan: 'answers' as const, why: 'the caller reads the answer' }])),
  'openapi:subscribeMessage.send': {
    scan: 'messages',
    why: '时限提醒 and 办理进度 reach staff and petitioners (a leader told of a letter to read, 阅批; a unit of a 批示, of a part to give as co-handling unit or of one given, 联合办理); 问卷调查通知 reaches residents who dealt with a surveyed unit (jobs/surveys.ts)',
  },
  'collection:notifications': {
    scan: 'outbox',
    why: 'the outbox holds each message before it is sent (a request’s steps — 阅批 and 联合办理 ones too — and a survey’s notice to the residents it concerns), and is each recipient’s 消息 list (user.messages reads it back; its answers are walked too)',
  },
  'openapi:security.msgSecCheck': { scan: 'platform', why: 'the platform checks the text a person typed; nobody else reads it' },
  'openapi:wxacode.getUnlimited': { scan: 'answers', why: 'the code image is returned in an action’s answer (cardCode, claimCode)' },
  'openapi:security.imgSecCheck': { scan: 'platform', why: 'the platform checks a photo a person uploaded; nobody else reads it' },
  'openapi:phonenumber.getPhoneNumber': {
    scan: 'platform',
    why: 'the function gives WeChat the one-time code of its phone button and gets the resident’s own number back; it is stored, and masked in every answer (scanned there)',
  },
  'cloud:downloadFile': { scan: 'platform', why: 'the function reads a photo to have it checked; it goes nowhere else' },
  'cloud:getTempFileURL': { scan: 'answers', why: 'temporary photo URLs are returned in request.photos, to whoever may see the request' },
  log: { scan: 'logs', why: 'function and emulator output' },
  storage: { scan: 'files', why: 'photos and any file the server stores' },
  http: {
    scan: 'platform',
    why: '说话输入 (server/speech.ts): the resident’s own recording goes to Tencent Cloud’s speech recognition and its words come back to that resident only; nothing is stored',
  },
  'export:xlsx': {
    scan: 'exports',
    why: 'the survey’s results and free-text answers (survey.exportResults), and the county’s duty figures (duty.exportFigures), as workbooks an admin downloads',
  },
};

/** The code whose sinks are found: the shared server code and each function's entry. */
function serverSources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push({ file: path.relative(REPO, p), text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(REPO, 'server'));
  for (const fn of fs.readdirSync(path.join(REPO, 'cloudfunctions'))) {
    const entry = path.join(REPO, 'cloudfunctions', fn, 'index.ts');
    if (fs.existsSync(entry)) out.push({ file: path.relative(REPO, entry), text: fs.readFileSync(entry, 'utf8') });
  }
  return out;
}

/** Collections whose documents are read out as messages to people (an outbox): named *notifications, *messages, *outbox, *sms, *letters. */
const OUTBOX_NAME = /^(notifications|messages|outbox|sms|letters|mails)$|_(notifications|messages|outbox)$/;

/** The channels a piece of code uses, by name. */
export function channelsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\bopenapi\s*\.\s*(\w+)\s*\.\s*(\w+)/g)) found.add(`openapi:${m[1]}.${m[2]}`);
  for (const m of text.matchAll(/\bcloud\s*\.\s*(uploadFile|downloadFile|callFunction|getTempFileURL|callContainer)\b/g))
    found.add(m[1] === 'uploadFile' ? 'storage' : `cloud:${m[1]}`);
  if (/\bconsole\s*\.\s*(log|info|warn|error|debug)\b|\bprocess\s*\.\s*(stdout|stderr)\b/.test(text)) found.add('log');
  if (/\b(fetch|https?\.request|https?\.get|axios|got)\s*\(/.test(text)) found.add('http');
  if (/\bfs\s*\.\s*(writeFile|appendFile|createWriteStream)/.test(text)) found.add('file');
  for (const m of text.matchAll(/collection\(\s*'(\w+)'\s*\)/g)) if (OUTBOX_NAME.test(m[1]!)) found.add(`collection:${m[1]}`);
  // The same written through server/db.ts's helpers (insert('notifications', doc)).
  for (const m of text.matchAll(/\b(?:insert|casUpdate)\s*(?:<[^>]*>)?\(\s*'(\w+)'/g))
    if (OUTBOX_NAME.test(m[1]!)) found.add(`collection:${m[1]}`);
  // A spreadsheet or document written for download (exceljs: workbook.xlsx / workbook.csv).
  for (const m of text.matchAll(/\.\s*(xlsx|csv)\s*\.\s*(writeBuffer|writeFile|write)\s*\(/g)) found.add(`export:${m[1]}`);
  return [...found];
}

/** Every channel the code uses: each action (answers), and each sink found in the server's code. */
export function discoverChannels(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const fa of ALL_ACTIONS) where.set(`answer:${fa}`, ['the action tables']);
  for (const { file, text } of serverSources()) {
    for (const c of channelsIn(text)) where.set(c, [...(where.get(c) ?? []), file]);
  }
  // Files reach storage from the phone (the services are the mini-program's only callers of wx.cloud).
  const services = path.join(REPO, 'miniprogram', 'services');
  for (const f of fs.readdirSync(services).filter((x) => x.endsWith('.ts'))) {
    if (/\bcloud\s*\.\s*uploadFile\b/.test(fs.readFileSync(path.join(services, f), 'utf8')))
      where.set('storage', [...(where.get('storage') ?? []), `miniprogram/services/${f}`]);
  }
  // Collections declared in the schema that are outboxes are channels even before code writes them.
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'database', 'schema.json'), 'utf8')) as {
    collections: Record<string, unknown>;
  };
  for (const name of Object.keys(schema.collections))
    if (OUTBOX_NAME.test(name)) where.set(`collection:${name}`, [...(where.get(`collection:${name}`) ?? []), 'database/schema.json']);
  return where;
}
