/**
 * One function instance (forked by FunctionHost). Loads the function module once (warm instance) and
 * runs one invocation at a time, setting the caller's identity in the environment first, which is
 * where wx-server-sdk's getWXContext() reads it (WX_CONTEXT_KEYS / WX_OPENID / WX_APPID).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a worker loads each function's built index.js by path, at run time */

interface InvokeMessage {
  type: 'invoke';
  event: unknown;
  context: Record<string, unknown>;
  openid: string | null;
}

type Main = (event: unknown, context: unknown) => unknown;

const file = process.env.LIANXIN_FUNCTION_FILE as string;
let main: Main | undefined;

function errMsgOf(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { errMsg?: unknown; message?: unknown };
    if (typeof o.errMsg === 'string') return o.errMsg;
    if (typeof o.message === 'string') return `${(e as Error).name ?? 'Error'}: ${o.message}`;
  }
  return String(e);
}

process.on('unhandledRejection', (e) => {
  process.stderr.write(`[emulator worker] unhandled rejection: ${errMsgOf(e)}\n`);
});

// Load the function as an instance starts (its cold start), then say so: the host starts the
// invocation's timeout only after this, as the cloud counts initialisation apart.
let loadError: unknown = null;
try {
  const mod = require(file) as { main?: Main };
  if (typeof mod.main !== 'function') throw new Error(`${file} does not export main`);
  main = mod.main;
} catch (e) {
  loadError = e;
}
if (process.send) process.send({ type: 'ready' });

process.on('message', (msg: InvokeMessage) => {
  if (!msg || msg.type !== 'invoke') return;
  if (msg.openid) process.env.WX_OPENID = msg.openid;
  else delete process.env.WX_OPENID;
  delete process.env.WX_UNIONID;
  const send = (m: unknown): void => {
    if (process.send) process.send(m);
  };
  (async () => {
    if (!main) throw loadError ?? new Error(`${file} did not load`);
    return main(msg.event, msg.context);
  })().then(
    (value) => {
      let out: unknown = null;
      try {
        out = value === undefined ? null : JSON.parse(JSON.stringify(value));
      } catch (e) {
        send({ type: 'result', ok: false, errMsg: `function result is not JSON: ${errMsgOf(e)}` });
        return;
      }
      send({ type: 'result', ok: true, value: out });
    },
    (e) => send({ type: 'result', ok: false, errMsg: errMsgOf(e) }),
  );
});
