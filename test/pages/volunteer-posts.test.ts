/**
 * @jest-environment ./test/pages/environment.js
 *
 * 报到 and posts (S6.3) on the compiled package against the real functions: 城关镇's cadre sets a post
 * for 河西村 from 我的; a member registers there from the 服务台 and claims it; the cadre sees who
 * registered and which posts are empty.
 */
import { actAs, emit, harness, openPage, tap, toastText, typeInto, useTestCloud } from './harness';

useTestCloud();
const CADRE = 'demo-cadre-chengguan';
const MEMBER = 'demo-volunteer-1';

async function pickHexi(page: Awaited<ReturnType<typeof openPage>>): Promise<void> {
  await tap(page, '#town');
  await emit(page, '#picker', 'confirm', { index: (page.data.pickerColumns as string[]).indexOf('城关镇'), value: '城关镇' });
  await tap(page, '#village');
  await emit(page, '#picker', 'confirm', { index: (page.data.pickerColumns as string[]).indexOf('河西村'), value: '河西村' });
}

test('a cadre sets posts; a member registers and claims one; the community sees who and which are empty', async () => {
  actAs(CADRE);
  const me = await openPage('pages/me/index');
  expect(me.$('#vol-community')).toBeDefined();
  let community = await openPage('packages/volunteer/community/index');
  await pickHexi(community);
  expect(community.$('#summary')!.dom!.textContent).toBe('已报到党员0名，岗位0个，空岗0个');
  await tap(community, '#create-post');
  expect(toastText(community)).toBe('岗位名称请至少写2个字');
  await typeInto(community, '#post-title', '楼栋长');
  await typeInto(community, '#post-duty', '收集楼栋群众诉求，每月走访一次');
  await typeInto(community, '#post-slots', '1');
  await tap(community, '#create-post');
  await typeInto(community, '#post-title', '政策宣传员');
  await typeInto(community, '#post-duty', '每月在村务公开栏宣讲惠民政策');
  await typeInto(community, '#post-slots', '2');
  await tap(community, '#create-post');
  expect(community.$('#summary')!.dom!.textContent).toBe('已报到党员0名，岗位2个，空岗2个');

  actAs(MEMBER);
  const home = await openPage('packages/volunteer/home/index');
  await tap(home, '#posts');
  expect(harness.lastNavigation?.url).toBe('/packages/volunteer/posts/index');
  let posts = await openPage('packages/volunteer/posts/index');
  await tap(posts, '#report');
  expect(toastText(posts)).toBe('请选择报到的村（社区）');
  await pickHexi(posts);
  await tap(posts, '#report');
  expect(toastText(posts)).toBe('请选择在职党员报到或无职党员设岗');
  await emit(posts, '#kind', 'change', '在职党员报到');
  await tap(posts, '#report');
  expect(posts.$('#reported')!.dom!.textContent).toBe('已向河西村报到（在职党员报到）');
  expect(posts.$('#no-post')!.dom!.textContent).toBe('还没有认领岗位，请至少认领1个');
  await tap(posts, '#claim-0');
  posts = await openPage('packages/volunteer/posts/index');
  expect(posts.$('#no-post')).toBeUndefined();
  expect(posts.text()).toContain('我的岗位');

  actAs(CADRE);
  community = await openPage('packages/volunteer/community/index');
  await pickHexi(community);
  expect(community.$('#summary')!.dom!.textContent).toBe('已报到党员1名，岗位2个，空岗1个');
  expect(community.$('#member-0')!.dom!.textContent).toContain('马春华');
  expect(community.$('#post-0')!.dom!.textContent).toContain('空岗');
});
