/**
 * Cursor pagination for a list page. Lives on the page instance (never in data): the cursor and
 * the loading lock are not rendered. Rows are appended by path (`rows[10]`…) so each setData
 * carries one page, not the whole list.
 */
import type { Page as PageOf } from '../../typings/index';
import { errorMessage, showError } from './feedback';

export interface PagerView {
  loading: boolean;
  finished: boolean;
  empty: boolean;
}

export class Pager<T, R> {
  private cursor: string | null = null;
  private busy = false;
  private finished = false;
  private count = 0;

  constructor(
    private readonly fetch: (cursor?: string) => Promise<PageOf<T>>,
    private readonly toRow: (item: T) => R,
  ) {}

  /**
   * Loads the first page (reset) or the next one; returns the setData payload, or null when there is
   * nothing to do (already loading, or no more pages). Errors propagate after the lock is released.
   */
  async load(reset: boolean): Promise<Record<string, unknown> | null> {
    if (this.busy || (!reset && this.finished)) return null;
    this.busy = true;
    try {
      const page = await this.fetch(reset ? undefined : this.cursor ?? undefined);
      const start = reset ? 0 : this.count;
      const patch: Record<string, unknown> = {};
      if (reset) patch.rows = page.items.map(this.toRow);
      else page.items.forEach((item, i) => { patch[`rows[${start + i}]`] = this.toRow(item); });
      this.count = start + page.items.length;
      this.cursor = page.cursor;
      this.finished = page.cursor === null;
      patch.finished = this.finished;
      patch.empty = this.count === 0;
      patch.loading = false;
      return patch;
    } finally {
      this.busy = false;
    }
  }

  get loading(): boolean {
    return this.busy;
  }
}

/** What a list page keeps on its instance: the pager it loads from (replaced when the list changes). */
type ListPage = WechatMiniprogram.Page.TrivialInstance & { pager: { load(reset: boolean): Promise<Record<string, unknown> | null> } | null };

/**
 * Loads the first (reset) or next page of `page.pager` into the page. An answer that comes back
 * after the page switched to another pager (a tab change) is dropped. A failure stops the loading
 * spinner and is shown as a toast; with `errorState`, a failure while nothing is listed is shown
 * as `error` instead (the page offers a retry), and each loaded page clears `error`.
 */
async function loadInto(page: ListPage, reset: boolean, errorState: boolean): Promise<void> {
  const pager = page.pager;
  if (!pager) return;
  try {
    const patch = await pager.load(reset);
    if (patch && pager === page.pager) page.setData(errorState ? { ...patch, error: '' } : patch);
  } catch (e) {
    if (!errorState) {
      page.setData({ loading: false });
      showError(page, e);
      return;
    }
    const shown = (page.data.rows as unknown[]).length > 0;
    page.setData({ loading: false, error: shown ? '' : errorMessage(e) });
    if (shown) showError(page, e);
  }
}

/**
 * The paged list a page spreads into Page() (`...pagedList()`), with data `rows`, `loading`,
 * `finished`, `empty` (and `error` with `errorState`); the page's onLoad sets `this.pager`. The list
 * reloads on every show (what was done on another page may have changed it) and on pull-down, and
 * grows at the bottom. `more(reset)` loads; `onRetry` (with `errorState`) starts over after a failure.
 */
export function pagedList(opts: { errorState?: boolean } = {}) {
  const errorState = opts.errorState ?? false;
  return {
    pager: null as ListPage['pager'],
    onShow(this: ListPage) {
      void loadInto(this, true, errorState);
    },
    onPullDownRefresh(this: ListPage) {
      void loadInto(this, true, errorState).then(() => wx.stopPullDownRefresh());
    },
    onReachBottom(this: ListPage) {
      void loadInto(this, false, errorState);
    },
    more(this: ListPage, reset: boolean): Promise<void> {
      return loadInto(this, reset, errorState);
    },
    onRetry(this: ListPage) {
      this.setData({ loading: true, error: '' });
      void loadInto(this, true, errorState);
    },
  };
}

interface WholeListPage {
  setData(data: Record<string, unknown>): void;
  /** Fetches the whole list and returns what to set (the rows). */
  fetchAll(): Promise<Record<string, unknown>>;
  load(): Promise<void>;
}

/**
 * A list read whole (a small collection: cards, policies, calendar days) that a page spreads into
 * Page() (`...wholeList()`), with data `loading` and `error`; the page's `fetchAll()` returns the
 * data to set. Loads on open and on pull-down; `onRetry` starts over after a failure.
 */
export function wholeList() {
  return {
    onLoad(this: WholeListPage) {
      void this.load();
    },
    onPullDownRefresh(this: WholeListPage) {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load(this: WholeListPage): Promise<void> {
      try {
        this.setData({ loading: false, error: '', ...(await this.fetchAll()) });
      } catch (e) {
        this.setData({ loading: false, error: errorMessage(e) });
      }
    },
    onRetry(this: WholeListPage) {
      this.setData({ loading: true, error: '' });
      void this.load();
    },
  };
}
