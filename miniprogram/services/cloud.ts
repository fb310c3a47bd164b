/**
 * The one door to the cloud functions. Pages call the typed services in this folder; none of
 * them touches wx.cloud. Answers are the functions' envelope; failures become a CallError with
 * a message ready to show.
 */
import type { ActionName, ActionReq, ActionRes, Envelope, ErrorCode, FunctionName } from '../../typings/index';
import { CLOUD_ENV } from '../config';
import { localCloudUrl, setupProblem } from './runtime';

/** A call that failed: one of the fixed codes, with a Chinese message ready to show. */
export class CallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

/**
 * A failure the app described (server or setup): recognised by name too, since a page loaded in
 * its own module registry (the page tests) holds another copy of this class.
 */
export const isCallError = (e: unknown): e is CallError =>
  e instanceof CallError || (e instanceof Error && e.name === 'CallError' && typeof (e as CallError).code === 'string');

const NETWORK_MESSAGE = '网络不给力，请检查网络后重试';
/** Storage key of the demo identity chosen on the 我的 page when running against the local cloud. */
export const DEV_OPENID_KEY = 'lianxin.devOpenid';

let initialised = false;

function unwrap<T>(res: unknown): T {
  const env = res as Envelope<T> | undefined;
  if (!env || typeof env !== 'object' || typeof env.ok !== 'boolean') throw new CallError('INTERNAL', '系统繁忙，请稍后再试');
  if (!env.ok) throw new CallError(env.error.code, env.error.message);
  return env.data;
}

function viaLocal(url: string, name: string, data: object): Promise<unknown> {
  const openid = wx.getStorageSync<string>(DEV_OPENID_KEY) || '';
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${url}/functions/${name}`,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json', ...(openid ? { 'x-lianxin-openid': openid } : {}) },
      success: (r) => resolve(r.data),
      fail: () => reject(new CallError('INTERNAL', NETWORK_MESSAGE)),
    });
  });
}

async function viaCloud(name: string, data: object): Promise<unknown> {
  if (!initialised) {
    // CLOUD_ENV '' leaves the env out: the mini-program's default 云开发 environment.
    wx.cloud.init({ ...(CLOUD_ENV ? { env: CLOUD_ENV } : {}), traceUser: true });
    initialised = true;
  }
  try {
    const res = await wx.cloud.callFunction({ name, data });
    return res.result;
  } catch {
    throw new CallError('INTERNAL', NETWORK_MESSAGE);
  }
}

/** Calls `fn.action` with a typed request and returns its typed answer. */
export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  req: ActionReq<F, A>,
): Promise<ActionRes<F, A>> {
  const data = { action, ...(req as object) };
  // Said plainly instead of a network error that no retry can fix.
  const problem = setupProblem();
  if (problem) throw new CallError('INTERNAL', problem);
  const local = localCloudUrl();
  const raw = local ? await viaLocal(local, fn, data) : await viaCloud(fn, data);
  return unwrap<ActionRes<F, A>>(raw);
}
