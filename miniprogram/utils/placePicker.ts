/**
 * The town → village picker of the submit and register forms. The page renders `townName` and,
 * once a town is chosen, `villageName` (cells bound to `onPickTown` / `onPickVillage`), and one
 * `<van-popup show="{{picker !== ''}}">` with `<van-picker columns="{{pickerColumns}}"
 * bind:confirm="onPicked" bind:cancel="onClosePicker">`. The towns, the chosen town's villages and
 * the chosen ids are not rendered: they stay on the instance.
 *
 * In Page(): `data: { ...PLACE_PICKER_DATA, … }` and `...placePicker()`. A page whose popup picks
 * something else too (register: the unit) sets `picker` to its own kind and handles it in its own
 * `onPicked`, passing town and village on to `pickPlace`.
 */
import type { RegionView } from '../../typings/index';
import { fetchRegions } from '../services/county';
import { showError, toast } from './feedback';

/** Which column the popup shows ('' when closed). */
export type PlaceColumn = '' | 'town' | 'village';

export const PLACE_PICKER_DATA = {
  townName: '',
  villageName: '',
  picker: '' as PlaceColumn,
  pickerColumns: [] as string[],
};

type Ctx = WechatMiniprogram.Page.TrivialInstance & { towns: RegionView[]; villages: RegionView[]; townId: string; villageId: string };

/** Applies the choice of a town or a village (`which`, the column that was open) at `index`. */
export async function pickPlace(ctx: Ctx, which: string, index: number): Promise<void> {
  if (which === 'town') {
    const town = ctx.towns[index];
    if (!town) return;
    ctx.townId = town.id;
    ctx.villageId = '';
    ctx.villages = [];
    ctx.setData({ townName: town.name, villageName: '' });
    try {
      ctx.villages = await fetchRegions(town.id);
    } catch (err) {
      showError(ctx, err);
    }
  } else if (which === 'village') {
    const village = ctx.villages[index];
    if (!village) return;
    ctx.villageId = village.id;
    ctx.setData({ villageName: village.name });
  }
}

/** The chosen place: the village, or the town when it has no villages; '' while none is chosen. */
export function placeId(ctx: Ctx): string {
  return ctx.villageId || (ctx.townId && !ctx.villages.length ? ctx.townId : '');
}

/** A town with villages is chosen but none of its villages yet. */
export function villageMissing(ctx: Ctx): boolean {
  return Boolean(ctx.townId && !ctx.villageId && ctx.villages.length);
}

/** The picker's instance fields and handlers. */
export function placePicker() {
  return {
    towns: [] as RegionView[],
    villages: [] as RegionView[],
    townId: '',
    villageId: '',
    async onPickTown(this: Ctx) {
      try {
        if (!this.towns.length) this.towns = await fetchRegions();
        this.setData({ picker: 'town', pickerColumns: this.towns.map((r) => r.name) });
      } catch (e) {
        showError(this, e);
      }
    },
    onPickVillage(this: Ctx) {
      if (!this.villages.length) return toast(this, '这个乡镇（街道）下没有可选的村（社区）');
      this.setData({ picker: 'village', pickerColumns: this.villages.map((r) => r.name) });
    },
    onClosePicker(this: Ctx) {
      this.setData({ picker: '' });
    },
    async onPicked(this: Ctx, e: { detail: { index: number } }) {
      const which = this.data.picker as string;
      this.setData({ picker: '' });
      await pickPlace(this, which, e.detail.index);
    },
  };
}
