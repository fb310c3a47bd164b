/**
 * Subscription messages: what each one says, cut to WeChat's field limits (thing ≤ 20 characters,
 * phrase ≤ 5, name ≤ 10, character_string ≤ 32 of letters, digits and symbols).
 */
import { countyTime } from './calendar';

type FieldKind = 'thing' | 'phrase' | 'name' | 'character_string' | 'time';
const LIMITS: Record<Exclude<FieldKind, 'time'>, number> = { thing: 20, phrase: 5, name: 10, character_string: 32 };

/** A value that fits its field: cut by characters (not UTF-16 units), character_string stripped to what WeChat accepts. */
function fitField(kind: FieldKind, value: string | number): string {
  if (kind === 'time') return countyTime(Number(value)).format('YYYY年M月D日 HH:mm');
  const text = kind === 'character_string' ? String(value).replace(/[^0-9A-Za-z_\-.:#@]/g, '') : String(value).replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  const max = LIMITS[kind];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + (kind === 'thing' ? '…' : chars[max - 1]);
}

export type Template = 'progress' | 'deadline' | 'survey';

/** The fields of each template, in the order of the county's chosen templates (ids are data). */
const TEMPLATE_FIELDS: Record<Template, Record<string, FieldKind>> = {
  // 办理进度通知: 编号, 状态, 事项, 时间
  progress: { character_string1: 'character_string', phrase2: 'phrase', thing3: 'thing', time4: 'time' },
  // 办理时限提醒: 编号, 事项, 提醒, 期限
  deadline: { character_string1: 'character_string', thing2: 'thing', phrase3: 'phrase', time4: 'time' },
  // 问卷调查通知: 调查名称, 截止时间, 温馨提示
  survey: { thing1: 'thing', time2: 'time', thing3: 'thing' },
};

export function messageData(template: Template, values: (string | number)[]): Record<string, { value: string }> {
  const fields = Object.entries(TEMPLATE_FIELDS[template]);
  return Object.fromEntries(fields.map(([name, kind], i) => [name, { value: fitField(kind, values[i] ?? '') }]));
}
