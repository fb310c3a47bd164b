/**
 * Cursor pagination for a list page. Kept beside the page (never in data): the cursor and the
 * loading lock are not rendered. Rows are appended by path (`rows[10]`…) so each setData
 * carries one page, not the whole list.
 */
import type { Page as PageOf } from '../../typings/index';
import { errorMessage, showError } from './feedback';

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
      const page = await this.fetch(reset ? undefined : (this.cursor ?? undefined));
      const start = reset ? 0 : this.count;
      const patch: Record<string, unknown> = {};
      if (reset) patch.rows = page.items.map(this.toRow);
      else
        page.items.forEach((item, i) => {
          patch[`rows[${start + i}]`] = this.toRow(item);
        });
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

/** What loads a list page: set by the page (usePager), kept beside it, never rendered. */
interface ListLoader {
  load(reset: boolean): Promise<Record<string, unknown> | null>;
}
const pagers = new WeakMap<object, ListLoader>();

type ListPage = { setData(data: Record<string, unknown>): void; data: Record<string, unknown> };

/** Gives the page the pager its list loads from (on load, and again when the list changes: a tab). */
export function usePager(page: object, pager: ListLoader): void {
  pagers.set(page, pager);
}

/**
 * Loads the first (reset) or next page of the page's pager into it. An answer that comes back
 * after the page switched to another pager (a tab change) is dropped. A failure stops the loading
 * spinner and is shown as a toast; with `errorState`, a failure while nothing is listed is shown
 * as `error` instead (the page offers a retry), and each loaded page clears `error`.
 */
async function loadInto(page: ListPage, reset: boolean, errorState: boolean): Promise<void> {
  const pager = pagers.get(page);
  if (!pager) return;
  try {
    const patch = await pager.load(reset);
    if (patch && pager === pagers.get(page)) page.setData(errorState ? { ...patch, error: '' } : patch);
  } catch (e) {
    if (!errorState) {
      page.setData({ loading: false });
      showError(page as Parameters<typeof showError>[0], e);
      return;
    }
    const shown = (page.data.rows as unknown[]).length > 0;
    page.setData({ loading: false, error: shown ? '' : errorMessage(e) });
    if (shown) showError(page as Parameters<typeof showError>[0], e);
  }
}

/** Starts the page's list over (a tab change, after an action moved something). */
export function reloadList(page: ListPage): Promise<void> {
  return loadInto(page, true, 'error' in page.data);
}

/**
 * A list page with tabs (van-tabs, each tab's `name` a box): `box` shown, its pager set; on a
 * change of tab (`changed`) the list starts over empty. The 工作台 (待办/已办/协办) and 阅批来信.
 */
export function showBox<B extends string>(page: ListPage, box: B, pager: ListLoader, changed: boolean): void {
  usePager(page, pager);
  page.setData({ box });
  if (!changed) return;
  page.setData({ rows: [], loading: true, empty: false, finished: false });
  void reloadList(page);
}

/**
 * A paged list as a behavior (Page({behaviors: [pagedList]})): data `rows`, `loading`, `finished`,
 * `empty` (and `error` with the error state); the page's onLoad calls usePager. The list reloads on
 * every show (what was done on another page may have changed it) and on pull-down, and grows at the
 * bottom; `onRetry` (error state) starts over after a failure.
 */
function listBehavior(errorState: boolean) {
  return Behavior({
    data: { rows: [] as unknown[], loading: true, finished: false, empty: false, ...(errorState ? { error: '' } : {}) },
    methods: {
      onShow() {
        void loadInto(this, true, errorState);
      },
      onPullDownRefresh() {
        void loadInto(this, true, errorState).then(() => wx.stopPullDownRefresh());
      },
      onReachBottom() {
        void loadInto(this, false, errorState);
      },
      onRetry() {
        this.setData({ loading: true, error: '' });
        void loadInto(this, true, errorState);
      },
    },
  });
}

export const pagedList = listBehavior(false);
/** The paged list that shows a failure with nothing listed as `error`, with a retry. */
export const pagedListWithErrorState = listBehavior(true);

/**
 * A list read whole (a small collection: cards, policies, calendar days) as a behavior, with data
 * `loading` and `error`; the page defines `fetchAll()` (the data to set). Loads on open and on
 * pull-down; `load()` reloads after a change; `onRetry` starts over after a failure.
 */
export const wholeList = Behavior({
  data: { loading: true, error: '' },
  methods: {
    /** The page's own: fetches the whole list and returns what to set. */
    async fetchAll(): Promise<Record<string, unknown>> {
      return {};
    },
    onLoad() {
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load(): Promise<void> {
      try {
        this.setData({ loading: false, error: '', ...(await this.fetchAll()) });
      } catch (e) {
        this.setData({ loading: false, error: errorMessage(e) });
      }
    },
    onRetry() {
      this.setData({ loading: true, error: '' });
      void this.load();
    },
  },
});

/**
 * The next page of `pager` appended to a list the page shows beside other things (under `key`, not
 * `rows`), with `more` saying whether further pages wait: the 服务台 and the 党代表工作台.
 */
export async function loadMore<T, R>(page: ListPage, pager: Pager<T, R>, key: string): Promise<void> {
  try {
    const patch = await pager.load(false);
    if (!patch) return;
    const added = Object.entries(patch)
      .filter(([k]) => k.startsWith('rows['))
      .map(([, v]) => v as R);
    page.setData({ [key]: [...(page.data[key] as R[]), ...added], more: !patch.finished });
  } catch (e) {
    showError(page as Parameters<typeof showError>[0], e);
  }
}
