/**
 * The unit picker of the invite, dispatch (派单台) and transfer (转办) forms, as a behavior
 * (Page({behaviors: [unitPicker]})). The page renders `<van-popup show="{{unitPicker}}">` with
 * `<van-picker columns="{{unitColumns}}" bind:confirm="onUnitPicked" bind:cancel="onCloseUnits">`,
 * opened by `bind:click="onPickUnit"`, and shows `unitName`. The units offered come from
 * `loadUnits()` (all units; a page offers others by defining its own). The units and the choice
 * are kept beside the page, not rendered: read the choice with chosenUnit(this).
 */
import type { UnitView } from '../../typings/index';
import { fetchUnits } from '../services/county';
import { showError } from './feedback';

interface PickerState {
  units: UnitView[];
  chosen: UnitView | null;
}
const states = new WeakMap<object, PickerState>();

function stateOf(page: object): PickerState {
  let s = states.get(page);
  if (!s) {
    s = { units: [], chosen: null };
    states.set(page, s);
  }
  return s;
}

/** The unit chosen on this page, or null. */
export const chosenUnit = (page: object): UnitView | null => stateOf(page).chosen;

/** Forgets the choice (a form starting over). */
export function clearUnit(page: { setData(d: Record<string, unknown>): void }): void {
  stateOf(page).chosen = null;
  page.setData({ unitName: '' });
}

export const unitPicker = Behavior({
  data: { unitName: '', unitPicker: false, unitColumns: [] as string[] },
  methods: {
    /** The units to offer: all of them, unless the page defines its own (转办: all but mine). */
    loadUnits(): Promise<UnitView[]> {
      return fetchUnits();
    },
    async onPickUnit() {
      const s = stateOf(this);
      try {
        if (!s.units.length) s.units = await this.loadUnits();
        this.setData({ unitPicker: true, unitColumns: s.units.map((u) => u.name) });
      } catch (e) {
        showError(this, e);
      }
    },
    onCloseUnits() {
      this.setData({ unitPicker: false });
    },
    onUnitPicked(e: { detail: { index: number } }) {
      const s = stateOf(this);
      const unit = s.units[e.detail.index];
      this.setData({ unitPicker: false });
      if (!unit) return;
      s.chosen = unit;
      this.setData({ unitName: unit.name });
    },
  },
});
