/** 志愿服务队 (S6.2): the county's teams by skill, each with its year against the target; join one, open one. */
import type { TeamView } from '../../../../typings/index';
import { fetchTeams, joinTeam } from '../../../services/volunteer';
import { errorMessage, showError, toastSuccess } from '../../../utils/feedback';
import { openPage } from '../../../utils/navigate';
import { teamRow, type TeamRow } from '../view';

Page({
  data: { loading: true, error: '', teams: [] as TeamRow[] },
  // Not rendered: the teams as the function gave them (versions to join with).
  raw: [] as TeamView[],
  onShow() {
    void this.load();
  },
  async load() {
    try {
      this.raw = await fetchTeams();
      this.setData({ loading: false, error: '', teams: this.raw.map(teamRow) });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onTeam(e: { currentTarget: { dataset: { id: string } } }) {
    openPage(`/packages/volunteer/team/index?id=${e.currentTarget.dataset.id}`);
  },
  async onJoin(e: { currentTarget: { dataset: { index: number } } }) {
    const t = this.raw[e.currentTarget.dataset.index];
    if (!t) return;
    try {
      await joinTeam(t.id, t.version);
      toastSuccess(this, `已加入${t.name}`);
      await this.load();
    } catch (err) {
      showError(this, err);
    }
  },
});
