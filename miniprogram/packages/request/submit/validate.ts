/**
 * The form's checks before sending, worded as the server words them (the server still decides).
 * Each problem belongs to a field: the page shows it under that field until it is fixed.
 */
import type { SubmitInput } from '../../../../typings/index';
import { REQUEST_CATEGORIES } from '../../../shared/domain';
import { PHONE_MESSAGE, PHONE_PATTERN, TEXT, textProblem } from '../../../shared/limits';

export type SubmitField = 'place' | 'category' | 'complaint' | 'content' | 'contactName' | 'contactPhone';
export type SubmitErrors = Partial<Record<SubmitField, string>>;

export function validateSubmit(input: SubmitInput, villageMissing: boolean): SubmitErrors {
  const errors: SubmitErrors = {};
  if (!input.scene && (!input.regionId || villageMissing)) errors.place = '请选择您所在的村（社区）';
  if (!REQUEST_CATEGORIES.includes(input.category)) errors.category = '请选择您想做什么';
  if (input.scene && input.category === '投诉' && input.aboutUnit === undefined)
    errors.complaint = '请选一项：请这个单位处理这件事，还是反映这个单位的问题';
  const content = textProblem(TEXT.content, input.content);
  if (content) errors.content = content;
  if (input.contactName !== undefined) {
    const name = textProblem(TEXT.contactName, input.contactName);
    if (name) errors.contactName = name;
  }
  if (input.mayContact && input.phoneCode === undefined) {
    if (!input.contactPhone) errors.contactPhone = '请填写手机号码，或点“留下微信绑定的手机号”';
    else if (!PHONE_PATTERN.test(input.contactPhone)) errors.contactPhone = PHONE_MESSAGE;
  }
  return errors;
}
