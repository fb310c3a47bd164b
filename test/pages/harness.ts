/**
 * Page-test harness: miniprogram-simulate for rendering, `Page` registered as a component,
 * `App`/`getApp` from the real app, and `wx.cloud.callFunction` reaching the REAL cloud functions
 * on a test emulator over HTTP as the identity the test chooses. Pages, components and the app
 * are loaded from the COMPILED package (.build/miniprogram, made by WeChat's compiler in
 * `npm run build`), never from the TypeScript sources: a module that does not ship fails here.
 *
 * Import it first in a page test (it defines the globals the pages need when they load), with
 * `@jest-environment ./test/pages/environment.js` in the file's docblock.
 */
import fs from 'fs';
import path from 'path';
import simulate from 'miniprogram-simulate';
import type { IAppOption } from '../../typings/index';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { compiledRoot } from './compiled';

const ROOT = compiledRoot();
const APP_COMPONENTS = (JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8')) as { usingComponents: Record<string, string> })
  .usingComponents;
const METRICS_FILE = path.join(__dirname, '.metrics.json');

type AnyFn = (...args: unknown[]) => unknown;
type Dict = Record<string, unknown>;

// ---------------------------------------------------------------- simulate: fresh JS per load
// miniprogram-simulate `require`s each component's JS and then deletes it from require.cache, which
// jest's registry ignores: a second load of the same Vant component would never call Component()
// again. Evaluating each component file in an isolated registry registers it every time.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS internal of miniprogram-simulate, patched below
const simUtils = require('miniprogram-simulate/src/utils') as { runJs: (p: string) => void };
simUtils.runJs = (filePath: string) => {
  jest.isolateModules(() => {
    require(filePath); // eslint-disable-line @typescript-eslint/no-require-imports -- a component file by path, inside an isolated registry
  });
};

// Base library methods j-component lacks (Vant's tabs batch their children's setData with it).
const simulatedComponent = (global as unknown as { Component: (o: Dict) => void }).Component;
(global as unknown as { Component: (o: Dict) => void }).Component = (o: Dict) =>
  simulatedComponent({
    ...o,
    methods: {
      groupSetData(cb: () => void) {
        cb();
      },
      ...(o.methods as Dict | undefined),
    },
  });

// ---------------------------------------------------------------- metrics
const metrics = { maxSetDataBytes: 0, maxSetDataPage: '', maxWxmlNodes: 0, maxWxmlNodesPage: '' };

function recordSetData(page: string, data: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(data ?? {}), 'utf8');
  if (bytes > metrics.maxSetDataBytes) Object.assign(metrics, { maxSetDataBytes: bytes, maxSetDataPage: page });
}

function recordNodes(page: string, root: Element): void {
  const n = root.querySelectorAll('*').length + 1;
  if (n > metrics.maxWxmlNodes) Object.assign(metrics, { maxWxmlNodes: n, maxWxmlNodesPage: page });
}

/** Merges this file's maxima into test/pages/.metrics.json (read by the benchmark). */
function writeMetrics(): void {
  let all: Dict = {};
  try {
    all = JSON.parse(fs.readFileSync(METRICS_FILE, 'utf8')) as Dict;
  } catch {
    // first writer
  }
  const prev = all as { maxSetDataBytes?: number; maxWxmlNodes?: number };
  const next: Dict = { ...all, updatedAt: new Date().toISOString() };
  if ((prev.maxSetDataBytes ?? 0) < metrics.maxSetDataBytes)
    Object.assign(next, { maxSetDataBytes: metrics.maxSetDataBytes, maxSetDataPage: metrics.maxSetDataPage });
  if ((prev.maxWxmlNodes ?? 0) < metrics.maxWxmlNodes)
    Object.assign(next, { maxWxmlNodes: metrics.maxWxmlNodes, maxWxmlNodesPage: metrics.maxWxmlNodesPage });
  fs.writeFileSync(METRICS_FILE, `${JSON.stringify(next, null, 2)}\n`);
}

