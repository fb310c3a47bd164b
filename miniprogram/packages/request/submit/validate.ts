/** The form's checks before sending, worded as the server words them (the server still decides). */
import type { SubmitInput } from '../../../../typings/index';
import { REQUEST_CATEGORIES } from '../../../shared/domain';
import { PHONE_MESSAGE, PHONE_PATTERN, TEXT, textProblem } from '../../../shared/limits';

export function validateSubmit(input: SubmitInput, villageMissing: boolean): string | null {
  if (!input.scene && (!input.regionId || villageMissing)) return '请扫描连心卡，或选择您所在的村（社区）';
  if (!REQUEST_CATEGORIES.includes(input.category)) return '请选择诉求类型';
  if (input.scene && input.category === '投诉' && input.aboutUnit === undefined)
    return '请选择：请该单位处理这个问题，还是投诉该单位或其工作人员';
  const content = textProblem(TEXT.content, input.content);
  if (content) return content;
  if (input.mayContact) {
    const name = textProblem(TEXT.contactName, input.contactName ?? '');
    if (name) return name;
    if (!input.contactPhone) return '同意联系时请留下手机号码';
    if (!PHONE_PATTERN.test(input.contactPhone)) return PHONE_MESSAGE;
  }
  return null;
}
