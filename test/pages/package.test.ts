/**
 * The compiled mini-program (what users get) can load: WeChat's compiler output has every module,
 * page and component it refers to, and passes DevTools' 代码质量 checks. Each check is also shown
 * to fail on a package that breaks it.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { compiledRoot, missingPagesAndComponents, pagesOf, qualityFailures, qualityItems, unresolvedRequires } from './compiled';

test('every require in the compiled package resolves to a file inside it', () => {
  const root = compiledRoot();
  expect(unresolvedRequires(root)).toEqual([]);
});

test('every page of app.json and every usingComponents entry is in the compiled package', () => {
  const root = compiledRoot();
  expect(pagesOf(root).length).toBeGreaterThanOrEqual(17);
  expect(missingPagesAndComponents(root)).toEqual([]);
});

test('DevTools 代码质量 checks pass: compression, size, nothing in the main package only subpackages use', () => {
  const items = qualityItems();
  expect(items.map((i) => i.name)).toEqual(
    expect.arrayContaining(['WXML_COMPRESS_OPEN', 'WXSS_COMPRESS_OPEN', 'CONTAINS_OTHER_PKG_COMPONENTS', 'PACKAGE_SIZE_LIMIT']),
  );
  expect(qualityFailures(items)).toEqual([]);
});

describe('the checks catch a broken package', () => {
  let dir = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-pkg-'));
    const write = (f: string, s: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), s);
    };
    write(
      'app.json',
      JSON.stringify({
        pages: ['pages/a/index'],
        subpackages: [{ root: 'packages/x', pages: ['b/index'] }],
        usingComponents: { 'van-gone': '/miniprogram_npm/@vant/weapp/gone/index' },
      }),
    );
    write('app.js', 'require("./utils/ok");');
    write('utils/ok.js', 'module.exports = 1;');
    // What the eight modules of issue 8 did: a require of typings/, outside miniprogramRoot.
    for (const ext of ['js', 'json', 'wxml'])
      write(`pages/a/index.${ext}`, ext === 'js' ? 'require("../../../typings/index");' : ext === 'json' ? '{}' : '<view/>');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a require outside the package, a missing page, a missing component', () => {
    expect(unresolvedRequires(dir)).toEqual(['pages/a/index.js: require("../../../typings/index")']);
    expect(missingPagesAndComponents(dir)).toEqual([
      'page packages/x/b/index',
      'app.json: <van-gone> /miniprogram_npm/@vant/weapp/gone/index',
    ]);
  });

  test('a failed or file-listing quality item', () => {
    expect(
      qualityFailures([
        { name: 'WXML_COMPRESS_OPEN', success: false, text: 'WXML compression is not turned on' },
        {
          name: 'CONTAINS_OTHER_PKG_COMPONENTS',
          success: true,
          text: '',
          detail: { size: 1, files: ['miniprogram_npm/@vant/weapp/field/index.js'] },
        },
        { name: 'JS_COMPRESS_OPEN', success: true, text: '' },
      ]),
    ).toEqual([
      'WXML_COMPRESS_OPEN: WXML compression is not turned on',
      'CONTAINS_OTHER_PKG_COMPONENTS: miniprogram_npm/@vant/weapp/field/index.js',
    ]);
  });
});