// ---------------------------------------------------------------- Page as a component
const PAGE_HOOKS = [
  'onLoad',
  'onShow',
  'onReady',
  'onHide',
  'onUnload',
  'onPullDownRefresh',
  'onReachBottom',
  'onShareAppMessage',
  'onPageScroll',
];
let loadingPagePath = '';

(global as unknown as Dict).Page = (options: Dict) => {
  const pagePath = loadingPagePath;
  const methods: Dict = {};
  const fields: Dict = {};
  for (const [k, v] of Object.entries(options)) {
    if (k === 'data' || k === 'behaviors') continue;
    if (typeof v === 'function') methods[k] = v;
    else fields[k] = v;
  }
  (global as unknown as { Component: (o: Dict) => void }).Component({
    data: options.data ?? {},
    behaviors: options.behaviors ?? [],
    methods,
    lifetimes: {
      created(this: Dict & { setData: AnyFn }) {
        // Page options' own fields become instance fields (cursor, locks), as Page() does.
        for (const [k, v] of Object.entries(fields)) this[k] = v && typeof v === 'object' ? structuredClone(v) : v;
        const setData = this.setData.bind(this);
        this.setData = (data: unknown, cb?: unknown) => {
          recordSetData(pagePath, data);
          return setData(data, cb);
        };
      },
    },
  });
};
void PAGE_HOOKS;

// ---------------------------------------------------------------- wx
interface Navigation {
  kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'navigateBack' | 'reLaunch';
  url: string;
}

/** The build the pages believe they run in (wx.getAccountInfoSync().miniProgram). */
export interface Account {
  appId: string;
  envVersion: 'develop' | 'trial' | 'release';
}
const RELEASE: Account = { appId: 'wx5e1a2c3b4d6f7089', envVersion: 'release' };

const state = {
  cloud: null as TestCloud | null,
  openid: 'demo-resident-1' as string | null,
  storage: new Map<string, unknown>(),
  navigations: [] as Navigation[],
  calls: [] as { phoneNumber: string }[],
  clipboard: '',
  scanResult: null as null | { path?: string; result?: string } | 'cancel',
  pages: [] as WechatMiniprogram.Page.TrivialInstance[],
  uploads: 0,
  inflight: 0,
  /** How the user answers the subscription panel: every id alike, per id, or the call fails. */
  subscribe: 'reject' as SubscribeAnswer,
  /** The user ticks 总是保持以上选择，不再询问 in the panel. */
  subscribeKeep: false,
  subscribeCalls: [] as string[][],
  /** What wx.getAccountInfoSync says: a release build of a configured mini-program unless a test says otherwise. */
  account: { ...RELEASE },
  /** URLs the pages sent with wx.request (only the local cloud's develop path uses it). */
  requests: [] as string[],
  cloudCalls: 0,
  /** Taps (and choices, which are taps) the test made as the user since the last reset: the tap-count tests read it. */
  taps: 0,
  /** Files on the phone by path (wxfile://…), for photos a test picks. */
  phoneFiles: new Map<string, Buffer>(),
  /** Files a page wrote on the phone (a workbook before it is opened), by path. */
  written: new Map<string, Buffer>(),
  /** The documents a page opened (wx.openDocument), as `path fileType`. */
  opened: [] as string[],
  /** The tab bar's badges by tab index (wx.setTabBarBadge), as the user sees them. */
  badges: new Map<number, string>(),
};

/** The scripted answer of wx.requestSubscribeMessage. */
export type SubscribeAnswer =
  'accept' | 'acceptWithAudio' | 'reject' | 'fail' | Record<string, 'accept' | 'acceptWithAudio' | 'reject' | 'ban'>;

const wxAny = (global as unknown as { wx: Dict }).wx;

function done<T>(opts: { success?: (r: T) => void; complete?: (r: T) => void } | undefined, result: T): Promise<T> {
  opts?.success?.(result);
  opts?.complete?.(result);
  return Promise.resolve(result);
}

