/**
 * @jest-environment ./test/pages/environment.js
 *
 * `npm run screens`: every resident page and the cadre's main ones, in their main states, at
 * WeChat's standard font and at its largest (×1.5), drawn by headless Chromium (Debian's
 * `chromium`, `fonts-noto-cjk`) from the compiled package against the local cloud, into
 * screens/<name>.png, with screens/index.html as the gallery. Not part of npm test: a picture is
 * for a person to look at; the tests check what a picture alone cannot.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { compiledRoot } from '../pages/compiled';
import { actAs, openPage, parseUrl, tap, harness, typeInto, useTestCloud, type PageHandle } from '../pages/harness';
import { pageDocument, type FontScale } from './render';

const cloud = useTestCloud({ requests: true });
const ROOT = compiledRoot();
const OUT = path.join(__dirname, '..', '..', 'screens');
const shots: { name: string; title: string; file: string }[] = [];

function chromium(): string {
  for (const bin of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      execFileSync('which', [bin], { stdio: 'pipe' });
      return bin;
    } catch {
      // next
    }
  }
  throw new Error('npm run screens needs Chromium and CJK fonts: apt-get install chromium fonts-noto-cjk');
}
const BROWSER = chromium();

/** Draws the page as it is now, at both font sizes. */
function shoot(h: PageHandle<unknown>, pagePath: string, name: string, title: string): void {
  for (const scale of [1, 1.5] as FontScale[]) {
    const file = `${name}${scale === 1 ? '' : '@1.5'}`;
    const html = path.join(OUT, 'html', `${file}.html`);
    fs.writeFileSync(html, pageDocument(ROOT, pagePath, h.comp.dom as Element, scale, title));
    const png = path.join(OUT, `${file}.png`);
    execFileSync(
      BROWSER,
      [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--force-device-scale-factor=2',
        '--window-size=375,1334',
        `--screenshot=${png}`,
        `file://${html}`,
      ],
      { stdio: 'pipe' },
    );
    shots.push({ name: file, title: `${title}${scale === 1 ? '' : '（最大字体×1.5）'}`, file: `${file}.png` });
  }
}

beforeAll(() => {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, 'html'), { recursive: true });
});

afterAll(() => {
  const items = shots.map((s) => `<figure><img src="${s.file}" width="375"><figcaption>${s.title}</figcaption></figure>`).join('\n');
  fs.writeFileSync(
    path.join(OUT, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>连心 · 页面</title><style>body{font-family:sans-serif;display:flex;flex-wrap:wrap;gap:24px}figure{margin:0}</style>${items}`,
  );
});

test('resident pages', async () => {
  actAs('demo-resident-1');
  shoot(await openPage('pages/home/index'), 'pages/home/index', 'resident-01-home', '首页');
  const card = await openPage('packages/request/card/index', { scene: 'c-renshe-01' });
  shoot(card, 'packages/request/card/index', 'resident-02-card', '连心卡');
  shoot(
    await openPage('packages/request/card/index', { scene: 'c-nosuch-99' }),
    'packages/request/card/index',
    'resident-03-card-unknown',
    '读不到的连心卡',
  );

  const form = await openPage('packages/request/submit/index', { scene: 'c-renshe-01', intent: 'help' });
  shoot(form, 'packages/request/submit/index', 'resident-04-submit', '反映：请帮忙');
  await typeInto(form, '#content', '太短');
  await tap(form, '#send');
  shoot(form, 'packages/request/submit/index', 'resident-05-submit-errors', '没填好的地方');
  await typeInto(form, '#content', '老伴的养老金认证在手机上一直做不了，想请人帮忙看看');
  await tap(form, '#send');
  const after = parseUrl(harness.lastNavigation!.url);
  shoot(await openPage(after.path, after.query), after.path, 'resident-06-submitted', '提交以后');

  shoot(await openPage('pages/requests/index'), 'pages/requests/index', 'resident-07-mine', '我的诉求');
  const replied = (await cloud().ok('demo-resident-2', 'request', 'mine', {})).items.find((r) => r.status === 'replied');
  if (replied) {
    actAs('demo-resident-2');
    const d = await openPage('packages/request/detail/index', { id: replied.id });
    shoot(d, 'packages/request/detail/index', 'resident-08-replied', '已答复');
    await tap(d, '#rate');
    shoot(d, 'packages/request/detail/index', 'resident-09-rate', '评价：解决了吗、满意吗');
  }
});

test('resident pages in 大字模式', async () => {
  actAs('demo-resident-1');
  harness.storage.set('largeType', true);
  try {
    shoot(
      await openPage('packages/request/card/index', { scene: 'c-renshe-01' }),
      'packages/request/card/index',
      'resident-10-card-large',
      '连心卡（大字模式）',
    );
    shoot(
      await openPage('packages/request/submit/index', { scene: 'c-renshe-01', intent: 'ask' }),
      'packages/request/submit/index',
      'resident-11-submit-large',
      '反映（大字模式）',
    );
    shoot(await openPage('pages/requests/index'), 'pages/requests/index', 'resident-12-mine-large', '我的诉求（大字模式）');
  } finally {
    harness.storage.delete('largeType');
  }
});

test('cadre pages', async () => {
  actAs('demo-cadre-renshe');
  shoot(await openPage('packages/cadre/inbox/index'), 'packages/cadre/inbox/index', 'cadre-01-inbox', '工作台');
  const open = (await cloud().ok('demo-cadre-renshe', 'request', 'inbox', { box: 'todo' })).items;
  const assigned = open.find((r) => r.status === 'assigned');
  if (assigned)
    shoot(
      await openPage('packages/cadre/handle/index', { id: assigned.id }),
      'packages/cadre/handle/index',
      'cadre-02-handle-sign',
      '办理：待签收',
    );
  const accepted = open.find((r) => r.status === 'accepted');
  if (accepted) {
    const h = await openPage('packages/cadre/handle/index', { id: accepted.id });
    shoot(h, 'packages/cadre/handle/index', 'cadre-03-handle-answer', '办理：待答复');
    await tap(h, '#reply');
    shoot(h, 'packages/cadre/handle/index', 'cadre-04-reply', '答复框');
  }
  shoot(await openPage('packages/admin/figures/index'), 'packages/admin/figures/index', 'cadre-05-figures', '统计');
});
