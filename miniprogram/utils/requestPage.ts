/**
 * What the detail, handle and dispatch pages share: load a request, render it, and run one
 * versioned action on it, with CONFLICT answered by reloading.
 */
import type { RequestAction, RequestDetail } from '../../typings/index';
import { fetchPhotoUrls, fetchRequest } from '../services/request';
import { toDetailView } from './detailView';
import { errorMessage, isConflict, showError, toast } from './feedback';

type Ctx = WechatMiniprogram.Page.TrivialInstance & {
  detail: RequestDetail | null;
  requestId: string;
  /** Page-specific data derived from the loaded request, merged into every render of it. */
  extraData?(d: RequestDetail): Record<string, unknown>;
  /** Temporary URLs of the request's photos, once asked for (photos never change after submit). */
  photoUrls?: string[];
  /** A page that shows a request its own way (派单台's sheet) gives its data here instead of view/can. */
  renderDetail?(d: RequestDetail): Record<string, unknown>;
};

const render = (ctx: Ctx, d: RequestDetail): Record<string, unknown> => {
  if (ctx.renderDetail) return ctx.renderDetail(d);
  const data = { ...detailData(d), ...(ctx.extraData ? ctx.extraData(d) : {}) };
  (data.view as { photos: string[] }).photos = ctx.photoUrls ?? [];
  return data;
};

/** Asks the function for the photos' temporary URLs the first time a request with photos renders. */
async function showPhotos(ctx: Ctx, d: RequestDetail): Promise<void> {
  if (ctx.photoUrls || d.photos.length === 0) return;
  try {
    ctx.photoUrls = (await fetchPhotoUrls(d.id)).filter((u) => u !== '');
    ctx.setData({ 'view.photos': ctx.photoUrls });
  } catch {
    // The request still reads without its photos; the next load asks again.
  }
}

/** The page data a loaded request renders: its view and which actions to offer. */
function detailData(d: RequestDetail): Record<string, unknown> {
  const can: Partial<Record<RequestAction, boolean>> = {};
  for (const a of d.can) can[a] = true;
  return { loading: false, error: '', view: toDetailView(d), can };
}

/** Loads (or reloads) the page's request into `detail` (instance) and `view`/`can` (data). */
export async function loadDetail(ctx: Ctx): Promise<void> {
  try {
    const d = await fetchRequest(ctx.requestId);
    ctx.detail = d;
    ctx.setData(render(ctx, d));
    if (!ctx.renderDetail) await showPhotos(ctx, d);
  } catch (e) {
    ctx.setData({ loading: false, error: errorMessage(e) });
  }
}

/**
 * Runs an action with the detail's {id, version}. On success the answer replaces the detail; on
 * CONFLICT the request is reloaded and the user told why. Returns true on success.
 */
export async function runAction(
  ctx: Ctx,
  run: (v: { id: string; version: number }) => Promise<RequestDetail>,
  done: string,
): Promise<boolean> {
  const d = ctx.detail;
  if (!d || ctx.data.busy) return false;
  ctx.setData({ busy: true });
  try {
    const next = await run({ id: d.id, version: d.version });
    ctx.detail = next;
    ctx.setData({ busy: false, panel: '', ...render(ctx, next) });
    toast(ctx, done);
    return true;
  } catch (e) {
    ctx.setData({ busy: false });
    if (isConflict(e)) {
      await loadDetail(ctx);
      toast(ctx, `${errorMessage(e)}（已为您刷新）`);
    } else {
      showError(ctx, e);
    }
    return false;
  }
}
