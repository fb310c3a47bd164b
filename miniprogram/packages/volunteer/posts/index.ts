/**
 * 报到和岗位 (S6.3): an in-service member registers with the community where they live (报到), a
 * member without office with their village, community or enterprise (设岗定责); then claims at least
 * one of its posts.
 */
import type { MyCommunity } from '../../../../typings/index';
import { REPORT_KINDS, type ReportKind } from '../../../shared/volunteers';
import { claimPost, fetchMyCommunity, reportTo } from '../../../services/volunteer';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { placeId, placePicker } from '../../../utils/placePicker';

Page({
  behaviors: [placePicker],
  data: {
    loading: true,
    error: '',
    community: null as MyCommunity | null,
    held: 0,
    kinds: REPORT_KINDS,
    kind: '',
    saving: false,
  },
  onShow() {
    void this.load();
  },
  async load() {
    try {
      const { community } = await fetchMyCommunity();
      this.show(community);
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  show(community: MyCommunity | null) {
    this.setData({ loading: false, error: '', community, held: community ? community.posts.filter((p) => p.mine).length : 0 });
  },
  onKind(e: { detail: string }) {
    this.setData({ kind: e.detail });
  },
  async onReport() {
    const regionId = placeId(this);
    if (!regionId) return toast(this, '请选择报到的村（社区）');
    if (!this.data.kind) return toast(this, '请选择在职党员报到或无职党员设岗');
    this.setData({ saving: true });
    try {
      this.show(await reportTo(regionId, this.data.kind as ReportKind));
      this.setData({ saving: false });
      toastSuccess(this, '已报到，请认领至少1个岗位');
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
  async onClaim(e: { currentTarget: { dataset: { id: string } } }) {
    try {
      this.show(await claimPost(e.currentTarget.dataset.id));
      toastSuccess(this, '已认领');
    } catch (err) {
      showError(this, err);
    }
  },
});
