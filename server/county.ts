/** The county's directory: places, units and their 连心卡 (S7). */
import type { CardView } from '../typings';
import { loadDirectory } from './directory';
import { AppError } from './errors';

export interface RegionDoc {
  _id: string;
  name: string;
  kind: 'town' | 'street' | 'village' | 'community';
  parentId: string | null;
}

export interface UnitDoc {
  _id: string;
  name: string;
  kind: string;
}

/** A 连心卡 (S7.2): what the card shows, and the short scene key its 小程序码 carries. */
export interface CardDoc {
  _id: string;
  scene: string;
  unitId: string;
  unitName: string;
  scope: string;
  duties: string;
  responsible: string;
  phone: string;
  supervisionPhone: string;
  active: boolean;
  updatedAt: number;
}

export const cardView = (c: CardDoc): CardView => ({
  id: c._id,
  scene: c.scene,
  unitId: c.unitId,
  unitName: c.unitName,
  scope: c.scope,
  duties: c.duties,
  responsible: c.responsible,
  phone: c.phone,
  supervisionPhone: c.supervisionPhone,
  updatedAt: c.updatedAt,
});

export async function unitNameOf(unitId: string): Promise<string> {
  const unit = (await loadDirectory()).units.get(unitId);
  if (!unit) throw new AppError('INVALID_INPUT', '所选单位不存在');
  return unit.name;
}

/** The active card behind a scanned code's scene key. */
export async function cardByScene(scene: string): Promise<CardDoc> {
  const card = (await loadDirectory()).cards.get(scene);
  if (!card) throw new AppError('NOT_FOUND', '这张连心卡已失效或不存在，请联系发卡单位');
  return card;
}
