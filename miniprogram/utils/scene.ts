/**
 * Reads a 连心卡 scene key from what wx.scanCode gives: our 小程序码 yields `path` with
 * `scene=<key>` (URL-encoded); a plain QR code of the key yields it raw in `result`.
 */
const SCENE = /^[0-9A-Za-z_-]{4,32}$/;

export function sceneFromScan(res: { path?: string; result?: string }): string | null {
  for (const text of [res.path, res.result]) {
    if (!text) continue;
    const m = /[?&]scene=([^&#]+)/.exec(text);
    if (m) {
      const key = safeDecode(m[1]!);
      if (SCENE.test(key)) return key;
    }
  }
  const raw = (res.result ?? '').trim();
  return SCENE.test(raw) ? raw : null;
}

function safeDecode(s: string): string {
  try {
    // A 小程序码 path encodes the scene once more than the page's own query does.
    const once = decodeURIComponent(s);
    return once.includes('%') ? decodeURIComponent(once) : once;
  } catch {
    return s;
  }
}
