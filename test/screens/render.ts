/**
 * A rendered page (miniprogram-simulate's DOM of the COMPILED package) as a plain HTML document a
 * browser can draw: WeChat's tags mapped to HTML, each component's WXSS inlined under the class
 * prefix j-component gives its scope (`<alias>--<class>`), app.wxss into the page's scope and into
 * every component that takes global classes (Vant's), rpx converted at 375 px as WeChat does it
 * (floored, at least 1 px), and Vant's icon font from the @vant/icons package.
 */
import fs from 'fs';
import { createRequire } from 'module';
import path from 'path';
import { cssBlocks } from '../pages/wxss';

/** How big WeChat's text is: 1 (standard) or its largest setting (×1.5, what older residents use). */
export type FontScale = 1 | 1.5;

const SCREEN_WIDTH = 375;

/** WeChat's own look of its tags, as far as the pages rely on it. */
const BASE_CSS = `
html, body { margin: 0; padding: 0; }
body { width: ${SCREEN_WIDTH}px; font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; -webkit-font-smoothing: antialiased; }
main, wx-view, wx-scroll-view, wx-form, wx-label, wx-picker, wx-block { display: block; }
wx-text { display: inline; white-space: pre-wrap; }
wx-block { display: contents; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; background: #e5e6e8; }
wx-image img { width: 100%; height: 100%; object-fit: cover; }
wx-button { display: block; position: relative; margin: 0 auto; padding: 0 14px; box-sizing: border-box; font-size: 18px;
  text-align: center; line-height: 2.55555556; border-radius: 5px; color: #000; background: #f8f8f8; overflow: hidden;
  border: 1px solid rgba(0,0,0,.2); }
wx-input, wx-textarea { display: block; min-height: 1.4em; }
wx-textarea { min-height: 150px; }
.wx-placeholder { color: #646566; }
`;

interface Scope {
  alias: string;
  file: string;
  global: boolean;
}

/** rpx → px at 375 px: WeChat floors, and a non-zero length is at least 1 px. */
const rpxToPx = (css: string): string =>
  css.replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => {
    const v = (Number(n) * SCREEN_WIDTH) / 750;
    if (v === 0) return '0';
    const f = Math.sign(v) * Math.max(1, Math.floor(Math.abs(v)));
    return `${f}px`;
  });

/** WXSS with its @imports inlined. */
function readWxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !fs.existsSync(file)) return '';
  seen.add(file);
  return fs
    .readFileSync(file, 'utf8')
    .replace(/@import\s+["']([^"']+)["'];?/g, (_, rel: string) => readWxss(path.resolve(path.dirname(file), rel), seen));
}

/** The selectors of a stylesheet under a scope: `.x` → `.alias--x`, `:host` → the host tag, tags → WeChat's. */
function scoped(css: string, alias: string): string {
  const out: string[] = [];
  const walk = (text: string) => {
    for (const { selector, body } of cssBlocks(text)) {
      if (selector.startsWith('@media') || selector.startsWith('@supports')) {
        out.push(`${selector}{`);
        walk(body);
        out.push('}');
      } else if (selector.startsWith('@')) {
        out.push(`${selector}{${body}}`);
      } else {
        const sel = selector
          .split(',')
          .map((s) =>
            s
              .trim()
              .replace(/:host/g, alias)
              .replace(/(^|[\s>+~])(view|text|button|image|input|textarea|scroll-view|label|picker)(?=[\s.:#[>+~]|$)/g, '$1wx-$2')
              .replace(/\.(-?[A-Za-z_][\w-]*)/g, `.${alias}--$1`)
              .replace(/(^|[\s>+~])page(?=[\s.:#[>+~]|$)/g, '$1body'),
          )
          .join(',');
        out.push(`${sel}{${body}}`);
      }
    }
  };
  walk(css.replace(/\/\*[\s\S]*?\*\//g, ''));
  return out.join('\n');
}

/** Every component a page uses (and they use), by the alias its tag has in the DOM. */
function scopesOf(root: string, pagePath: string): Scope[] {
  const scopes = new Map<string, Scope>();
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as { usingComponents?: Record<string, string> };
  const visit = (compPath: string, inherited: Record<string, string>) => {
    const json = path.join(root, `${compPath}.json`);
    const own = fs.existsSync(json)
      ? ((JSON.parse(fs.readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents ?? {})
      : {};
    for (const [alias, ref] of Object.entries({ ...inherited, ...own })) {
      const target = ref.startsWith('/') ? ref.slice(1) : path.join(path.dirname(compPath), ref);
      if (scopes.has(alias)) continue;
      const vant = target.includes('@vant/weapp');
      scopes.set(alias, { alias, file: path.join(root, `${target}.wxss`), global: vant });
      visit(target, {});
    }
  };
  visit(pagePath, app.usingComponents ?? {});
  return [...scopes.values()];
}

/** The icon font @vant/icons ships (the same font file Vant Weapp's icon.wxss names on a CDN). */
function iconFont(): string {
  const less = fs.readFileSync(createRequire(__filename).resolve('@vant/icons/src/encode-woff2.less'), 'utf8');
  const data = /url\('(data:font\/woff2[^']+)'\)/.exec(less)?.[1];
  return data ? `@font-face{font-family:vant-icon;font-style:normal;font-weight:400;src:url('${data}') format('woff2')}` : '';
}

/** Every font-size ×scale: WeChat's font setting enlarges text, not boxes. */
const scaleFonts = (css: string, scale: FontScale): string =>
  scale === 1
    ? css
    : css.replace(
        // font-size:14px, --x-font-size:14px, and a var(--x-font-size,14px) fallback
        /((?:--[\w-]*)?font-size)\s*([:,])\s*(-?\d*\.?\d+)px/g,
        (_, prop: string, sep: string, n: string) => `${prop}${sep}${Math.round(Number(n) * scale * 10) / 10}px`,
      );

/** WeChat tags with attributes HTML would show (images, inputs) as elements a browser draws. */
function htmlOf(dom: Element): string {
  const clone = dom.cloneNode(true) as Element;
  for (const img of Array.from(clone.querySelectorAll('wx-image'))) {
    const src = img.getAttribute('src');
    if (src && !img.querySelector('img')) {
      const el = img.ownerDocument.createElement('img');
      el.setAttribute('src', src);
      img.appendChild(el);
    }
  }
  for (const input of Array.from(clone.querySelectorAll('wx-input, wx-textarea'))) {
    const value = input.getAttribute('value') ?? '';
    const placeholder = input.getAttribute('placeholder') ?? '';
    if (!input.textContent) {
      const span = input.ownerDocument.createElement('span');
      span.textContent = value || placeholder;
      if (!value) span.setAttribute('class', 'wx-placeholder');
      input.appendChild(span);
    }
  }
  return clone.outerHTML;
}

/** The page as a standalone HTML document. */
export function pageDocument(root: string, pagePath: string, dom: Element, scale: FontScale, title: string): string {
  const app = readWxss(path.join(root, 'app.wxss'));
  const css = [
    iconFont(),
    // The page's variables (Vant's theme) on the whole document, then app.wxss and the page in the page's scope.
    scoped(app, 'main'),
    scoped(readWxss(path.join(root, `${pagePath}.wxss`)), 'main'),
    ...scopesOf(root, pagePath).flatMap((s) => [scoped(readWxss(s.file), s.alias), s.global ? scoped(app, s.alias) : '']),
  ].join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>${BASE_CSS}</style><style>${scaleFonts(rpxToPx(css), scale)}</style></head>
<body>${htmlOf(dom)}</body></html>`;
}
