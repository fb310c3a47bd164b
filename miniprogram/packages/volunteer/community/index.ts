/**
 * 党员报到和设岗 for the unit that looks after a village or community (and the admin): who has
 * registered there (S6.3 报到) and what they hold, which posts are empty; a new post (设岗定责).
 */
import type { CommunityView } from '../../../../typings/index';
import { POST_SLOTS, POST_TEXT } from '../../../shared/volunteers';
import { textProblem } from '../../../shared/limits';
import { createPost, fetchCommunity } from '../../../services/volunteer';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { pickPlace, placeId, placePicker } from '../../../utils/placePicker';

interface MemberRow {
  name: string;
  meta: string;
  posts: string;
  none: boolean;
}

Page({
  behaviors: [placePicker],
  data: {
    loading: false,
    error: '',
    view: null as CommunityView | null,
    members: [] as MemberRow[],
    posts: [] as (CommunityView['posts'][number] & { who: string })[],
    empty: 0,
    saving: false,
    max: { title: POST_TEXT.title.max, duty: POST_TEXT.duty.max },
  },
  // Not rendered: the chosen place, the post form's own id (a retry is the same post) and what was typed.
  regionId: '',
  clientId: '',
  title: '',
  duty: '',
  slots: '',
  onLoad() {
    this.clientId = newClientId();
  },
  /** The place picker's choice; a village or community chosen loads its view. */
  async onPicked(e: { detail: { index: number } }) {
    const which = (this.data as unknown as { picker: string }).picker; // the place picker behavior's data
    this.setData({ picker: '' });
    await pickPlace(this, which, e.detail.index);
    const regionId = placeId(this);
    if (regionId && regionId !== this.regionId) {
      this.regionId = regionId;
      await this.load();
    }
  },
  async load() {
    this.setData({ loading: true, error: '' });
    try {
      const view = await fetchCommunity(this.regionId);
      this.setData({
        loading: false,
        view,
        empty: view.posts.filter((p) => p.empty).length,
        posts: view.posts.map((p) => ({ ...p, who: p.claimers.join('、') })),
        members: view.members.map((m) => ({
          name: m.name,
          meta: `${m.branch} · ${m.kind} · ${formatDateTime(m.at)}`,
          posts: m.posts.length ? `岗位：${m.posts.join('、')}` : '还没有认领岗位',
          none: !m.posts.length,
        })),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e), view: null });
    }
  },
  onTitle(e: { detail: string }) {
    this.title = e.detail;
  },
  onDuty(e: { detail: string }) {
    this.duty = e.detail;
  },
  onSlots(e: { detail: string }) {
    this.slots = e.detail;
  },
  async onCreate() {
    const n = Number(this.slots.trim());
    const problem =
      textProblem(POST_TEXT.title, this.title) ??
      textProblem(POST_TEXT.duty, this.duty) ??
      (Number.isInteger(n) && n >= POST_SLOTS.min && n <= POST_SLOTS.max
        ? null
        : `人数请填写${POST_SLOTS.min}到${POST_SLOTS.max}之间的整数`);
    if (problem) return toast(this, problem);
    this.setData({ saving: true });
    try {
      await createPost({ clientId: this.clientId, regionId: this.regionId, title: this.title.trim(), duty: this.duty.trim(), slots: n });
      this.clientId = newClientId();
      this.setData({ saving: false });
      toastSuccess(this, '岗位已设立');
      await this.load();
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
