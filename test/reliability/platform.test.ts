/**
 * Suite 8, platform rules, read from the files themselves: database/rules.json closes client
 * access to every collection database/schema.json lists; every private WeChat API the
 * mini-program code calls (scanned in miniprogram/**\/*.ts and *.wxml, Vant's uploader included)
 * is declared with its purpose in miniprogram/privacy.json; app.json turns on the privacy check
 * and every page that calls one shows the privacy popup.
 */
import fs from 'fs';
import path from 'path';
import { REPO, tally, writeTallies } from './harness';

afterAll(() => writeTallies(__filename));

const read = (p: string): string => fs.readFileSync(path.join(REPO, p), 'utf8');
const json = <T>(p: string): T => JSON.parse(read(p)) as T;

test('database rules deny clients every read and write of every collection', () => {
  const schema = json<{ collections: Record<string, unknown> }>('database/schema.json');
  type Rule = { read?: unknown; write?: unknown };
  const rules = json<Rule & { collections?: Record<string, Rule> }>('database/rules.json');
  const open: string[] = [];
  for (const coll of Object.keys(schema.collections)) {
    const rule = rules.collections?.[coll] ?? rules;
    if (rule.read !== false || rule.write !== false) open.push(`${coll}: ${JSON.stringify(rule)}`);
  }
  for (const o of open) tally('leaks', `database rule open to clients: ${o}`);
  expect(Object.keys(schema.collections).length).toBeGreaterThan(0);
  expect(open).toEqual([]);
});

/**
 * WeChat's 隐私接口 (developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/miniprogram-intro.html,
 * “开发者处理的信息”), plus scanCode and makePhoneCall, which this app discloses too.
 */
