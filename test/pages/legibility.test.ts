/**
 * What an older resident must be able to read and tap, computed from the COMPILED package's WXSS
 * (app.wxss, the resident pages' and components' styles, and the Vant components they use, with
 * Vant's CSS variables resolved the way the page sets them): WCAG AA contrast (4.5 : 1) for every
 * text colour, no fixed line height that text overlaps at WeChat's largest font (×1.5), touch
 * targets of at least 44 px (88 rpx at 375 px), and the checked radio in the app's red.
 */
import fs from 'fs';
import path from 'path';
import { compiledRoot } from './compiled';
import { cssBlocks } from './wxss';

const ROOT = compiledRoot();
const RED = '#c8161d';
/** What resident text sits on: the page's grey and the white of sections, cells and rows. */
const BACKGROUNDS = ['#ffffff', '#f5f6f7'];
/** Where the resident's pages live: the main package, 诉求, 调查/三问, and a representative's card and 我的意见. */
const RESIDENT_DIRS = [
  'pages',
  'components',
  'packages/request',
  'packages/survey',
  'packages/rep/card',
  'packages/rep/mine',
  'packages/volunteer/card',
];
/** The body text size a rule inherits when it sets none (app.wxss `page`). */
const BASE_FONT_RPX = 34;

// ---------------------------------------------------------------- WXSS

interface Rule {
  file: string;
  selector: string;
  decls: Map<string, string>;
}

function parse(css: string, file: string): Rule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@import[^;]*;/g, '');
  const rules: Rule[] = [];
  for (const { selector, body } of cssBlocks(text)) {
    if (selector.startsWith('@media') || selector.startsWith('@supports')) rules.push(...parse(body, file));
    else if (!selector.startsWith('@')) {
      const decls = new Map<string, string>();
      for (const d of body.split(';')) {
        const k = d.indexOf(':');
        if (k > 0) decls.set(d.slice(0, k).trim(), d.slice(k + 1).trim());
      }
      rules.push({ file, selector, decls });
    }
  }
  return rules;
}

const read = (rel: string): Rule[] => parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'), rel);

const APP = read('app.wxss');
/** The CSS variables app.wxss sets on `page` (Vant's theme). */
const PAGE_VARS = new Map([...(APP.find((r) => r.selector === 'page')?.decls ?? [])].filter(([k]) => k.startsWith('--')));

/** Resolves var(--x, fallback) as the page sets --x. */
function resolve(value: string): string {
  let v = value.replace(/\s*!important$/, '');
  for (let n = 0; n < 10 && v.includes('var('); n += 1) {
    v = v.replace(
      /var\((--[\w-]+)\s*(?:,\s*((?:[^()]|\([^()]*\))*))?\)/g,
      (_, name: string, fallback?: string) => PAGE_VARS.get(name) ?? fallback ?? '',
    );
  }
  return v.trim();
}

/** Every style file of the resident's side: app.wxss, their pages and components, and the Vant components those use. */
function residentStyles(): string[] {
  const out = ['app.wxss', 'styles/card.wxss', 'packages/rep/rep.wxss'];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.wxss')) out.push(rel);
    }
  };
  for (const d of RESIDENT_DIRS) walk(d);
  const vant = ['cell', 'cell-group', 'button', 'tag', 'empty', 'loading', 'toast', 'dialog', 'picker', 'picker-column', 'popup'];
  for (const c of vant) out.push(`miniprogram_npm/@vant/weapp/${c}/index.wxss`);
  return out.filter((f) => !f.includes('/@vant/weapp/common/') && fs.existsSync(path.join(ROOT, f)));
}

const RULES = residentStyles().flatMap(read);

/**
 * app.wxss reaches inside Vant's components (they take global classes): a declaration it makes
 * with !important for the same selector wins over the component's own.
 */
function effective(rule: Rule, prop: string): string | undefined {
  if (rule.file !== 'app.wxss') {
    for (const sel of rule.selector.split(',')) {
      const over = APP.find((r) => r.selector.split(',').includes(sel.trim()) && r.decls.get(prop)?.endsWith('!important'));
      if (over) return over.decls.get(prop);
    }
  }
  return rule.decls.get(prop);
}

// ---------------------------------------------------------------- colour

type RGBA = [number, number, number, number];

