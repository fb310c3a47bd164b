/**
 * 节假日调整 (admin): days the county enters itself — a new year's State Council 放假/调休 schedule
 * before the holiday package has it, or a local change. Deadlines count them within a minute.
 */
import type { CalendarDayView } from '../../../../typings/index';
import { fetchCalendarDays, removeCalendarDay, setCalendarDay } from '../../../services/admin';
import { confirmAction, showError, toast, toastSuccess } from '../../../utils/feedback';
import { wholeList } from '../../../utils/pager';
import { TEXT } from '../../../shared/limits';

interface DayRow {
  date: string;
  title: string;
  label: string;
}

const kind = (work: boolean): string => (work ? '上班（调休）' : '放假');
const toRow = (d: CalendarDayView): DayRow => ({
  date: d.date,
  title: `${d.date} ${d.name}`,
  label: `${kind(d.work)}${d.work === d.packageWork ? '' : `（原为${d.packageWork ? '工作日' : '休息日'}）`}`,
});

Page({
  data: {
    nameMax: TEXT.calendarName.max,
    rows: [] as DayRow[],
    date: '',
    work: 'off' as 'off' | 'work',
    busy: false,
  },
  name: '',
  behaviors: [wholeList],
  async fetchAll() {
    return { rows: (await fetchCalendarDays()).map(toRow) };
  },
  onDate(e: { detail: { value: string } }) {
    this.setData({ date: e.detail.value });
  },
  onWork(e: { detail: 'off' | 'work' }) {
    this.setData({ work: e.detail });
  },
  onName(e: { detail: string }) {
    this.name = e.detail;
  },
  async onSave() {
    if (this.data.busy) return;
    const name = this.name.trim();
    if (!this.data.date) return toast(this, '请选择日期');
    if (!name) return toast(this, '请填写名称，如“元旦”或“春节调休”');
    const work = this.data.work === 'work';
    if (!(await confirmAction(this, '确认调整', `${this.data.date} 设为${kind(work)}？之后的办理时限将按此计算。`))) return;
    this.setData({ busy: true });
    try {
      const days = await setCalendarDay(this.data.date, work, name);
      this.setData({ busy: false, rows: days.map(toRow) });
      toastSuccess(this, '已保存');
    } catch (e) {
      this.setData({ busy: false });
      showError(this, e);
    }
  },
  async onRemove(e: WechatMiniprogram.BaseEvent<Record<string, never>, { date: string }>) {
    const date = e.currentTarget.dataset.date;
    if (!(await confirmAction(this, '删除调整', `删除 ${date} 的调整？这一天将按国家公布的日历计算。`, '删除'))) return;
    try {
      const days = await removeCalendarDay(date);
      this.setData({ rows: days.map(toRow) });
      toastSuccess(this, '已删除');
    } catch (err) {
      showError(this, err);
    }
  },
});
