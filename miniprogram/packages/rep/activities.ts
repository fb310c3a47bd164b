/**
 * Planning a group activity and recording who attended, as a behavior shared by the convener's
 * 联络组 page and the office desk (Page({behaviors: [activities]})). The page names its activities
 * (`attendable()`), how a plan and attendance are saved (`savePlan()`, `saveAttendance()`), and
 * reloads with `load()`; the template binds onActivityKind/onActivityDate/onTopic/onPlan and
 * onAttend/onPresent/onSaveAttendance.
 */
import type { ActivityView } from '../../../typings/index';
import { ACTIVITY_KINDS, REP_TEXT, type ActivityKind } from '../../shared/reps';
import { textProblem } from '../../shared/limits';
import { newClientId } from '../../utils/clientId';
import { showError, toast, toastSuccess } from '../../utils/feedback';
import { countyToday } from '../../utils/format';

export interface PlanInput {
  clientId: string;
  kind: ActivityKind;
  date: string;
  topic: string;
}

interface ActivitiesPage {
  data: { attending: string; present: string[]; activityKind: ActivityKind | ''; activityDate: string };
  setData(d: Record<string, unknown>): void;
  attendable(): ActivityView[];
  savePlan(input: PlanInput): Promise<unknown>;
  saveAttendance(id: string, version: number, present: string[]): Promise<unknown>;
  load(): Promise<void>;
}

/** Not rendered: the plan form's id (a retry is the same activity) and its typed topic. */
const forms = new WeakMap<object, { planId: string; topic: string }>();
function formOf(page: object): { planId: string; topic: string } {
  let f = forms.get(page);
  if (!f) {
    f = { planId: newClientId(), topic: '' };
    forms.set(page, f);
  }
  return f;
}

export const activities = Behavior({
  data: {
    activityKinds: ACTIVITY_KINDS,
    activityKind: '' as ActivityKind | '',
    activityDate: '',
    today: '',
    attending: '',
    present: [] as string[],
  },
  lifetimes: {
    attached() {
      const today = countyToday();
      this.setData({ today, activityDate: today });
    },
  },
  methods: {
    onActivityKind(e: { detail: ActivityKind }) {
      this.setData({ activityKind: e.detail });
    },
    onActivityDate(e: { detail: { value: string } }) {
      this.setData({ activityDate: e.detail.value });
    },
    onTopic(e: { detail: string }) {
      formOf(this).topic = e.detail;
    },
    async onPlan() {
      const page = this as unknown as ActivitiesPage;
      const form = formOf(this);
      const kind = page.data.activityKind;
      const problem = kind ? textProblem(REP_TEXT.topic, form.topic) : '请选择活动类型';
      if (problem || !kind) {
        toast(this, problem!);
        return;
      }
      try {
        await page.savePlan({ clientId: form.planId, kind, date: page.data.activityDate, topic: form.topic.trim() });
        form.planId = newClientId();
        toastSuccess(this, '已添加');
        await page.load();
      } catch (e) {
        showError(this, e);
      }
    },
    onAttend(e: { currentTarget: { dataset: { index: number } } }) {
      const page = this as unknown as ActivitiesPage;
      const a = page.attendable()[e.currentTarget.dataset.index];
      if (a) page.setData({ attending: a.id, present: [] });
    },
    onPresent(e: { detail: string[] }) {
      this.setData({ present: e.detail });
    },
    async onSaveAttendance() {
      const page = this as unknown as ActivitiesPage;
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
