/**
 * The 连心卡's fields (S7.2: 单位名称、服务范围、职责内容、责任人员、联系电话、监督电话; a cadre's card adds
 * 姓名 and 职务): one list the card pages, the edit form and the functions' schema and views all read.
 */
import { textProblem, type TextLimit } from './limits';

export type CardKind = 'unit' | 'cadre';

/** A field a card shows and its editors change, in the order it is printed. */
export interface CardField extends TextLimit {
  key: 'name' | 'post' | 'scope' | 'duties' | 'responsible' | 'phone' | 'supervisionPhone';
  /** The kinds of card that carry it. */
  kinds: readonly CardKind[];
  /** A phone: digits with an optional area code (0000-6612345) or a mobile number. */
  phone?: true;
  /** Typed on several lines in the form. */
  long?: true;
}

export const CARD_FIELDS: readonly CardField[] = [
  { key: 'name', label: '姓名', min: 2, max: 10, kinds: ['cadre'] },
  { key: 'post', label: '职务', min: 2, max: 30, kinds: ['cadre'] },
  { key: 'scope', label: '服务范围', min: 2, max: 120, kinds: ['unit', 'cadre'], long: true },
  { key: 'duties', label: '职责', min: 2, max: 200, kinds: ['unit', 'cadre'], long: true },
  { key: 'responsible', label: '责任人', min: 2, max: 30, kinds: ['unit'] },
  { key: 'phone', label: '电话', min: 5, max: 20, kinds: ['unit', 'cadre'], phone: true },
  { key: 'supervisionPhone', label: '监督电话', min: 5, max: 20, kinds: ['unit', 'cadre'], phone: true },
];

export type CardFieldKey = CardField['key'];

/** The fields of one kind of card, in print order. */
export const cardFields = (kind: CardKind): CardField[] => CARD_FIELDS.filter((f) => f.kinds.includes(kind));

/** A phone on a card: a landline with its area code, or a mobile number. */
export const CARD_PHONE_PATTERN = /^(0\d{2,3}-?\d{7,8}|1\d{10}|\d{4}-\d{7})$/;
export const cardPhoneMessage = (f: CardField): string => `${f.label}请填写固定电话（如0000-6612345）或11位手机号码`;

/** Why a card was taken out of use, as the admin typed it. */
export const REVOKE_REASON: TextLimit = { label: '停用原因', min: 2, max: 60 };

/** What is wrong with a card field as typed (trimmed), in the server's words, or null. */
export function textProblemOfCard(key: CardFieldKey, value: string): string | null {
  const f = CARD_FIELDS.find((x) => x.key === key);
  if (!f) return null;
  return textProblem(f, value) ?? (f.phone && !CARD_PHONE_PATTERN.test(value.trim()) ? cardPhoneMessage(f) : null);
}

/** 发放: to whom or where the printed cards went (e.g. 河西村村民大会). */
export const HAND_OUT_TO: TextLimit = { label: '发放对象', min: 2, max: 40 };
