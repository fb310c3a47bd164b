/**
 * Shared vocabulary of the county's rules: the words both sides use. Types only; the values
 * (lists, labels) live in miniprogram/shared/domain.ts, which ships in the package and which the
 * functions bundle, and these types are derived from them.
 */
export type { CadreLevel, DeliveryMethod, RequestCategory, RequestEventType, RequestStatus, Score } from '../miniprogram/shared/domain';
import type { PETITION_SOURCES } from '../miniprogram/shared/domain';

export type Role = 'resident' | 'cadre' | 'rep' | 'volunteer' | 'admin';

/** 一般, 紧急 (2 hours), 水电气暖 (24 hours): chooses the deadline policy with the category. */
export type Urgency = 'normal' | 'urgent' | 'utility';

/**
 * Where a request came in: 12345-style 诉求 from the app, a 信访 item registered by the 信访局 (S4.1),
 * or a representatives' 议案/建议/意见 the 党代表联络办 forwarded to a unit (S9.4).
 */
export type Channel = '诉求' | '信访' | '代表建议';

/** How it reached the county: through the mini-program, or a letter or visit registered by the 信访局. */
export type Source = '小程序' | (typeof PETITION_SOURCES)[number];