const PRIVATE_APIS: Record<string, string> = {
  chooseImage: '选中的照片或视频信息',
  chooseMedia: '选中的照片或视频信息',
  chooseVideo: '选中的照片或视频信息',
  chooseMessageFile: '选中的文件',
  getLocation: '位置信息',
  getFuzzyLocation: '位置信息',
  startLocationUpdate: '位置信息',
  startLocationUpdateBackground: '位置信息',
  onLocationChange: '位置信息',
  choosePoi: '选择的位置信息',
  chooseLocation: '选择的位置信息',
  chooseAddress: '地址',
  chooseInvoice: '发票信息',
  chooseInvoiceTitle: '发票信息',
  getWeRunData: '微信运动步数',
  chooseLicensePlate: '车牌号',
  getUserInfo: '昵称、头像',
  getUserProfile: '昵称、头像',
  startRecord: '麦克风',
  getRecorderManager: '麦克风',
  joinVoIPChat: '麦克风',
  createCameraContext: '摄像头',
  createVKSession: '摄像头',
  openBluetoothAdapter: '蓝牙',
  createBLEPeripheralServer: '蓝牙',
  saveImageToPhotosAlbum: '相册（仅写入）',
  saveVideoToPhotosAlbum: '相册（仅写入）',
  addPhoneContact: '通讯录（仅写入）',
  addPhoneCalendar: '日历（仅写入）',
  addPhoneRepeatCalendar: '日历（仅写入）',
  setClipboardData: '剪切板',
  getClipboardData: '剪切板',
  scanCode: '摄像头（扫码）',
  makePhoneCall: '拨打电话',
  getPhoneNumber: '手机号',
  getRealtimePhoneNumber: '手机号',
  chooseAvatar: '昵称、头像',
};

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'miniprogram_npm' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (/\.(ts|wxml)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Private APIs a file calls: wx.X / wx['X'], open-type="X", <camera>, and van-uploader (chooseMedia, chooseImage, …). */
function usedIn(text: string): string[] {
  const used = new Set<string>();
  for (const m of text.matchAll(/\bwx\s*(?:\.\s*([A-Za-z]+)|\[\s*['"]([A-Za-z]+)['"]\s*\])/g)) used.add(m[1] ?? m[2]!);
  for (const m of text.matchAll(/open-type\s*=\s*["']([A-Za-z]+)["']/g)) used.add(m[1]!);
  for (const m of text.matchAll(
    /\bscope\.(userLocation|userFuzzyLocation|record|camera|bluetooth|writePhotosAlbum|addPhoneContact|addPhoneCalendar|werun)\b/g,
  )) {
    used.add(
      {
        userLocation: 'getLocation',
        userFuzzyLocation: 'getFuzzyLocation',
        record: 'getRecorderManager', // the microphone; wx.startRecord is the old form of the same
        camera: 'createCameraContext',
        bluetooth: 'openBluetoothAdapter',
        writePhotosAlbum: 'saveImageToPhotosAlbum',
        addPhoneContact: 'addPhoneContact',
        addPhoneCalendar: 'addPhoneCalendar',
        werun: 'getWeRunData',
      }[m[1]!]!,
    );
  }
  if (/<camera\b/.test(text)) used.add('createCameraContext');
  if (/type\s*=\s*["']nickname["']/.test(text)) used.add('chooseAvatar');
  for (const m of text.matchAll(/<van-uploader\b[^>]*>/g)) {
    const accept = /\baccept\s*=\s*["']([a-z]+)["']/.exec(m[0])?.[1] ?? 'image';
    if (accept === 'file' || accept === 'all') used.add('chooseMessageFile');
    if (accept === 'video') used.add('chooseVideo');
    used.add('chooseMedia');
    if (accept === 'image') used.add('chooseImage');
  }
  return [...used].filter((a) => Object.prototype.hasOwnProperty.call(PRIVATE_APIS, a));
}

const SOURCES = files(path.join(REPO, 'miniprogram'));
const USES = new Map<string, string[]>(); // api → files
for (const f of SOURCES)
  for (const a of usedIn(fs.readFileSync(f, 'utf8')))
    USES.set(a, [...(USES.get(a) ?? []), path.relative(path.join(REPO, 'miniprogram'), f)]);

test('the scanner finds what it must (it reads the code, not a list)', () => {
  expect(usedIn('wx.chooseMedia({}); wx["getLocation"]({})')).toEqual(['chooseMedia', 'getLocation']);
  expect(usedIn('<button open-type="getPhoneNumber" bindgetphonenumber="x"/>')).toEqual(['getPhoneNumber']);
  expect(usedIn('<van-uploader file-list="{{f}}" />').sort()).toEqual(['chooseImage', 'chooseMedia']);
  expect(SOURCES.length).toBeGreaterThan(10);
});

test('every private WeChat API the mini-program calls is declared with its purpose in miniprogram/privacy.json', () => {
  const declared = json<{ apis: Record<string, { info?: string; purpose?: string }> }>('miniprogram/privacy.json').apis;
  const missing: string[] = [];
  for (const [api, where] of USES) {
    const d = declared[`wx.${api}`] ?? declared[api];
    if (!d || !d.purpose || !d.info) missing.push(`wx.${api} (${PRIVATE_APIS[api]}) used in ${where.join(', ')}`);
  }
  for (const m of missing) tally('leaks', `undeclared private API: ${m}`);
  expect(missing).toEqual([]);
});

test('app.json turns the privacy check on, and every page calling a private API shows the privacy popup', () => {
  const app = json<{ __usePrivacyCheck__?: boolean }>('miniprogram/app.json');
  expect(app.__usePrivacyCheck__).toBe(true);
  const pagesWithout: string[] = [];
  for (const files of USES.values()) {
    for (const f of files) {
      const base = f.replace(/\.(ts|wxml)$/, '');
      if (!fs.existsSync(path.join(REPO, 'miniprogram', `${base}.json`))) continue; // a util, not a page
      const wxml = path.join(REPO, 'miniprogram', `${base}.wxml`);
      if (fs.existsSync(wxml) && !fs.readFileSync(wxml, 'utf8').includes('<privacy-popup')) pagesWithout.push(base);
    }
  }
  expect([...new Set(pagesWithout)]).toEqual([]);
});
