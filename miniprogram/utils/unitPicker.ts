/**
 * The unit picker of the invite, dispatch (派单台) and transfer (转办) forms. The page renders
 * `<van-popup show="{{unitPicker}}">` with `<van-picker columns="{{unitColumns}}" bind:confirm="onUnitPicked"
 * bind:cancel="onCloseUnits">`, opened by `bind:click="onPickUnit"`, and shows `unitName`. The units
 * and the chosen `unitId` are not rendered: they stay on the instance.
 *
 * In Page(): `data: { ...UNIT_PICKER_DATA, … }` and `...unitPicker()`. A page clears its choice
 * with `this.unitId = ''` and `unitName: ''`.
 */
import type { UnitView } from '../../typings/index';
import { fetchUnits } from '../services/county';
import { showError } from './feedback';

export const UNIT_PICKER_DATA = {
  unitName: '',
  unitPicker: false,
  unitColumns: [] as string[],
};

type Ctx = WechatMiniprogram.Page.TrivialInstance & { units: UnitView[]; unitId: string };

/** The picker's instance fields and handlers; `load` gives the units to offer (read once, on first open). */
export function unitPicker(load: () => Promise<UnitView[]> = fetchUnits) {
  return {
    units: [] as UnitView[],
    unitId: '',
    async onPickUnit(this: Ctx) {
      try {
        if (!this.units.length) this.units = await load();
        this.setData({ unitPicker: true, unitColumns: this.units.map((u) => u.name) });
      } catch (e) {
        showError(this, e);
      }
    },
    onCloseUnits(this: Ctx) {
      this.setData({ unitPicker: false });
    },
    onUnitPicked(this: Ctx, e: { detail: { index: number } }) {
      const unit = this.units[e.detail.index];
      this.setData({ unitPicker: false });
      if (!unit) return;
      this.unitId = unit.id;
      this.setData({ unitName: unit.name });
    },
  };
}
