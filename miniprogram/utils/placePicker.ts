/**
 * The town → village picker of the submit and register forms, as a behavior
 * (Page({behaviors: [placePicker]})). The page renders `townName` and, once a town is chosen,
 * `villageName` (cells bound to `onPickTown` / `onPickVillage`), and one `<van-popup
 * show="{{picker !== ''}}">` with `<van-picker columns="{{pickerColumns}}" bind:confirm="onPicked"
 * bind:cancel="onClosePicker">`. The towns, the chosen town's villages and the chosen ids are kept
 * beside the page, not rendered: read them with placeId(this) and villageMissing(this).
 *
 * A page whose popup picks something else too (register: the unit) sets `picker` to its own kind
 * and defines its own `onPicked`, passing town and village on to `pickPlace`.
 */
import type { RegionView } from '../../typings/index';
import { fetchRegions } from '../services/county';
import { showError, toast } from './feedback';

/** Which column the popup shows ('' when closed). */
export type PlaceColumn = '' | 'town' | 'village';

interface PlaceState {
  towns: RegionView[];
  villages: RegionView[];
  townId: string;
  villageId: string;
}
const states = new WeakMap<object, PlaceState>();

function stateOf(page: object): PlaceState {
  let s = states.get(page);
  if (!s) {
    s = { towns: [], villages: [], townId: '', villageId: '' };
    states.set(page, s);
  }
  return s;
}

type Ctx = Parameters<typeof showError>[0];

/** Applies the choice of a town or a village (`which`, the column that was open) at `index`. */
export async function pickPlace(ctx: Ctx, which: string, index: number): Promise<void> {
  const s = stateOf(ctx);
  if (which === 'town') {
    const town = s.towns[index];
    if (!town) return;
    s.townId = town.id;
    s.villageId = '';
    s.villages = [];
    ctx.setData({ townName: town.name, villageName: '' });
    try {
      s.villages = await fetchRegions(town.id);
    } catch (err) {
      showError(ctx, err);
    }
  } else if (which === 'village') {
    const village = s.villages[index];
    if (!village) return;
    s.villageId = village.id;
    ctx.setData({ villageName: village.name });
  }
}

/** The chosen place: the village, or the town when it has no villages; '' while none is chosen. */
export function placeId(page: object): string {
  const s = stateOf(page);
  return s.villageId || (s.townId && !s.villages.length ? s.townId : '');
}

/** The chosen town (a contact point may be a town itself); '' while none is chosen. */
export const chosenTown = (page: object): string => stateOf(page).townId;

/** A town with villages is chosen but none of its villages yet. */
export function villageMissing(page: object): boolean {
  const s = stateOf(page);
  return Boolean(s.townId && !s.villageId && s.villages.length);
}

export const placePicker = Behavior({
  data: { townName: '', villageName: '', picker: '' as string, pickerColumns: [] as string[] },
  methods: {
    async onPickTown() {
      const s = stateOf(this);
      try {
        if (!s.towns.length) s.towns = await fetchRegions();
        this.setData({ picker: 'town', pickerColumns: s.towns.map((r) => r.name) });
      } catch (e) {
        showError(this, e);
      }
    },
    onPickVillage() {
      const s = stateOf(this);
      if (!s.villages.length) return toast(this, '这个乡镇（街道）下没有可选的村（社区）');
      this.setData({ picker: 'village', pickerColumns: s.villages.map((r) => r.name) });
    },
    onClosePicker() {
      this.setData({ picker: '' });
    },
    async onPicked(e: { detail: { index: number } }) {
      const which = this.data.picker;
      this.setData({ picker: '' });
      await pickPlace(this, which, e.detail.index);
    },
  },
});
