/** A cadre's 连心卡 id and scene key follow from who they are (pure: the seeds use it too), so issuing it twice makes one card. */
import { createHash } from 'crypto';

export function cadreCardKeys(openid: string): { _id: string; scene: string } {
  const h = createHash('sha256').update(`lianxin-card:${openid}`).digest('base64url').replace(/[-_]/g, 'x');
  return { _id: `card-p-${h.slice(0, 16)}`, scene: `p-${h.slice(16, 26)}` };
}
