/** What a cadre may see of a petitioner: masked always, hidden when the rules say so. */

/** 13812341234 → 138****1234; anything else keeps only its last two characters. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s|-/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '****';
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** 张三丰 → 张**: the surname alone is enough for a courteous call back. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export const HIDDEN = '保密';

/** Mobile numbers typed into free text (content, notes), masked the same way for staff. */
export const maskPhonesIn = (text: string): string => text.replace(/(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g, '$1****$2');
