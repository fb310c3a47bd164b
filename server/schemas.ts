/** Input pieces shared by the action schemas. Ids are plain strings so `{"$gt": ""}` never reaches a query. */
import { z } from 'zod';
import type { RequestCategory } from '../typings';

export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确');
export const versionSchema = z.number().int().min(0).max(1_000_000);
export const cursorSchema = z.string().max(200).optional();
/** A 小程序码 scene: ≤ 32 characters of the allowed set; ours are short opaque keys. */
export const sceneSchema = z.string().regex(/^[0-9A-Za-z_-]{4,32}$/, '连心卡二维码无法识别，请重新扫描');
export const categorySchema = z.enum(['咨询', '求助', '投诉', '建议', '意见'] as const satisfies readonly RequestCategory[], {
  message: '请选择诉求类型',
});
export const versioned = { id: idSchema, version: versionSchema };

/** Control characters other than tab and newline: never typed by a person. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text typed by a person: trimmed, no control characters, with a Chinese message for empty and too long. */
export function text(label: string, min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}请至少写${min}个字`)
    .max(max, `${label}请控制在${max}字以内`)
    .refine((s) => !CONTROL.test(s), `${label}包含无法识别的字符，请重新输入`);
}

export const empty = z.strictObject({});
