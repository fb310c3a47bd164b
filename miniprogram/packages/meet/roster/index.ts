/**
 * 接访排班 (admin, S4.2): the sensitive periods; for a scope (the county's leaders or a unit) and a
 * month, a roster generated from its rule and the working-day calendar, a leader swapped for one
 * who is away, then published for residents to read.
 */
import type { RosterSetup, RosterView } from '../../../../typings/index';
import { ROSTER_STATUS_LABELS } from '../../../shared/meet';
import { addPeriod, fetchRoster, fetchRosterSetup, generateRoster, publishRoster, removePeriod, swapLeader } from '../../../services/meet';
import { confirmAction, errorMessage, isConflict, showError, toast, toastSuccess } from '../../../utils/feedback';

const DATE = /^20\d\d-\d\d-\d\d$/;
/** Next month in the county (UTC+08:00): the roster an office usually makes. */
function nextMonth(): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}

Page({
  data: {
    loading: true,
    error: '',
    setup: null as RosterSetup | null,
    scope: 'county',
    month: nextMonth(),
    roster: null as RosterView | null,
    statusLabel: '',
    chosenDate: '',
    busy: false,
  },
  periodName: '',
  periodFrom: '',
  periodTo: '',
  onLoad() {
    void this.load();
  },
  async load() {
    try {
      this.setData({ loading: false, setup: await fetchRosterSetup() });
      await this.show();
    } catch (e) {
      this.setData({ loading: false, error: errorMessage(e) });
    }
  },
  /** The chosen scope's roster of the chosen month, if one was made. */
  async show() {
    try {
      this.setRoster(await fetchRoster(this.data.scope, this.data.month));
    } catch {
      this.setRoster(null);
    }
  },
  setRoster(roster: RosterView | null) {
    this.setData({ roster, statusLabel: roster ? ROSTER_STATUS_LABELS[roster.status] : '', chosenDate: '' });
  },
  onScope(e: { currentTarget: { dataset: { id: string } } }) {
    this.setData({ scope: e.currentTarget.dataset.id });
    void this.show();
  },
  onMonth(e: { detail: string }) {
    this.setData({ month: e.detail.trim() });
    if (/^20\d\d-(0[1-9]|1[0-2])$/.test(this.data.month)) void this.show();
  },
  async onGenerate() {
    this.setData({ busy: true });
    try {
      this.setRoster(await generateRoster(this.data.scope, this.data.month));
      toastSuccess(this, '已按规则生成，请核对后公布');
    } catch (e) {
      showError(this, e);
    }
    this.setData({ busy: false });
  },
  onDay(e: { currentTarget: { dataset: { date: string } } }) {
    if (!this.data.roster) return;
    const date = e.currentTarget.dataset.date;
    this.setData({ chosenDate: this.data.chosenDate === date ? '' : date });
  },
  async onSwap(e: { currentTarget: { dataset: { key: string } } }) {
    const roster = this.data.roster;
    if (!roster || !this.data.chosenDate) return;
    try {
      this.setRoster(await swapLeader(roster, this.data.chosenDate, e.currentTarget.dataset.key));
      toastSuccess(this, '已换班');
    } catch (e) {
      if (isConflict(e)) await this.show();
      showError(this, e);
    }
  },
  async onPublish() {
    const roster = this.data.roster;
    if (!roster) return;
    if (
      !(await confirmAction(this, '公布排班表', `公布后群众可在首页和连心卡上看到${roster.scopeName}${roster.month}的接访安排。`, '公布'))
    )
      return;
    try {
      this.setRoster(await publishRoster(roster));
      toastSuccess(this, '已公布');
    } catch (e) {
      if (isConflict(e)) await this.show();
      showError(this, e);
    }
  },
  onPeriodName(e: { detail: string }) {
    this.periodName = e.detail;
  },
  onPeriodFrom(e: { detail: string }) {
    this.periodFrom = e.detail.trim();
  },
  onPeriodTo(e: { detail: string }) {
    this.periodTo = e.detail.trim();
  },
  async onAddPeriod() {
    if (this.periodName.trim().length < 2) return toast(this, '敏感时期名称请至少写2个字');
    if (!DATE.test(this.periodFrom) || !DATE.test(this.periodTo)) return toast(this, '日期格式应为 2026-11-26');
    try {
      const periods = await addPeriod(this.periodName.trim(), this.periodFrom, this.periodTo);
      this.setData({ 'setup.periods': periods });
      toastSuccess(this, '已添加，重新生成排班表后生效');
    } catch (e) {
      showError(this, e);
    }
  },
  async onRemovePeriod(e: { currentTarget: { dataset: { id: string } } }) {
    try {
      this.setData({ 'setup.periods': await removePeriod(e.currentTarget.dataset.id) });
    } catch (err) {
      showError(this, err);
    }
  },
});
