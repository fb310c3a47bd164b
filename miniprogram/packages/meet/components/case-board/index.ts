/**
 * 县领导包案 on the 督办台 (S4.5): the key cases still open, each with its leader and the duties not
 * yet ticked; tap one to open it, or all of them. Loads itself when shown (and again on each show of
 * the page: a duty ticked elsewhere). In the meet subpackage; the 督办台 uses it with a placeholder.
 */
import { fetchCases } from '../../../../services/leaders';
import { errorMessage } from '../../../../utils/feedback';
import { openPage } from '../../../../utils/navigate';
import { caseRow, type CaseRow } from '../../leaders';

/** The cases the board shows; the rest are on the 包案 page. */
const SHOWN = 5;

Component({
  // The page's .section, .hint and .link (app.wxss) style the board as the 督办台's other blocks.
  options: { addGlobalClass: true },
  data: { rows: [] as CaseRow[], more: false, loading: true, error: '' },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  pageLifetimes: {
    show() {
      if (!this.data.loading) void this.load();
    },
  },
  methods: {
    async load() {
      try {
        const page = await fetchCases('open');
        this.setData({
          rows: page.items.slice(0, SHOWN).map(caseRow),
          more: page.items.length > SHOWN || page.cursor !== null,
          loading: false,
          error: '',
        });
      } catch (e) {
        this.setData({ loading: false, error: errorMessage(e) });
      }
    },
    onOpen(e: { currentTarget: { dataset: { id: string } } }) {
      openPage(`/packages/meet/case/index?id=${e.currentTarget.dataset.id}`);
    },
    onAll() {
      openPage('/packages/meet/cases/index');
    },
  },
});