function rgba(value: string): RGBA | null {
  const v = value.trim().toLowerCase();
  if (v === 'white') return [255, 255, 255, 1];
  if (v === 'black') return [0, 0, 0, 1];
  let m = /^#([0-9a-f]{3})$/.exec(v);
  if (m) return [...m[1]!].map((c) => parseInt(c + c, 16)).concat(1) as RGBA;
  m = /^#([0-9a-f]{6})$/.exec(v);
  if (m) return [0, 2, 4].map((k) => parseInt(m![1]!.slice(k, k + 2), 16)).concat(1) as RGBA;
  m = /^rgba?\(([^)]*)\)$/.exec(v);
  if (m) {
    const [r, g, b, a = '1'] = m[1]!.split(',').map((s) => s.trim());
    return [Number(r), Number(g), Number(b), Number(a)];
  }
  return null;
}

const over = (fg: RGBA, bg: RGBA): RGBA => [0, 1, 2].map((k) => fg[k]! * fg[3] + bg[k]! * (1 - fg[3])).concat(1) as RGBA;

function luminance([r, g, b]: RGBA): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: RGBA, b: RGBA): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Not text a resident must read: disabled controls, icons, placeholders of empty states drawn as images. */
const NOT_TEXT = /^\.van-tag$|disabled|icon|__loading|--plain|::after|:after|::before|:before|hover|--active|--mark|--show|--border/;

// ---------------------------------------------------------------- the checks

test('the checks can fail: the contrast of Vant’s grey hint on the page background is below AA', () => {
  expect(contrast(rgba('#969799')!, rgba('#f5f6f7')!)).toBeLessThan(3);
  expect(contrast(rgba('#1a1a1a')!, rgba('#ffffff')!)).toBeGreaterThan(15);
  expect(resolve('var(--no-such-var,#123456)')).toBe('#123456');
});

test('every text colour on the resident side reaches WCAG AA (4.5 : 1) on what it sits on', () => {
  const failures: string[] = [];
  for (const rule of RULES) {
    if (NOT_TEXT.test(rule.selector)) continue;
    const raw = effective(rule, 'color');
    if (!raw) continue;
    const fg = rgba(resolve(raw));
    if (!fg) continue; // inherit, currentColor: checked where it is set
    const ownBg = effective(rule, 'background-color') ?? effective(rule, 'background');
    const bgs = ownBg && rgba(resolve(ownBg)) ? [resolve(ownBg)] : BACKGROUNDS;
    for (const bgText of bgs) {
      const bg = over(rgba(bgText)!, rgba('#ffffff')!);
      const ratio = contrast(over(fg, bg), bg);
      if (ratio < 4.5) failures.push(`${rule.file} ${rule.selector}: ${resolve(raw)} on ${bgText} = ${ratio.toFixed(2)}`);
    }
  }
  // Tags: white text on each kind's colour.
  const tagText = rgba(resolve('var(--tag-text-color,#fff)'))!;
  for (const rule of RULES.filter((r) => /^\.van-tag--(primary|success|danger|warning)$/.test(r.selector) || r.selector === '.van-tag')) {
    const bg = rule.decls.get('background-color');
    if (!bg) continue;
    const ratio = contrast(tagText, rgba(resolve(bg))!);
    if (ratio < 4.5) failures.push(`${rule.selector}: white on ${resolve(bg)} = ${ratio.toFixed(2)}`);
  }
  expect(failures).toEqual([]);
});

/** A length in rpx (px × 2 at 375 px), or null when it scales with the text (unitless, em, %). */
function rpx(value: string | undefined): number | null {
  if (!value) return null;
  const m = /^(-?[\d.]+)(rpx|px)$/.exec(resolve(value));
  if (!m) return null;
  return m[2] === 'px' ? Number(m[1]) * 2 : Number(m[1]);
}

test('no fixed line height that the text overflows at WeChat’s largest font (×1.5)', () => {
  const failures: string[] = [];
  for (const rule of RULES) {
    const lh = rpx(effective(rule, 'line-height'));
    if (lh === null) continue;
    const font = rpx(effective(rule, 'font-size')) ?? BASE_FONT_RPX;
    if (lh < font * 1.5) failures.push(`${rule.file} ${rule.selector}: line-height ${lh}rpx under ${font}rpx × 1.5`);
  }
  expect(failures).toEqual([]);
});

