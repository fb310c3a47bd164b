/**
 * Cursor pagination for a list page. Lives on the page instance (never in data): the cursor and
 * the loading lock are not rendered. Rows are appended by path (`rows[10]`…) so each setData
 * carries one page, not the whole list.
 */
import type { Page as PageOf } from '../../typings/index';

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
