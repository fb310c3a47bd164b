/**
 * @jest-environment ./test/pages/environment.js
 *
 * 下基层锻炼 (S3) as shipped (compiled package) against the real functions: the organisation
 * department chooses a cadre from their files (one without a file gets it typed in), posts them for
 * the rule's 3 months; the cadre files the final report once served; the department assesses it,
 * and the cadre reads the result. A resident has no such entry.
 */
import { actAs, emit, harness, openPage, tap, toastText, typeInto, useTestCloud } from './harness';

useTestCloud();

const ADMIN = 'demo-admin';
const RESERVE = 'demo-cadre-renshe';
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

/** The index of the candidate row that names `name`. */
function candidate(page: Awaited<ReturnType<typeof openPage>>, name: string): number {
  const i = (page.data.rows as { name: string }[]).findIndex((r) => r.name === name);
  if (i < 0) throw new Error(`no candidate ${name}`);
  return i;
}

test('我的 leads a cadre and the organisation department to 下基层锻炼, a resident not', async () => {
  actAs('demo-resident-1');
  let me = await openPage('pages/me/index');
  expect(me.$('#postings')).toBeUndefined();
  expect(me.$('#postings-admin')).toBeUndefined();
  actAs(RESERVE);
  me = await openPage('pages/me/index');
  expect(me.$('#postings')).toBeDefined();
  actAs(ADMIN);
  me = await openPage('pages/me/index');
  expect(me.$('#postings-admin')).toBeDefined();
});

test('posted for 3 months, the final report once served, the assessment: from both phones', async () => {
  actAs(ADMIN);
  const list = await openPage('packages/duty/postings/index');
  expect(list.text()).toContain('还没有下基层锻炼安排');
  await tap(list, '#new-posting');
  expect(harness.lastNavigation?.url).toBe('/packages/duty/post/index');

  const post = await openPage('packages/duty/post/index');
  expect(post.text()).toContain('1993年出生 · 无基层工作经历');
  // 孙丽's file is empty: choosing her asks for it
  await tap(post, `#candidate-${candidate(post, '孙丽')}`);
  expect(post.$('#facts')).toBeDefined();
  await typeInto(post, '#place', '河西村');
  await tap(post, '#post');
  expect(toastText(post)).toBe('请填写四位数的出生年份');

  const again = await openPage('packages/duty/post/index');
  await tap(again, `#candidate-${candidate(again, '李建国')}`);
  expect(again.$('#facts')).toBeUndefined();
  await typeInto(again, '#place', '河西村党支部书记助理');
  // too short first: the rule's 90 days are the server's to say
  await emit(again, '#start', 'change', { value: daysAgo(30) });
  await emit(again, '#end', 'change', { value: daysAgo(0) });
  await tap(again, '#post');
  expect(toastText(again)).toBe('下基层锻炼不少于90天，这次安排31天');
  await emit(again, '#start', 'change', { value: daysAgo(100) });
  await emit(again, '#end', 'change', { value: daysAgo(5) });
  await tap(again, '#post');
  expect(toastText(again)).toBe('已选派');

  // the cadre reads it, with the days served, and files the final report
  actAs(RESERVE);
  const mine = await openPage('packages/duty/postings/index');
  expect(mine.text()).toContain('河西村党支部书记助理');
  expect(mine.text()).toContain(`${daysAgo(100)} 至 ${daysAgo(5)}`);
  expect(mine.text()).toContain('下基层锻炼一般不少于3个月：已满96/90天');
  expect(mine.$('#assess-0')).toBeUndefined();
  await tap(mine, '#report-0');
  await typeInto(mine, '#summary', '协助村两委开展饮水工程和矛盾调解，走访农户120户');
  await emit(mine, '#end', 'change', { value: daysAgo(5) });
  await tap(mine, '#save');
  expect(toastText(mine)).toBe('锻炼总结已提交');
  expect(mine.text()).toContain('待考核');
  expect(mine.$('#report-0')).toBeUndefined();

  // the organisation department assesses it; the cadre reads the result
  actAs(ADMIN);
  const desk = await openPage('packages/duty/postings/index');
  expect(desk.text()).toContain('李建国 · 县人社局');
  expect(desk.text()).toContain('锻炼总结：协助村两委开展饮水工程');
  await tap(desk, '#assess-0');
  await emit(desk, '#result', 'change', '优秀');
  await typeInto(desk, '#notes', '群众评价好');
  await tap(desk, '#save');
  expect(toastText(desk)).toBe('考核结果已记录');
  actAs(RESERVE);
  const result = await openPage('packages/duty/postings/index');
  expect(result.text()).toContain('考核优秀：群众评价好');
  expect(result.text()).toContain('已考核');
});