/** Resident pages' templates, as shipped. */
function residentTemplates(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'miniprogram_npm') walk(rel);
      else if (e.name.endsWith('.wxml')) out.push({ file: rel, text: fs.readFileSync(path.join(ROOT, rel), 'utf8') });
    }
  };
  for (const d of RESIDENT_DIRS) walk(d);
  return out;
}

test('a fixed-width label holds its words at WeChat’s largest font (×1.5): no 服务范/围', () => {
  const failures: string[] = [];
  for (const { file, text } of residentTemplates()) {
    for (const [, cls, label] of text.matchAll(/<text class="([\w-]+)">([^<{]+)<\/text>/g)) {
      for (const rule of RULES.filter((r) => r.selector.split(',').some((s) => s.trim() === `.${cls!}`))) {
        const chars = [...label!.trim()].length;
        const raw = effective(rule, 'width');
        // A width in em grows with the text: it holds the label when it is at least one em a character.
        const em = /^([\d.]+)em$/.exec(raw ?? '');
        if (em) {
          if (Number(em[1]) < chars) failures.push(`${file} .${cls!} “${label!.trim()}”: ${raw!} wide, needs ${chars}em`);
          continue;
        }
        const width = rpx(raw);
        if (width === null) continue;
        const font = rpx(effective(rule, 'font-size')) ?? BASE_FONT_RPX;
        const needed = chars * font * 1.5;
        if (width < needed) failures.push(`${file} .${cls!} “${label!.trim()}”: ${width}rpx wide, needs ${needed}rpx`);
      }
    }
  }
  expect(failures).toEqual([]);
});

test('every touch target on the resident side is at least 44 px high', () => {
  const failures: string[] = [];
  const heightOf = (cls: string): number => {
    let best = 0;
    for (const rule of RULES.filter((r) => r.selector.split(',').some((s) => s.trim() === `.${cls}`))) {
      const h = Math.max(rpx(rule.decls.get('min-height')) ?? 0, rpx(rule.decls.get('height')) ?? 0);
      // padding: all | vertical horizontal | top horizontal bottom | top right bottom left
      const pads = (rule.decls.get('padding') ?? '').split(/\s+/).map((p) => rpx(p) ?? 0);
      const [pt, pb] = [pads[0] ?? 0, pads.length >= 3 ? pads[2]! : (pads[0] ?? 0)];
      const font = rpx(rule.decls.get('font-size')) ?? BASE_FONT_RPX;
      const lhRaw = rule.decls.get('line-height');
      const lh = rpx(lhRaw) ?? (lhRaw && /^[\d.]+$/.test(lhRaw) ? Number(lhRaw) * font : font * 1.6);
      best = Math.max(best, h, pt + pb + lh);
    }
    return best;
  };
  for (const { file, text } of residentTemplates()) {
    for (const m of text.matchAll(/<([\w-]+)\b([^>]*?)(?:\/>|>)/g)) {
      const [, tag, attrs] = m as unknown as [string, string, string];
      if (!/\bbind:?(tap|click|getphonenumber)=/.test(attrs)) continue;
      const id = /\bid="([^"]+)"/.exec(attrs)?.[1] ?? tag;
      if (tag === 'van-cell') continue; // padding 28rpx × 2 + a 1.5 line of 34rpx: 107 rpx
      if (tag === 'text') continue; // a link inside a sentence (WCAG 2.5.8's inline exception)
      if (tag === 'van-button') {
        if (!/\bsize="large"/.test(attrs))
          failures.push(`${file} #${id}: a van-button that is not size="large" (${resolve('var(--button-normal-height,44px)')})`);
        continue;
      }
      const classes = (/\bclass="([^"]*)"/.exec(attrs)?.[1] ?? '').split(/\s+/).filter((c) => c && !c.includes('{{'));
      const h = Math.max(0, ...classes.map(heightOf));
      if (h < 88) failures.push(`${file} #${id} <${tag}>: ${h} rpx high`);
    }
  }
  expect(resolve('var(--button-large-height,50px)')).toBe('104rpx');
  expect(failures).toEqual([]);
});

