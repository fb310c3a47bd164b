/**
 * 党员志愿服务 for the organisers (an admin): every team's year against its target and every member's
 * (pairs against the range, activities against the target), furthest behind first — counts only,
 * never a paired resident; and a new team by skill with its leader.
 */
import { TEAM_ORGANIZERS, TEAM_SKILLS, TEAM_TEXT, type TeamOrganizer, type TeamSkill } from '../../../shared/volunteers';
import { textProblem } from '../../../shared/limits';
import { createTeam, fetchVolunteerFigures } from '../../../services/volunteer';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast, toastSuccess } from '../../../utils/feedback';
import { countyToday } from '../../../utils/format';
import { pairFlag, teamRow, type TeamRow } from '../view';

interface MemberRow {
  name: string;
  branch: string;
  pairs: string;
  activities: string;
  behind: boolean;
}

Page({
  data: {
    loading: true,
    error: '',
    year: 0,
    teams: [] as TeamRow[],
    members: [] as MemberRow[],
    skills: TEAM_SKILLS,
    organizers: TEAM_ORGANIZERS,
    skill: '',
    organizer: '',
    saving: false,
    max: { name: TEAM_TEXT.teamName.max },
  },
  // Not rendered: the form's own id (a retry is the same team) and what was typed.
  clientId: '',
  name: '',
  leaderScene: '',
  onLoad() {
    this.clientId = newClientId();
    void this.load();
  },
  async load() {
    try {
      const year = Number(countyToday().slice(0, 4));
      const f = await fetchVolunteerFigures(year);
      this.setData({
        loading: false,
        error: '',
        year,
        teams: f.teams.map(teamRow),
        members: f.members.map((m) => ({
          name: m.name,
          branch: m.branch,
          pairs: pairFlag(m.pairs) || `结对${m.pairs.active}户`,
          activities: `参加活动${m.activities}次（每年至少${m.activityTarget}次）`,
          behind: m.pairs.flag !== null || m.activities < m.activityTarget,
        })),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onName(e: { detail: string }) {
    this.name = e.detail;
  },
  onLeader(e: { detail: string }) {
    this.leaderScene = e.detail;
  },
  onSkill(e: { detail: string }) {
    this.setData({ skill: e.detail });
  },
  onOrganizer(e: { detail: string }) {
    this.setData({ organizer: e.detail });
  },
  async onCreate() {
    const problem =
      textProblem(TEAM_TEXT.teamName, this.name) ??
      (this.data.skill ? null : '请选择服务领域') ??
      (this.data.organizer ? null : '请选择组织单位') ??
      (this.leaderScene.trim() ? null : '请填写队长服务卡上的编号');
    if (problem) return toast(this, problem);
    this.setData({ saving: true });
    try {
      const t = await createTeam({
        clientId: this.clientId,
        name: this.name.trim(),
        skill: this.data.skill as TeamSkill,
        organizer: this.data.organizer as TeamOrganizer,
        leaderScene: this.leaderScene.trim(),
      });
      this.clientId = newClientId();
      this.setData({ saving: false });
      toastSuccess(this, `已成立${t.name}`);
      await this.load();
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
});
