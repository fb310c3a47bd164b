/** 首页: scan a 连心卡, or report without one. */
import { scanScene } from '../../utils/scene';
import { setupProblem } from '../../services/runtime';
import { openPage } from '../../utils/navigate';
import { largeTypeData } from '../../utils/largeType';
import { fetchBoard } from '../../services/meet';
import type { ReceptionView } from '../../../typings/index';

/** Codes that name their own page: a representative's card (S9.3), a party member's 党群连心服务卡 (S6.1), a leader's contact point (S2.1), an activity's venue (S6.3 签到). */
const OWN_PAGES = ['rep/card', 'volunteer/card', 'duty/point', 'volunteer/checkin'];

Page({
  data: { setup: '', receptions: [] as ReceptionView[], mine: [] as ReceptionView[], boardLoaded: false },
  onLoad() {
    this.setData(largeTypeData());
    // An unconfigured checkout (placeholder appid, no local cloud) says what to set, and nothing else.
    this.setData({ setup: setupProblem() ?? '' });
    if (!this.data.setup) void this.loadBoard();
  },
  /** 今日接访, and a leader's own days: a part of the page, so a failure leaves the rest as it is. */
  async loadBoard() {
    try {
      const board = await fetchBoard();
      this.setData({ receptions: board.receptions, mine: board.mine, boardLoaded: true });
    } catch {
      this.setData({ boardLoaded: false });
    }
  },
  onWeek() {
    openPage('/packages/meet/week/index');
  },
  onBookMeet() {
    openPage('/packages/meet/book/index');
  },
  onScan() {
    scanScene(this, '这不是连心卡的二维码，请对准连心卡重新扫描', (scene, res) => {
      // Codes that name their own page open it (OWN_PAGES); a 受理告知's code (scene `k-` + claim code)
      // opens the claim page; anything else is a unit's 连心卡.
      const path = res.path ?? '';
      const own = OWN_PAGES.find((p) => path.includes(`packages/${p}/`));
      const page = own ?? (scene.startsWith('k-') ? 'request/claim' : 'request/card');
      openPage(`/packages/${page}/index?scene=${encodeURIComponent(scene)}`);
    });
  },
  onSubmit() {
    openPage('/packages/request/submit/index');
  },
});
