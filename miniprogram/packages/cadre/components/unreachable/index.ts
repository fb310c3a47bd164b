/**
 * 收不到微信提醒的干部: the cadres who receive no notice by push now (督办台: the whole county; a
 * unit head's 工作台: their unit), so someone can ask them to allow it. Loads itself when shown.
 * In the cadre subpackage (the 工作台's); the 督办台 uses it across subpackages with a placeholder.
 */
import type { UnreachableCadre } from '../../../../../typings/index';
import { fetchUnreachable } from '../../../../services/county';
import { errorMessage } from '../../../../utils/feedback';

const WHY: Record<UnreachableCadre['why'], string> = {
  off: '关闭了微信通知',
  refused: '拒绝了提醒',
  none: '没有允许提醒',
};

const toRow = (c: UnreachableCadre) => ({
  who: [c.name ?? '未填姓名', c.unitName, c.level].filter(Boolean).join(' · '),
  why: WHY[c.why],
});

Component({
  properties: {
    /** Show nothing at all when everyone is reachable (a unit head's 工作台); else say so. */
    hideEmpty: { type: Boolean, value: false },
  },
  data: { rows: [] as ReturnType<typeof toRow>[], more: false, loading: true, error: '' },
  lifetimes: {
    attached() {
      void this.load(true);
    },
  },
  methods: {
    async load(reset: boolean) {
      const self = this as unknown as { cursor?: string | null };
      try {
        const page = await fetchUnreachable(reset ? undefined : (self.cursor ?? undefined));
        self.cursor = page.cursor;
        const rows = page.items.map(toRow);
        this.setData({ rows: reset ? rows : [...this.data.rows, ...rows], more: page.cursor !== null, loading: false, error: '' });
      } catch (e) {
        this.setData({ loading: false, error: errorMessage(e) });
      }
    },
    onMore() {
      void this.load(false);
    },
  },
});