for (const kind of ['navigateTo', 'redirectTo', 'switchTab', 'navigateBack', 'reLaunch'] as const) {
  wxAny[kind] = (opts: { url?: string; success?: AnyFn } = {}) => {
    state.navigations.push({ kind, url: opts.url ?? '' });
    return done(opts, { errMsg: `${kind}:ok` });
  };
}
Object.assign(wxAny, {
  getStorageSync: (key: string) => (state.storage.has(key) ? state.storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void state.storage.set(key, value),
  removeStorageSync: (key: string) => void state.storage.delete(key),
  stopPullDownRefresh: (o?: Dict) => done(o as never, { errMsg: 'stopPullDownRefresh:ok' }),
  setNavigationBarTitle: (o?: Dict) => done(o as never, { errMsg: 'setNavigationBarTitle:ok' }),
  makePhoneCall: (o: { phoneNumber: string; success?: AnyFn }) => {
    state.calls.push({ phoneNumber: o.phoneNumber });
    return done(o, { errMsg: 'makePhoneCall:ok' });
  },
  setClipboardData: (o: { data: string; success?: AnyFn }) => {
    state.clipboard = o.data;
    return done(o, { errMsg: 'setClipboardData:ok' });
  },
  scanCode: (o: { success?: AnyFn; fail?: AnyFn; complete?: AnyFn }) => {
    const r = state.scanResult;
    if (r === 'cancel' || r === null) {
      o.fail?.({ errMsg: 'scanCode:fail cancel' });
      return Promise.reject(new Error('cancel'));
    }
    return done(o, { errMsg: 'scanCode:ok', scanType: 'WX_CODE', charSet: 'utf-8', rawData: '', ...r });
  },
  previewImage: (o?: Dict) => done(o as never, { errMsg: 'previewImage:ok' }),
  setTabBarBadge: (o: { index: number; text: string; success?: AnyFn }) => {
    state.badges.set(o.index, o.text);
    return done(o, { errMsg: 'setTabBarBadge:ok' });
  },
  removeTabBarBadge: (o: { index: number; success?: AnyFn }) => {
    state.badges.delete(o.index);
    return done(o, { errMsg: 'removeTabBarBadge:ok' });
  },
  getAccountInfoSync: () => ({ miniProgram: { ...state.account, version: '' } }),
  // No laptop answers in a test: a request to the local cloud is recorded and fails as offline.
  request: (o: { url: string; fail?: AnyFn; complete?: AnyFn }) => {
    state.requests.push(o.url);
    const err = { errMsg: 'request:fail connect ECONNREFUSED' };
    o.fail?.(err);
    o.complete?.(err);
  },
  // The panel: the scripted answer goes to the test cloud's WeChat, which keeps the grant (one-time
  // or long-term) and answers as WeChat does (20004 when notices are switched off, kept choices).
  requestSubscribeMessage: (o: { tmplIds: string[]; success?: AnyFn; fail?: AnyFn; complete?: AnyFn }) => {
    state.subscribeCalls.push([...o.tmplIds]);
    const answer = state.subscribe;
    if (answer === 'fail') {
      const err = { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20003 };
      o.fail?.(err);
      o.complete?.(err);
      // As in WeChat: with callbacks there is no promise (a rejected one would be unhandled).
      return o.success || o.fail || o.complete ? undefined : Promise.reject(err);
    }
    const answers: Dict = {};
    for (const id of o.tmplIds) answers[id] = typeof answer === 'string' ? answer : (answer[id] ?? 'reject');
    void platform('/dev/subscribe/answer', { openid: state.openid, tmplIds: o.tmplIds, answers, keep: state.subscribeKeep }).then(
      (r: Dict) => {
        if (r.ok) return done(o, { errMsg: 'requestSubscribeMessage:ok', ...(r.answers as Dict) });
        const err = { errMsg: r.errMsg, errCode: r.errCode };
        o.fail?.(err);
        o.complete?.(err);
        return undefined;
      },
    );
    return undefined;
  },
  getSetting: (o: { withSubscriptions?: boolean; success?: AnyFn; fail?: AnyFn; complete?: AnyFn }) => {
    if (!o.withSubscriptions) return done(o, { errMsg: 'getSetting:ok', authSetting: {} });
    void fetch(`${cloudUrl()}/dev/subscribe/setting?openid=${encodeURIComponent(state.openid ?? '')}`)
      .then(async (res) => JSON.parse(await res.text()) as Dict)
      .then((subscriptionsSetting) => done(o, { errMsg: 'getSetting:ok', authSetting: {}, subscriptionsSetting }));
    return undefined;
  },
  cloud: {
    init: () => undefined,
    callFunction: async (o: { name: string; data: unknown }) => {
      if (!state.cloud) throw new Error('harness: no test cloud; call useTestCloud() in the test file');
      state.cloudCalls += 1;
      state.inflight += 1;
      try {
        return await invoke(state.cloud.url, o);
      } finally {
        state.inflight -= 1;
      }
    },
    // Into the test cloud's storage, so the functions find, check and serve the same bytes.
    uploadFile: async (o: { cloudPath: string; filePath: string }) => {
      if (!state.cloud) throw new Error('harness: no test cloud; call useTestCloud() in the test file');
      state.uploads += 1;
      const form = new FormData();
      form.set('cloudPath', o.cloudPath);
      form.set('file', new Blob([new Uint8Array(phoneFile(o.filePath))]), 'photo.jpg');
      const res = await fetch(`${state.cloud.url}/storage/upload`, { method: 'POST', body: form });
      const body = JSON.parse(await res.text()) as { fileID?: string; errMsg?: string };
      if (!body.fileID) throw new Error(`cloud.uploadFile:fail ${body.errMsg ?? res.status}`);
      return { errMsg: 'cloud.uploadFile:ok', fileID: body.fileID, statusCode: 200 };
    },
  },
});

function cloudUrl(): string {
  if (!state.cloud) throw new Error('harness: no test cloud; call useTestCloud() in the test file');
  return state.cloud.url;
}

/** A call to the test cloud's WeChat (the platform side of subscriptions). */
async function platform(p: string, body: unknown): Promise<Dict> {
  const res = await fetch(`${cloudUrl()}${p}`, { method: 'POST', body: JSON.stringify(body) });
  return JSON.parse(await res.text()) as Dict;
}

// A page writes a file in the user's folder and opens it (an .xlsx export: utils/openWorkbook).
wxAny.env = { USER_DATA_PATH: 'wxfile://usr' };
wxAny.getFileSystemManager = () => ({
  writeFile: (o: { filePath: string; data: string; encoding: string; success?: () => void }) => {
    state.written.set(o.filePath, Buffer.from(o.data, o.encoding as BufferEncoding));
    o.success?.();
  },
});
wxAny.openDocument = (o: { filePath: string; fileType: string; success?: () => void }) => {
  state.opened.push(`${o.filePath} ${o.fileType}`);
  o.success?.();
};

/** The bytes of a file the user picked on the phone: what a test put there, else a small JPEG. */
function phoneFile(filePath: string): Buffer {
  return (
    state.phoneFiles.get(filePath) ??
    Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(filePath), Buffer.from([0xff, 0xd9])])
  );
}

