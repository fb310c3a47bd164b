/**
 * 联系点安排 (组织部, S2.1): each leader's set for the year — 一联六 / 一联五 / 一联二 as the rule of
 * their level asks — with the leaders whose set is incomplete first, and every point of a year with
 * an overlap between two leaders flagged; a point is given (its place chosen from the directory when
 * it is a town or village) or taken off.
 */
import type { ContactPointView, DutyStanding } from '../../../../typings/index';
import { DUTY_TEXT, PLACE_SLOTS, SLOT_KINDS, SLOT_LABELS, type SlotKind } from '../../../shared/duties';
import { textProblem } from '../../../shared/limits';
import { assignContactPoint, fetchContactPoints, fetchDutyFigures, removeContactPoint } from '../../../services/duty';
import { newClientId } from '../../../utils/clientId';
import { showError, toast, toastSuccess } from '../../../utils/feedback';
import { Pager, pagedListWithErrorState, reloadList, usePager } from '../../../utils/pager';
import { chosenTown, placeId, placePicker } from '../../../utils/placePicker';
import { countyToday } from '../view';

interface LeaderRow {
  key: string;
  name: string;
  unit: string;
  /** This year's set: held / asked, and what is missing. */
  set: string;
  incomplete: boolean;
}
interface PointRow {
  id: string;
  version: number;
  what: string;
  who: string;
  overlap: string;
}

const leaderRow = (s: DutyStanding): LeaderRow => {
  const set = s.figures.find((f) => f.clause === 'S2.1');
  return {
    key: s.key,
    name: s.name,
    unit: `${s.unitName ?? ''} · ${s.level}`,
    set: set ? `今年联系点 ${set.value}/${set.target}${set.value < set.target ? `，缺${set.target - set.value}个` : '，已配齐'}` : '',
    incomplete: !!set && set.value < set.target,
  };
};
const pointRow = (p: ContactPointView): PointRow => ({
  id: p.id,
  version: p.version,
  what: `${p.slotLabel}：${p.name}`,
  who: `${p.cadreName}${p.unitName ? ` · ${p.unitName}` : ''}`,
  overlap: p.overlapWith.length ? `与${p.overlapWith.join('、')}重复` : '',
});

Page({
  behaviors: [placePicker, pagedListWithErrorState],
  data: {
    tab: 'leaders' as 'leaders' | 'points',
    years: [] as number[],
    yearIndex: 0,
    rows: [] as (LeaderRow | PointRow)[],
    /** The leader a point is being given to. */
    assigning: null as LeaderRow | null,
    slots: SLOT_KINDS.map((k) => SLOT_LABELS[k]),
    slotIndex: 0,
    placeSlot: PLACE_SLOTS.includes(SLOT_KINDS[0]!),
    /** The slot is a town: its village is not asked. */
    townSlot: SLOT_KINDS[0] === 'town',
    saving: false,
    max: { target: DUTY_TEXT.target.max },
  },
  clientId: '',
  target: '',
  async onLoad() {
    const year = Number(countyToday().slice(0, 4));
    this.setData({ years: [year, year + 1] });
    await this.list();
  },
  /** Lists the tab's rows afresh: the leaders furthest behind, or the year's points. */
  list(): Promise<void> {
    const year = this.data.years[this.data.yearIndex]!;
    usePager(
      this,
      this.data.tab === 'leaders'
        ? new Pager<DutyStanding, LeaderRow>(fetchDutyFigures, leaderRow)
        : new Pager<ContactPointView, PointRow>((cursor?: string) => fetchContactPoints(year, cursor), pointRow),
    );
    return reloadList(this);
  },
  async onTab(e: { detail: 'leaders' | 'points' }) {
    this.setData({ tab: e.detail, rows: [], loading: true, assigning: null });
    await this.list();
  },
  async onYear(e: { detail: { value: string } }) {
    this.setData({ yearIndex: Number(e.detail.value) });
    if (this.data.tab === 'points') {
      this.setData({ rows: [], loading: true });
      await this.list();
    }
  },
  onAssign(e: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
    const row = (this.data.rows as LeaderRow[]).find((r) => r.key === e.currentTarget.dataset.key);
    if (!row) return;
    this.clientId = newClientId();
    this.target = '';
    this.setData({ assigning: row });
  },
  onCancel() {
    this.setData({ assigning: null });
  },
  onSlot(e: { detail: { value: string } }) {
    const slotIndex = Number(e.detail.value);
    this.setData({ slotIndex, placeSlot: PLACE_SLOTS.includes(SLOT_KINDS[slotIndex]!), townSlot: SLOT_KINDS[slotIndex] === 'town' });
  },
  onTarget(e: { detail: string }) {
    this.target = e.detail;
  },
  async onSave() {
    const leader = this.data.assigning;
    if (!leader || this.data.saving) return;
    const slot: SlotKind = SLOT_KINDS[this.data.slotIndex]!;
    // A town is the point itself; a village slot takes the village.
    const regionId = !this.data.placeSlot ? '' : slot === 'town' ? chosenTown(this) : placeId(this);
    const problem =
      textProblem(DUTY_TEXT.target, this.target) ?? (this.data.placeSlot && !regionId ? '请选择联系的镇（街道）或村（社区）' : null);
    if (problem) {
      toast(this, problem);
      return;
    }
    this.setData({ saving: true });
    try {
      const p = await assignContactPoint({
        clientId: this.clientId,
        cadreKey: leader.key,
        year: this.data.years[this.data.yearIndex]!,
        slot,
        name: this.target.trim(),
        ...(regionId ? { regionId } : {}),
      });
      this.setData({ saving: false, assigning: null });
      toastSuccess(this, p.overlapWith.length ? `已安排，与${p.overlapWith.join('、')}重复，请核实` : '已安排');
      await this.list();
    } catch (e) {
      this.setData({ saving: false });
      showError(this, e);
    }
  },
  async onRemove(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const row = (this.data.rows as PointRow[]).find((r) => r.id === e.currentTarget.dataset.id);
    if (!row) return;
    try {
      await removeContactPoint(row.id, row.version);
      toastSuccess(this, '已调整');
      await this.list();
    } catch (err) {
      showError(this, err);
    }
  },
});
