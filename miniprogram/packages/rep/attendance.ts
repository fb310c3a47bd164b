/**
 * Recording who attended an activity, as a behavior shared by the convener's 联络组 page and the
 * office desk (Page({behaviors: [attendance]})). The page names its activities (`attendable()`), how
 * attendance is saved (`saveAttendance()`) and reloads with `load()`; the template renders
 * `attending`/`present` with `bind:click="onAttend"`, `bind:change="onPresent"` and
 * `bind:click="onSaveAttendance"`.
 */
import type { ActivityView } from '../../../typings/index';
import { showError, toast, toastSuccess } from '../../utils/feedback';

interface AttendancePage {
  data: { attending: string; present: string[] };
  setData(d: Record<string, unknown>): void;
  attendable(): ActivityView[];
  saveAttendance(id: string, version: number, present: string[]): Promise<unknown>;
  load(): Promise<void>;
}

export const attendance = Behavior({
  data: { attending: '', present: [] as string[] },
  methods: {
    onAttend(e: { currentTarget: { dataset: { index: number } } }) {
      const page = this as unknown as AttendancePage;
      const a = page.attendable()[e.currentTarget.dataset.index];
      if (a) page.setData({ attending: a.id, present: [] });
    },
    onPresent(e: { detail: string[] }) {
      this.setData({ present: e.detail });
    },
    async onSaveAttendance() {
      const page = this as unknown as AttendancePage;
      const a = page.attendable().find((x) => x.id === page.data.attending);
      if (!a) return;
      if (!page.data.present.length) {
        toast(this, '请选择到场的代表');
        return;
      }
      try {
        await page.saveAttendance(a.id, a.version, page.data.present);
        page.setData({ attending: '', present: [] });
        toastSuccess(this, '已记录');
        await page.load();
      } catch (err) {
        showError(this, err);
      }
    },
  },
});
