/** Small clients of the emulator for tests and scripts (no dependency on the server code). */

export const OPENID_HEADER = 'x-lianxin-openid';

export interface InvokeResponse<T = unknown> {
  status: number;
  body: T;
  /** database round trips made by this invocation */
  roundTrips: number;
  docsExamined: number;
  docsReturned: number;
}

/** POST /functions/<name>; never throws for HTTP errors (see `status`). */
export async function invoke<T = unknown>(url: string, name: string, event: unknown = {}, openid?: string): Promise<InvokeResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (openid) headers[OPENID_HEADER] = openid;
  const res = await fetch(`${url}/functions/${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify(event ?? {}) });
  const text = await res.text();
  const num = (h: string): number => Number(res.headers.get(h) ?? 0);
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : null) as T,
    roundTrips: num('x-lianxin-round-trips'),
    docsExamined: num('x-lianxin-docs-examined'),
    docsReturned: num('x-lianxin-docs-returned'),
  };
}

export class FunctionCallError extends Error {
  constructor(
    readonly status: number,
    readonly errMsg: string,
  ) {
    super(`function call failed (${status}): ${errMsg}`);
  }
}

/**
 * Calls a cloud function as the given caller (openid; absent = unknown caller) and returns its result,
 * like wx.cloud.callFunction's `result`. Throws FunctionCallError when the function throws or is missing.
 */
export async function callFunction<T = unknown>(url: string, name: string, event: unknown = {}, openid?: string): Promise<T> {
  const r = await invoke<T>(url, name, event, openid);
  if (r.status !== 200) throw new FunctionCallError(r.status, String((r.body as { errMsg?: unknown } | null)?.errMsg ?? ''));
  return r.body;
}

/**
 * Environment variables that point a wx-server-sdk loaded in THIS process at the emulator
 * (set them on process.env before `require('wx-server-sdk')` / `cloud.init`).
 */
export function sdkEnv(url: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TCB_ENV: 'lianxin-local',
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    LIANXIN_EMULATOR: '1',
  };
}
