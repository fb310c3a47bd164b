/**
 * One volunteer team (S6.2, S6.3): its year against the target, its activities with sign-up; the
 * leader plans one (the date proposed is the next 党员志愿服务日, the 2nd Saturday) and shows the
 * venue's code for check-in.
 */
import type { TeamDetail } from '../../../../typings/index';
import { ACTIVITY_CAPACITY, TEAM_TEXT } from '../../../shared/volunteers';
import { textProblem } from '../../../shared/limits';
import { fetchActivityCode, fetchTeam, planVolActivity, signUp } from '../../../services/volunteer';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { countyToday } from '../../../utils/format';
import { setTitle } from '../../../utils/navigate';
import { activityRow, teamRow, type ActivityRow, type TeamRow } from '../view';

Page({
  data: {
    loading: true,
    error: '',
    team: null as TeamRow | null,
    isLeader: false,
    activities: [] as ActivityRow[],
    today: '',
    date: '',
    proposedDate: '',
    code: '',
    codeFor: '',
    saving: false,
    max: { title: TEAM_TEXT.title.max, place: TEAM_TEXT.place.max },
  },
  // Not rendered: the team, the plan form's own id (a retry is the same activity) and what was typed.
  teamId: '',
  clientId: '',
  title: '',
  place: '',
  capacity: '',
  onLoad(options: Record<string, string | undefined>) {
    this.teamId = options.id ?? '';
    this.clientId = newClientId();
    void this.load();
  },
  async load() {
    try {
      const t: TeamDetail = await fetchTeam(this.teamId);
      setTitle(t.name);
      const today = countyToday();
      this.setData({
        loading: false,
        error: '',
        team: teamRow(t),
        isLeader: t.isLeader,
        activities: t.activities.map((a) => activityRow(a, today)),
        today,
        proposedDate: t.proposedDate,
        date: this.data.date || t.proposedDate,
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onDate(e: { detail: { value: string } }) {
    this.setData({ date: e.detail.value });
  },
  onTitle(e: { detail: string }) {
    this.title = e.detail;
  },
  onPlace(e: { detail: string }) {
    this.place = e.detail;
  },
  onCapacity(e: { detail: string }) {
    this.capacity = e.detail;
  },
  async onPlan() {
    const n = Number(this.capacity.trim());
    const problem =
      textProblem(TEAM_TEXT.title, this.title) ??
      textProblem(TEAM_TEXT.place, this.place) ??
      (Number.isInteger(n) && n >= ACTIVITY_CAPACITY.min && n <= ACTIVITY_CAPACITY.max
        ? null
        : `人数请填写${ACTIVITY_CAPACITY.min}到${ACTIVITY_CAPACITY.max}之间的整数`);
    if (problem) return toast(this, problem);
    this.setData({ saving: true });
    try {
      await planVolActivity({
        clientId: this.clientId,
        teamId: this.teamId,
        title: this.title.trim(),
        date: this.data.date,
        place: this.place.trim(),
        capacity: n,
      });
      this.clientId = newClientId();
      this.setData({ saving: false });
      toastSuccess(this, '活动已发布，队员可以报名了');
      await this.load();
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
  async onSignUp(e: { currentTarget: { dataset: { id: string } } }) {
    try {
      await signUp(e.currentTarget.dataset.id);
      toastSuccess(this, '报名成功，活动当天到现场扫码签到');
      await this.load();
    } catch (err) {
      showError(this, err);
    }
  },
  async onCode(e: { currentTarget: { dataset: { id: string } } }) {
    try {
      const c = await fetchActivityCode(e.currentTarget.dataset.id);
      this.setData({ code: c.image, codeFor: e.currentTarget.dataset.id });
    } catch (err) {
      showError(this, err);
    }
  },
});
