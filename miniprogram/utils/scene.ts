/**
 * Reads a 连心卡 scene key from what wx.scanCode gives: our 小程序码 yields `path` with
 * `scene=<key>` (URL-encoded); a plain QR code of the key yields it raw in `result`.
 */
import { errorMessage, toast } from './feedback';

const SCENE = /^[0-9A-Za-z_-]{4,32}$/;

/**
 * Opens the camera for one of our codes: `found` gets its scene key (and what was scanned); a code
 * that is not ours is told with `notOurs`, a cancelled scan with nothing.
 */
export function scanScene(
  ctx: Parameters<typeof toast>[0],
  notOurs: string,
  found: (scene: string, res: { path?: string; result?: string }) => void,
): void {
  wx.scanCode({
    scanType: ['wxCode', 'qrCode'],
    success: (res) => {
      const scene = sceneFromScan(res);
      if (scene) found(scene, res);
      else toast(ctx, notOurs);
    },
    fail: (err) => {
      if (!/cancel/.test(err.errMsg)) toast(ctx, '扫码没有成功，请重试');
    },
  });
}

function sceneFromScan(res: { path?: string; result?: string }): string | null {
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

/** The scene key a page was opened with: from a 小程序码 it arrives URL-encoded; our own links pass it plain, and decoding it is harmless. */
export function sceneOf(options: Record<string, string | undefined>): string {
  return options.scene ? decodeURIComponent(options.scene) : '';
}

/**
 * Loads what a scanned code names into its page (`loading`, then `fetch`'s data or a Chinese
 * `error`); a page opened without a scene says `missing`, so the resident knows to scan again.
 */
export async function loadScanned(
  page: { scene: string; setData(data: Record<string, unknown>): void },
  missing: string,
  fetch: (scene: string) => Promise<Record<string, unknown>>,
): Promise<void> {
  if (!page.scene) {
    page.setData({ loading: false, error: missing });
    return;
  }
  page.setData({ loading: true, error: '' });
  try {
    page.setData({ loading: false, ...(await fetch(page.scene)) });
  } catch (e) {
    page.setData({ loading: false, error: errorMessage(e) });
  }
}