test('a checked radio is the app’s red, not Vant’s blue', () => {
  expect(resolve('var(--radio-checked-icon-color,#1989fa)')).toBe(RED);
  for (const { file, text } of residentTemplates()) {
    for (const m of text.matchAll(/<van-radio\b[^>]*>/g))
      expect([file, /checked-color="([^"]+)"/.exec(m[0])?.[1] ?? RED]).toEqual([file, RED]);
  }
});

test('大字模式 draws every resident text at 18 px or more', () => {
  const large = APP.find((r) => r.selector === '.large');
  const zoom = Number(large?.decls.get('zoom'));
  expect(zoom).toBeGreaterThanOrEqual(1.3);
  // The page stays as wide as the screen: a zoomed block with its width left auto fills it (seen in npm run screens).
  expect(large!.decls.get('width')).toBeUndefined();
  const failures: string[] = [];
  for (const rule of RULES) {
    if (NOT_TEXT.test(rule.selector) || /__word-limit|__word-num|__mask|van-info|__badge/.test(rule.selector)) continue;
    const size = rpx(effective(rule, 'font-size'));
    if (size === null || size === 0) continue;
    // rpx at 375 px: half a pixel each.
    if ((size / 2) * zoom < 18) failures.push(`${rule.file} ${rule.selector}: ${size}rpx × ${zoom} = ${((size / 2) * zoom).toFixed(1)} px`);
  }
  expect(failures).toEqual([]);
});

test('a phone number in a cell stays on one line beside its title at WeChat’s largest font (×1.5)', () => {
  // The longest number a county prints: an area code and an eight-digit line.
  const LONGEST = '0000-12345678';
  /** A digit or dash is about half a character wide; a Chinese character one. */
  const ems = (s: string) => [...s].reduce((n, c) => n + (/[\x20-\x7e]/.test(c) ? 0.55 : 1), 0);
  const ruleOf = (selector: string) => RULES.find((r) => r.selector === selector);
  const size = (selector: string, prop: string, fallback: string) =>
    rpx(effective(ruleOf(selector) ?? { file: '', selector, decls: new Map() }, prop) ?? fallback)!;
  const titleFont = size('.van-cell--large .van-cell__title', 'font-size', '16px');
  const valueFont = size('.van-cell--large .van-cell__value', 'font-size', '16px');
  const icon = rpx(resolve('var(--cell-icon-size, 16px)'))! * 1.5 + rpx(resolve('var(--padding-base, 4px)'))!;
  const padding = rpx(resolve('var(--cell-horizontal-padding, 16px)'))!;
  const inset = rpx(resolve('var(--padding-md, 16px)'))!;
  const nowrap = (cls: string) => {
    const r = RULES.find((x) => x.selector.split(',').some((s) => s.trim() === `.${cls}`));
    return r?.decls.get('white-space') === 'nowrap' && /^none/.test(r.decls.get('flex') ?? '');
  };
  const failures: string[] = [];
  let cells = 0;
  for (const { file, text } of residentTemplates()) {
    for (const [tag] of text.matchAll(/<van-cell\b[^>]*\bvalue="\{\{[^"]*[pP]hone\}\}"[^>]*>/g)) {
      cells += 1;
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
      const id = attr('id') ?? attr('title') ?? '';
      const cls = (attr('value-class') ?? '').split(/\s+/).find(nowrap);
      // Vant shares the row half and half between title and value: the number wraps (0000-661/2345).
      if (!cls) {
        failures.push(`${file} #${id}: its number shares the row with the title and wraps; give it a value-class that keeps it whole`);
        continue;
      }
      const row = 750 - 2 * inset - 2 * padding - (attr('icon') ? icon : 0) - (tag.includes('is-link') ? icon : 0);
      const title = (attr('title') ?? '').replace(/\{\{[^}]*\}\}/g, '');
      const needed = ems(title) * titleFont * 1.5 + ems(LONGEST) * valueFont * 1.5;
      if (needed > row) failures.push(`${file} #${id}: “${title}” and ${LONGEST} need ${Math.round(needed)}rpx, the row has ${row}rpx`);
    }
  }
  expect(cells).toBeGreaterThanOrEqual(3); // the card's 打电话 and 监督电话, a representative's 联系电话
  expect(failures).toEqual([]);
});