async function invoke(url: string, o: { name: string; data: unknown }) {
  const res = await fetch(`${url}/functions/${o.name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(state.openid ? { 'x-lianxin-openid': state.openid } : {}) },
    body: JSON.stringify(o.data ?? {}),
  });
  if (res.status !== 200) throw new Error(`callFunction:fail ${res.status}`);
  // Parsed here, not by res.json(): Node's fetch lives in the outer realm, and exparser copies
  // an array of another realm as a plain object.
  return { errMsg: 'cloud.callFunction:ok', result: JSON.parse(await res.text()) as unknown };
}

(global as unknown as Dict).getCurrentPages = () => state.pages;

// ---------------------------------------------------------------- App
let app: IAppOption | null = null;
(global as unknown as Dict).App = (options: IAppOption) => {
  app = options;
};
(global as unknown as Dict).getApp = () => app;
require(path.join(ROOT, 'app')); // eslint-disable-line @typescript-eslint/no-require-imports -- the compiled app.js, which registers App() as a side effect

// ---------------------------------------------------------------- public API
/** Starts a seeded emulator for this test file and stops it afterwards. */
export function useTestCloud(opts: { requests?: boolean } = {}): () => TestCloud {
  beforeAll(async () => {
    state.cloud = await startTestCloud(opts);
  });
  afterAll(async () => {
    writeMetrics();
    await state.cloud?.stop();
    state.cloud = null;
    // The performance budgets (budgets.json) for what the pages of this file sent and rendered.
    const { miniprogram: limits } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'budgets.json'), 'utf8')) as {
      miniprogram: { setDataBytes: number; wxmlNodes: number };
    };
    expect({ setData: metrics.maxSetDataBytes, page: metrics.maxSetDataPage }).toEqual({
      setData: Math.min(metrics.maxSetDataBytes, limits.setDataBytes),
      page: metrics.maxSetDataPage,
    });
    expect({ nodes: metrics.maxWxmlNodes, page: metrics.maxWxmlNodesPage }).toEqual({
      nodes: Math.min(metrics.maxWxmlNodes, limits.wxmlNodes),
      page: metrics.maxWxmlNodesPage,
    });
  });
  beforeEach(() => {
    state.navigations = [];
    state.calls = [];
    state.pages = [];
    state.subscribe = 'reject';
    state.subscribeKeep = false;
    state.subscribeCalls = [];
    state.account = { ...RELEASE };
    state.requests = [];
    state.cloudCalls = 0;
    state.badges.clear();
    state.taps = 0;
  });
  return () => {
    if (!state.cloud) throw new Error('test cloud not started');
    return state.cloud;
  };
}

/** Acts as this WeChat user from now on (null: no identity); forgets who the app thought I was. */
export function actAs(openid: string | null): void {
  state.openid = openid;
  if (app) app.globalData.me = null;
}

export const harness = {
  get navigations() {
    return state.navigations;
  },
  get lastNavigation(): Navigation | undefined {
    return state.navigations[state.navigations.length - 1];
  },
  get calls() {
    return state.calls;
  },
  get clipboard() {
    return state.clipboard;
  },
  get uploads() {
    return state.uploads;
  },
  set scanResult(r: null | { path?: string; result?: string } | 'cancel') {
    state.scanResult = r;
  },
  /** How the user will answer the next subscription panels (reset to 'reject' before each test). */
  set subscribe(answer: SubscribeAnswer) {
    state.subscribe = answer;
  },
  /** Whether the user ticks 总是保持以上选择 in the next panels (reset to false before each test). */
  set subscribeKeep(keep: boolean) {
    state.subscribeKeep = keep;
  },
  /** The template ids each wx.requestSubscribeMessage call asked for. */
  get subscribeCalls() {
    return state.subscribeCalls;
  },
  storage: state.storage,
  /** Which build the pages run as from now on (reset to a configured release build before each test). */
  set account(a: Account) {
    state.account = a;
  },
  get requests() {
    return state.requests;
  },
  get cloudCalls() {
    return state.cloudCalls;
  },
  /** The user's taps since the test began (tap, a choice through emit, a row, the phone button); typing is not a tap. */
  get taps() {
    return state.taps;
  },
  resetTaps() {
    state.taps = 0;
  },
  /** Files on the phone the user may pick (e.g. a photo with given bytes). */
  phoneFiles: state.phoneFiles,
  /** Files the pages wrote on the phone, by path. */
  written: state.written,
  /** The documents the pages opened, as `path fileType`. */
  opened: state.opened,
  /** The tab bar's badges by tab index (消息 is 2). */
  badges: state.badges,
};

const loaded = new Map<string, string>();

export interface PageHandle<T = Dict> {
  comp: ReturnType<typeof simulate.render>;
  /** The page instance (this inside the page). */
  page: WechatMiniprogram.Page.TrivialInstance & T;
  data: Dict;
  /** Text the user sees on the page (Vant components included). */
  text(): string;
  /** Waits for pending calls to settle. */
  settle(ms?: number): Promise<void>;
  /** Finds an element by selector, also inside nested components (`a >>> b` is not needed). */
  $(selector: string): ReturnType<ReturnType<typeof simulate.render>['querySelector']>;
}

/**
 * Renders a page (path relative to miniprogram/, e.g. 'pages/home/index'), runs onLoad(query) and
 * onShow, and waits until its first calls answer.
 */
export async function openPage<T = Dict>(pagePath: string, query: Dict = {}, opts: { settle?: number } = {}): Promise<PageHandle<T>> {
  let id = loaded.get(pagePath);
  if (!id) {
    loadingPagePath = pagePath;
    // app.json's usingComponents are global in WeChat: every page and component may use them.
    const usingComponents = { ...APP_COMPONENTS };
    // wcc prints the whole package's templates at once; past 1 MB (its default buffer) spawnSync fails with ENOBUFS.
    const compilerOptions = { maxBuffer: 64 * 1024 * 1024 };
    id = simulate.load(path.join(ROOT, pagePath), { rootPath: ROOT, compiler: 'official', compilerOptions, usingComponents }) as string;
    loaded.set(pagePath, id);
  }
  const comp = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  comp.attach(parent);
  const page = comp.instance as unknown as WechatMiniprogram.Page.TrivialInstance & T & Dict;
  state.pages = [...state.pages, page];
  const hooks = page as unknown as { onLoad?: AnyFn; onShow?: AnyFn };
  hooks.onLoad?.call(page, query);
  hooks.onShow?.call(page);
  const handle: PageHandle<T> = {
    comp,
    page,
    get data() {
      return (comp.instance as unknown as { data: Dict }).data;
    },
    text: () => {
      recordNodes(pagePath, comp.dom as Element);
      return (comp.dom as Element).textContent?.replace(/\s+/g, ' ') ?? '';
    },
    settle: async (ms = 30) => {
      // Until no cloud call is in flight, then a moment for the setData that follows.
      for (let quiet = 0; quiet < 2;) {
        await simulate.sleep(ms);
        quiet = state.inflight === 0 ? quiet + 1 : 0;
      }
      recordNodes(pagePath, comp.dom as Element);
    },
    $: (selector: string) => comp.querySelector(selector),
  };
  await handle.settle(opts.settle);
  return handle;
}

/** Taps a van-button (or any element) by selector on the page. */
export async function tap(h: PageHandle<unknown>, selector: string, ms?: number): Promise<void> {
  const el = h.comp.querySelector(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  state.taps += 1;
  // A Vant button or cell emits `click` from its inner node's tap; the page binds bind:click.
  const inner = el.querySelector('.van-button') ?? el.querySelector('.van-cell');
  if (inner) inner.dispatchEvent('tap');
  else el.dispatchEvent('tap');
  await h.settle(ms);
}

/** Answers the van-dialog the page shows: confirm (default) or cancel. Fails when none is open. */
export async function answerDialog(h: PageHandle<unknown>, action: 'confirm' | 'cancel' = 'confirm', ms?: number): Promise<string> {
  const dialog = h.comp.querySelector('#van-dialog');
  if (!dialog) throw new Error('the page has no #van-dialog');
  const d = dialog.instance as unknown as {
    data: { show: boolean; message: string; title: string };
    onConfirm: AnyFn;
    onCancel: AnyFn;
    onAfterLeave: AnyFn;
  };
  if (!d.data.show) throw new Error('no dialog is open');
  const shown = `${d.data.title} ${d.data.message}`;
  if (action === 'confirm') d.onConfirm.call(d);
  else d.onCancel.call(d);
  // jsdom runs no CSS transitions: end the popup's leave transition, which resolves the dialog.
  d.onAfterLeave.call(d);
  await h.settle(ms);
  return shown;
}

/** The message of the van-toast the page shows now ('' when none). */
export function toastText(h: PageHandle<unknown>): string {
  const t = h.comp.querySelector('#van-toast');
  if (!t) return '';
  const d = (t.instance as unknown as { data: { show: boolean; message: string } }).data;
  return d.show ? String(d.message) : '';
}

/** Parses '/packages/x/y/index?a=1' into its path (without the leading slash) and query. */
export function parseUrl(url: string): { path: string; query: Record<string, string> } {
  const [p, q = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const part of q.split('&').filter(Boolean)) {
    const [k, v = ''] = part.split('=');
    query[k!] = v;
  }
  return { path: p!.replace(/^\//, ''), query };
}

/** Types into a van-field (its inner input/textarea), as a user would. */
export async function typeInto(h: PageHandle<unknown>, selector: string, value: string): Promise<void> {
  const field = h.comp.querySelector(selector);
  if (!field) throw new Error(`nothing matches ${selector}`);
  // j-component selects by class only; the input or textarea is one of the field's controls.
  const controls = field.querySelectorAll('.van-field__control');
  if (!controls.length) throw new Error(`${selector} has no input`);
  for (const control of controls) control.dispatchEvent('input', { detail: { value } });
  await h.settle();
}

/** A Vant component announcing a choice (radio-group change, switch change, picker confirm…). */
export async function emit(h: PageHandle<unknown>, selector: string, event: string, detail: unknown): Promise<void> {
  const el = h.comp.querySelector(selector);
  if (!el) throw new Error(`nothing matches ${selector}`);
  // A choice made by tapping (a radio, a switch, a picker's confirm); an upload's after-read is no tap of its own.
  if (event !== 'after-read') state.taps += 1;
  el.dispatchEvent(event, { detail });
  await h.settle();
}

/** Calls a page lifecycle hook (onReachBottom, onPullDownRefresh, onShow) and waits. */
export async function hook(h: PageHandle<unknown>, name: string): Promise<void> {
  (h.page as unknown as Record<string, () => void>)[name]!.call(h.page);
  await h.settle();
}

/** The request rows a list page shows. */
export function rows(h: PageHandle<unknown>) {
  return h.comp.querySelectorAll('.request-row');
}

/** Taps the i-th request row of a list page. */
export async function tapRow(h: PageHandle<unknown>, i: number): Promise<void> {
  const row = rows(h)[i];
  if (!row) throw new Error(`no row ${i}`);
  state.taps += 1;
  row.querySelector('.row')!.dispatchEvent('tap');
  await h.settle();
}

/**
 * Taps WeChat's phone button (`open-type="getPhoneNumber"`, id `phone-button`) as the current user
 * whose WeChat-bound number is `phone`: WeChat asks, and on 允许 hands the page a one-time code —
 * here issued by the local cloud, which phonenumber.getPhoneNumber then takes once. `null`: the
 * user declines.
 */
export async function tapPhoneButton(h: PageHandle<unknown>, phone: string | null): Promise<void> {
  const el = h.comp.querySelector('#phone-button');
  if (!el) throw new Error('the page has no #phone-button');
  state.taps += 1;
  let detail: { errMsg: string; code?: string } = { errMsg: 'getPhoneNumber:fail user deny' };
  if (phone !== null) {
    const res = await fetch(`${state.cloud!.url}/dev/phone-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone, ...(state.openid ? { openid: state.openid } : {}) }),
    });
    detail = { errMsg: 'getPhoneNumber:ok', code: ((await res.json()) as { code: string }).code };
  }
  el.dispatchEvent('getphonenumber', { detail });
  await h.settle();
}
