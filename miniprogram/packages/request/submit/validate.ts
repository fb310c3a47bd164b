/** The form's checks before sending, worded as the server words them (the server still decides). */
import { REQUEST_CATEGORIES, type SubmitInput } from '../../../../typings/index';

export function validateSubmit(input: SubmitInput, villageMissing: boolean): string | null {
  if (!input.scene && (!input.regionId || villageMissing)) return '请扫描连心卡，或选择您所在的村（社区）';
  if (!REQUEST_CATEGORIES.includes(input.category)) return '请选择诉求类型';
  const length = Array.from(input.content).length;
  if (length < 5) return '诉求内容请至少写5个字';
  if (length > 1000) return '诉求内容请控制在1000字以内';
  if (input.mayContact) {
    if (!input.contactName) return '请填写联系人';
    if (!input.contactPhone) return '同意联系时请留下手机号码';
    if (!/^1\d{10}$/.test(input.contactPhone)) return '请填写11位手机号码';
  }
  return null;
}
