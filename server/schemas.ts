/** Input pieces shared by the action schemas. Ids are plain strings so `{"$gt": ""}` never reaches a query. */
import { z } from 'zod';
import { REQUEST_CATEGORIES } from '../miniprogram/shared/domain';
import { PHONE_MESSAGE, PHONE_PATTERN, tooLong, tooShort, type TextLimit } from '../miniprogram/shared/limits';

export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确');
const versionSchema = z.number().int().min(0).max(1_000_000);
export const cursorSchema = z.string().max(200).optional();
/** A 小程序码 scene: ≤ 32 characters of the allowed set; ours are short opaque keys. */
export const sceneSchema = z.string().regex(/^[0-9A-Za-z_-]{4,32}$/, '连心卡二维码无法识别，请重新扫描');
export const categorySchema = z.enum(REQUEST_CATEGORIES, {
  message: '请选择诉求类型',
});
export const versioned = { id: idSchema, version: versionSchema };
/** The id the app gives a submission (or the 信访局 a registration) so a retry is the same request. */
export const clientIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '提交编号格式不正确');
/** The one-time code of WeChat's getPhoneNumber button (exchanged in the function for the number). */
export const phoneCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, '手机号授权无法识别，请再点一次“留下手机号”');
/** A mainland mobile number. */
export const phoneSchema = z.string().regex(PHONE_PATTERN, PHONE_MESSAGE);

/** Control characters other than tab and newline: never typed by a person. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text typed by a person: trimmed, no control characters, with the shared limits and their Chinese messages. */
export function text(limit: TextLimit) {
  return z
    .string()
    .trim()
    .min(limit.min, tooShort(limit))
    .max(limit.max, tooLong(limit))
    .refine((s) => !CONTROL.test(s), `${limit.label}包含无法识别的字符，请重新输入`);
}

/** The input of an action that takes none. */
export const empty = z.strictObject({});
