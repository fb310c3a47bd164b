/**
 * 党代表联络办 (an admin): proposals waiting to be accepted, each read with its constituents as
 * the rules let the office see them, and forwarded to units (each a tracked request); below, every
 * representative's year, furthest behind first.
 */
import type { ActivityView, ProposalDetail, RepProgress, UnitView } from '../../../../typings/index';
import { ACTIVITY_STATUS_LABELS, REP_TEXT } from '../../../shared/reps';
import { fetchUnits } from '../../../services/county';
import {
  fetchProposal,
  fetchProposals,
  fetchRepFigures,
  forwardProposal,
  planOfficeActivity,
  recordOfficeAttendance,
} from '../../../services/rep';
import { showError, toast } from '../../../utils/feedback';
import Dialog from '../../../miniprogram_npm/@vant/weapp/dialog/dialog';
import { activities, type PlanInput } from '../activities';
import { opinionRow, proposalRow, type OpinionRow } from '../view';
import { countyToday } from '../../../utils/format';

/** Rows of the figures shown on the page (a county's few hundred would overrun one page's nodes). */
const FIGURES_SHOWN = 30;

Page({
  behaviors: [activities],
  data: {
    loading: true,
    proposals: [] as ReturnType<typeof proposalRow>[],
    detail: null as Omit<ProposalDetail, 'opinions'> | null,
    opinions: [] as OpinionRow[],
    units: [] as UnitView[],
    unitIds: [] as string[],
    forwarding: false,
    year: 0,
    figures: [] as RepProgress[],
    moreFigures: 0,
    reps: [] as { scene: string; name: string }[],
    office: null as { held: number; target: number; activities: (ActivityView & { statusText: string; attendeesText: string })[] } | null,
    max: { note: REP_TEXT.forwardNote.max, topic: REP_TEXT.topic.max },
  },
  note: '',
  onShow() {
    void this.load();
  },
  async load() {
    const year = Number(countyToday().slice(0, 4));
    try {
      const [waiting, units, figures] = await Promise.all([fetchProposals('waiting'), fetchUnits(), fetchRepFigures(year)]);
      this.setData({
        loading: false,
        proposals: waiting.items.map(proposalRow),
        units,
        year,
        figures: figures.reps.slice(0, FIGURES_SHOWN),
        moreFigures: Math.max(0, figures.reps.length - FIGURES_SHOWN),
        reps: figures.reps.map((r) => ({ scene: r.scene, name: r.name })),
        office: {
          ...figures.office,
          activities: figures.office.activities.map((a) => ({
            ...a,
            statusText: ACTIVITY_STATUS_LABELS[a.status],
            attendeesText: a.attendees.join('、'),
          })),
        },
      });
    } catch (e) {
      this.setData({ loading: false });
      showError(this, e);
    }
  },
  async onOpen(e: { currentTarget: { dataset: { index: number } } }) {
    const row = this.data.proposals[e.currentTarget.dataset.index];
    if (!row) return;
    try {
      const { opinions, ...detail } = await fetchProposal(row.id);
      this.setData({ detail, opinions: opinions.map(opinionRow), unitIds: [] });
    } catch (err) {
      showError(this, err);
    }
  },
  onUnits(e: { detail: string[] }) {
    this.setData({ unitIds: e.detail });
  },
  onNote(e: { detail: string }) {
    this.note = e.detail;
  },
  async onForward() {
    const d = this.data.detail;
    if (!d) return;
    if (!this.data.unitIds.length) {
      toast(this, '请选择承办单位');
      return;
    }
    this.setData({ forwarding: true });
    try {
      const done = await forwardProposal(d.id, d.version, this.data.unitIds, this.note.trim() || undefined);
      this.setData({ forwarding: false, detail: null, opinions: [] });
      await Dialog.alert({
        context: this,
        title: '已交办',
        message: `已交${done.items.map((i) => i.unitName).join('、')}办理。各单位的签收、答复按时限跟踪，答复后通知反映意见的群众。`,
      });
      await this.load();
    } catch (e) {
      this.setData({ forwarding: false });
      showError(this, e);
    }
  },
  savePlan(input: PlanInput) {
    return planOfficeActivity(input);
  },
  /** The activities the behavior records attendance for. */
  attendable(): ActivityView[] {
    return this.data.office?.activities ?? [];
  },
  saveAttendance(id: string, version: number, present: string[]) {
    return recordOfficeAttendance(id, version, present);
  },
});
