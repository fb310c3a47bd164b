/**
 * 联络组 (S9.1, S9.2, S9.4): the group's activities this quarter; the convener plans them, records
 * who attended, and compiles related opinions into a 议案/建议/意见 for the 党代表联络办.
 */
import type { ActivityView, GroupView } from '../../../../typings/index';
import { ACTIVITY_STATUS_LABELS, PROPOSAL_KINDS, REP_TEXT, type ProposalKind } from '../../../shared/reps';
import { textProblem } from '../../../shared/limits';
import { compileProposal, fetchGroup, planActivity, recordAttendance } from '../../../services/rep';
import { newClientId } from '../../../utils/clientId';
import { errorMessage, showError, toast } from '../../../utils/feedback';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';
import { activities, type PlanInput } from '../activities';
import { opinionRow, type OpinionRow } from '../view';

type GroupData = Omit<GroupView, 'activities' | 'open'> & {
  activities: (GroupView['activities'][number] & { attendeesText: string; statusText: string })[];
};

Page({
  behaviors: [activities],
  data: {
    loading: true,
    error: '',
    group: null as GroupData | null,
    opinions: [] as OpinionRow[],
    chosen: [] as string[],
    kinds: PROPOSAL_KINDS,
    kind: '' as ProposalKind | '',
    submitting: false,
    max: { topic: REP_TEXT.topic.max, title: REP_TEXT.title.max, content: REP_TEXT.proposal.max, person: REP_TEXT.person.max },
    autosize: { minHeight: 200 },
  },
  // Not rendered: the forms' own ids (a retry is the same proposal or activity) and what was typed.
  clientId: '',
  title: '',
  content: '',
  handler: '',
  lead: '',
  onLoad() {
    this.clientId = newClientId();
    void this.load();
  },
  async load() {
    try {
      const g = await fetchGroup();
      const { open, activities, ...rest } = g;
      this.setData({
        loading: false,
        error: '',
        group: {
          ...rest,
          activities: activities.map((a) => ({
            ...a,
            attendeesText: a.attendees.join('、'),
            statusText: ACTIVITY_STATUS_LABELS[a.status],
          })),
        },
        opinions: open.map(opinionRow),
        chosen: this.data.chosen.filter((id) => open.some((o) => o.id === id)),
      });
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  onChosen(e: { detail: string[] }) {
    this.setData({ chosen: e.detail });
  },
  onKind(e: { detail: ProposalKind }) {
    this.setData({ kind: e.detail });
  },
  onTitle(e: { detail: string }) {
    this.title = e.detail;
  },
  onContent(e: { detail: string }) {
    this.content = e.detail;
  },
  onHandler(e: { detail: string }) {
    this.handler = e.detail;
  },
  onLead(e: { detail: string }) {
    this.lead = e.detail;
  },
  /** The activities the behavior records attendance for. */
  attendable(): ActivityView[] {
    return this.data.group?.activities ?? [];
  },
  saveAttendance(id: string, version: number, present: string[]) {
    return recordAttendance(id, version, present);
  },
  savePlan(input: PlanInput) {
    return planActivity(input);
  },
  async onSubmit() {
    const problem =
      (this.data.chosen.length ? null : '请至少选择一条群众意见') ??
      (this.data.kind ? null : '请选择议案、建议或意见') ??
      textProblem(REP_TEXT.title, this.title) ??
      textProblem(REP_TEXT.proposal, this.content) ??
      textProblem({ ...REP_TEXT.person, label: '承办人' }, this.handler) ??
      textProblem({ ...REP_TEXT.person, label: '牵头责任人' }, this.lead);
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ submitting: true });
    try {
      const p = await compileProposal({
        clientId: this.clientId,
        kind: this.data.kind as ProposalKind,
        title: this.title.trim(),
        content: this.content.trim(),
        handler: this.handler.trim(),
        lead: this.lead.trim(),
        opinionIds: this.data.chosen,
      });
      this.setData({ submitting: false, chosen: [] });
      await Dialog.alert({ context: this, title: '已提交', message: `${p.kind}《${p.title}》已提交党代表联络办，编号${p.no}。` });
      this.clientId = newClientId();
      await this.load();
    } catch (e) {
      this.setData({ submitting: false });
      showError(this, e);
    }
  },
});
