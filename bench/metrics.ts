/**
 * Reads test/pages/.metrics.json, written by the page tests when they measure their harness:
 * `{"maxSetDataBytes": number, "maxWxmlNodes": number, "pages"?: {...}}` (other spellings tolerated:
 * largestSetDataBytes / setDataBytes, wxmlNodes). Absent or unreadable → null (reported, never guessed).
 */
import fs from 'fs';
import path from 'path';

export interface PageMetrics {
  maxSetDataBytes: number;
  maxWxmlNodes: number | null;
  file: string;
  raw: unknown;
}

export function readPageMetrics(repo: string): PageMetrics | null {
  const file = path.join(repo, 'test', 'pages', '.metrics.json');
  if (!fs.existsSync(file)) return null;
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const num = (...keys: string[]): number | null => {
      for (const k of keys) if (typeof raw[k] === 'number') return raw[k] as number;
      return null;
    };
    const setData = num('maxSetDataBytes', 'largestSetDataBytes', 'setDataBytes');
    if (setData === null) return null;
    return { maxSetDataBytes: setData, maxWxmlNodes: num('maxWxmlNodes', 'wxmlNodes'), file, raw };
  } catch {
    return null;
  }
}
