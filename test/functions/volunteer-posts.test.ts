/**
 * Issue 16 (S6.3 报到 and 设岗定责) through the real functions: members register with a village or
 * community and claim posts (never past a post's places); the unit that looks after the place (by
 * the routing catalogue: 城关镇 for 河西村) and the admin set posts and see who registered, what each
 * holds and which posts are empty; another unit sees nothing.
 */
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, RENSHE } from '../helpers/demo';
import { DEMO } from '../../scripts/demo-county';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

const A = DEMO.volunteer;
const B = DEMO.volunteer2;
let seq = 0;
const cid = (p: string) => `${p}-${(seq += 1).toString().padStart(5, '0')}`;
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const post = (title: string, slots: number) => ({
  clientId: cid('post'),
  regionId: 'vil-hexi',
  title,
  duty: `${title}：收集群众诉求，每月走访一次`,
  slots,
});

test('报到, posts and the community’s view: who registered, what each holds, which posts are empty', async () => {
  expect((await cloud.ok(A, 'volunteer', 'myCommunity', {})).community).toBeNull();
  const reported = await cloud.ok(A, 'volunteer', 'report', { regionId: 'vil-hexi', kind: '在职党员报到' });
  expect(reported).toMatchObject({ regionId: 'vil-hexi', regionName: '河西村', kind: '在职党员报到', posts: [] });
  expect(code(await cloud.call(A, 'volunteer', 'report', { regionId: 'town-chengguan', kind: '在职党员报到' }))).toBe('INVALID_INPUT');

  // the unit that looks after 河西村 (城关镇, by the routing catalogue) and the admin set posts; another unit may not
  const warden = await cloud.ok(CHENGGUAN, 'volunteer', 'createPost', post('楼栋长', 1));
  expect(warden).toMatchObject({ regionName: '河西村', title: '楼栋长', slots: 1, claimed: 0, empty: true });
  await cloud.ok(ADMIN, 'volunteer', 'createPost', post('环境卫生监督岗', 2));
  await cloud.ok(CHENGGUAN, 'volunteer', 'createPost', post('政策宣传员', 2));
  expect(await cloud.call(RENSHE, 'volunteer', 'createPost', post('治安巡逻岗', 2))).toEqual({
    ok: false,
    error: { code: 'FORBIDDEN', message: '只有负责这个村（社区）的单位可以查看和设岗' },
  });
  expect(code(await cloud.call(RENSHE, 'volunteer', 'community', { regionId: 'vil-hexi' }))).toBe('FORBIDDEN');

  // claiming: one place on 楼栋长, taken once; a member of another place finds no such post
  const mine = await cloud.ok(A, 'volunteer', 'claimPost', { postId: warden.id });
  expect(mine.posts.find((p) => p.id === warden.id)).toMatchObject({ mine: true, claimed: 1 });
  expect((await cloud.ok(A, 'volunteer', 'claimPost', { postId: warden.id })).posts.find((p) => p.id === warden.id)!.claimed).toBe(1);
  expect(code(await cloud.call(B, 'volunteer', 'claimPost', { postId: warden.id }))).toBe('NOT_FOUND');
  await cloud.ok(B, 'volunteer', 'report', { regionId: 'vil-hexi', kind: '无职党员设岗' });
  expect(await cloud.call(B, 'volunteer', 'claimPost', { postId: warden.id })).toEqual({
    ok: false,
    error: { code: 'CONFLICT', message: '这个岗位已满（1人）' },
  });

  // the community's view before B claims anything: B is flagged, two posts are empty
  let view = await cloud.ok(CHENGGUAN, 'volunteer', 'community', { regionId: 'vil-hexi' });
  expect(view.members.map((m) => [m.name, m.kind, m.posts])).toEqual([
    ['何志远', '无职党员设岗', []],
    ['马春华', '在职党员报到', ['楼栋长']],
  ]);
  expect(view.posts.map((p) => [p.title, p.claimed, p.empty, p.claimers])).toEqual([
    ['政策宣传员', 0, true, []],
    ['环境卫生监督岗', 0, true, []],
    ['楼栋长', 1, false, ['马春华']],
  ]);
  const sanitation = view.posts.find((p) => p.title === '环境卫生监督岗')!;
  await cloud.ok(B, 'volunteer', 'claimPost', { postId: sanitation.id });
  view = await cloud.ok(ADMIN, 'volunteer', 'community', { regionId: 'vil-hexi' });
  expect(view.posts.filter((p) => p.empty).map((p) => p.title)).toEqual(['政策宣传员']);
  expect(view.members.every((m) => m.posts.length > 0)).toBe(true);
  // no openid leaves the server
  expect(JSON.stringify(view)).not.toContain(A);

  // a member holding a post does not move away without the community
  expect(code(await cloud.call(A, 'volunteer', 'report', { regionId: 'com-xingfu', kind: '在职党员报到' }))).toBe('CONFLICT');
  expect((await cloud.ok(A, 'volunteer', 'myCommunity', {})).community!.regionName).toBe('河西村');
});

test('a post’s places hold under a burst: 2 places, both members claiming it at once twice over', async () => {
  const p = await cloud.ok(CHENGGUAN, 'volunteer', 'createPost', post('治安巡逻岗', 1));
  const answers = await Promise.all([A, B, A, B].map((who) => cloud.call(who, 'volunteer', 'claimPost', { postId: p.id })));
  for (const r of answers) expect(code(r)).toMatch(/^(OK|CONFLICT)$/);
  const d = (await cloud.dump()) as { collections: Record<string, Record<string, unknown>[]> };
  expect(d.collections.vol_post_claims!.filter((c) => c.postId === p.id)).toHaveLength(1);
  expect(d.collections.vol_posts!.find((x) => x._id === p.id)!.claimed).toBe(1);
});
