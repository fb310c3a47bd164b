/**
 * 调查评价 (S10) through the real functions: an admin builds a survey of units from the directory,
 * publishes it; residents answer once each, anonymously (nothing stored or answered ties a
 * response to an openid, not for an admin either; the key is destroyed at close); the timer tallies
 * each response exactly once; results per subject with counts, mean, distribution and a note when
 * few answered, read as the published scope allows; the workbook export.
 */
import { createHmac } from 'crypto';
import fs from 'fs';
import path from 'path';
import { Workbook } from 'exceljs';
import type { SurveyDraftInput, SurveyView } from '../../typings';
import { tallySurveys } from '../../server/jobs/surveys';
import { useCloud, type TestCloud } from '../helpers/cloud';
import { ADMIN, CHENGGUAN, R1, R2, RENSHE, ZHUJIAN } from '../helpers/demo';
import { demoSurveys } from '../../scripts/demo-county';

let cloud: TestCloud;
useCloud((c) => (cloud = c));

let seq = 0;
const DAY = 86_400_000;
const draft = (over: Partial<SurveyDraftInput> = {}): SurveyDraftInput => ({
  clientId: `survey-test-${(seq += 1).toString().padStart(4, '0')}`,
  title: '2026年度群众满意度调查',
  year: 2026,
  questions: demoSurveys.questions,
  subjects: [
    { kind: '领导班子', unitId: 'unit-chengguan' },
    { kind: '执法窗口单位', unitId: 'unit-renshe' },
    { kind: '领导联系点', unitId: 'unit-zhujian', label: '县住建局联系点：安居小区' },
  ],
  opensAt: Date.now() - DAY,
  closesAt: Date.now() + 30 * DAY,
  minResponses: 3,
  ...over,
});
const code = (e: { ok: boolean; error?: { code: string } }) => (e.ok ? 'OK' : e.error!.code);
const tally = () => tallySurveys({ now: Date.now(), until: Date.now() + 60_000 });

async function openSurvey(over: Partial<SurveyDraftInput> = {}): Promise<SurveyView> {
  const d = await cloud.ok(ADMIN, 'survey', 'create', draft(over));
  return cloud.ok(ADMIN, 'survey', 'publish', { surveyId: d.id, version: d.version });
}
async function collection<T>(name: string): Promise<T[]> {
  return ((await cloud.dump()) as { collections: Record<string, T[]> }).collections[name] ?? [];
}

describe('building and publishing a survey', () => {
  it('an admin makes a draft of the directory’s units, residents do not see it until published', async () => {
    const d = await cloud.ok(ADMIN, 'survey', 'create', draft());
    expect(d.status).toBe('draft');
    expect(d.subjects.map((s) => [s.id, s.kind, s.name])).toEqual([
      ['s1', '领导班子', '城关镇人民政府'],
      ['s2', '执法窗口单位', '县人社局'],
      ['s3', '领导联系点', '县住建局联系点：安居小区'],
    ]);
    expect(d.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    expect(code(await cloud.call(R1, 'survey', 'get', { surveyId: d.id }))).toBe('NOT_FOUND');
    expect((await cloud.ok(R1, 'survey', 'list', {})).map((b) => b.id)).not.toContain(d.id);
    const open = await cloud.ok(ADMIN, 'survey', 'publish', { surveyId: d.id, version: d.version });
    expect([open.status, open.answerable, open.version]).toEqual(['open', true, 1]);
    const list = await cloud.ok(R1, 'survey', 'list', {});
    expect(list.find((b) => b.id === d.id)).toMatchObject({ answerable: true, answered: false, resultsVisible: false });
  });

  it('the same draft sent twice is one survey; bad drafts are refused in Chinese and change nothing', async () => {
    const input = draft();
    const a = await cloud.ok(ADMIN, 'survey', 'create', input);
    const b = await cloud.ok(ADMIN, 'survey', 'create', input);
    expect(b.id).toBe(a.id);
    const before = await cloud.dump();
    for (const [bad, message] of [
      [{ closesAt: Date.now() - 2 * DAY }, '结束时间应晚于开始时间'],
      [{ subjects: [{ kind: '领导班子', unitId: 'unit-nowhere' }] }, '所选单位不存在'],
      [{ questions: [{ text: '意见建议', kind: 'text' }] }, '请至少设置一道满意度题目'],
      [{ subjects: [] }, '请至少选择一个评价对象'],
    ] as [Partial<SurveyDraftInput>, string][]) {
      expect(await cloud.call(ADMIN, 'survey', 'create', draft(bad))).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
    }
    expect(code(await cloud.call(R1, 'survey', 'create', draft()))).toBe('FORBIDDEN');
    expect(await cloud.dump()).toEqual(before);
  });

  it('moves are compare-and-set with an audit event: a stale version or a wrong status is CONFLICT and changes nothing', async () => {
    const d = await cloud.ok(ADMIN, 'survey', 'create', draft());
    const open = await cloud.ok(ADMIN, 'survey', 'publish', { surveyId: d.id, version: 0 });
    const before = await cloud.dump();
    expect(code(await cloud.call(ADMIN, 'survey', 'publish', { surveyId: d.id, version: 0 }))).toBe('CONFLICT');
    expect(await cloud.call(ADMIN, 'survey', 'publish', { surveyId: d.id, version: open.version })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '只有草稿可以发布' },
    });
    expect(await cloud.call(ADMIN, 'survey', 'publishResults', { surveyId: d.id, version: open.version, scope: 'public' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '调查结束后才能公布结果' },
    });
    expect(await cloud.dump()).toEqual(before);
    const closed = await cloud.ok(ADMIN, 'survey', 'close', { surveyId: d.id, version: open.version });
    const published = await cloud.ok(ADMIN, 'survey', 'publishResults', { surveyId: d.id, version: closed.version, scope: 'units' });
    expect([published.status, published.resultScope, published.version]).toEqual(['closed', 'units', 3]);
    const doc = (await collection<{ _id: string; events: { type: string; actorId: string; from: string; to: string }[] }>('surveys')).find(
      (s) => s._id === d.id,
    )!;
    expect(doc.events.map((e) => [e.type, e.actorId, e.from, e.to])).toEqual([
      ['create', ADMIN, null, 'draft'],
      ['publish', ADMIN, 'draft', 'open'],
      ['close', ADMIN, 'open', 'closed'],
      ['publishResults', ADMIN, 'closed', 'closed'],
    ]);
  });

  it('a survey past its end is closed by the timer (an audit event by nobody), and answers are refused', async () => {
    const s = await openSurvey({ opensAt: Date.now() - 3 * DAY, closesAt: Date.now() + 1_500 });
    await new Promise((r) => setTimeout(r, 1_600));
    expect(await cloud.call(R1, 'survey', 'respond', { surveyId: s.id, items: [{ subjectId: 's1', answers: [5, 5, ''] }] })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '调查已结束，感谢关注' },
    });
    await tally();
    const got = await cloud.ok(ADMIN, 'survey', 'get', { surveyId: s.id });
    expect(got.survey.status).toBe('closed');
    const doc = (await collection<{ _id: string; ballotKey?: string; events: { type: string; actorId: string | null }[] }>('surveys')).find(
      (x) => x._id === s.id,
    )!;
    expect(doc.events.at(-1)).toMatchObject({ type: 'expire', actorId: null });
    expect(doc.ballotKey).toBeUndefined();
  });
});

describe('editing a draft', () => {
  const edit = (s: SurveyView, over: Partial<SurveyDraftInput> = {}) => {
    const { clientId: _clientId, ...fields } = draft(over);
    return { surveyId: s.id, version: s.version, ...fields };
  };

  it('an admin changes a draft as a whole (compare-and-set, audit event); residents still do not see it', async () => {
    const d = await cloud.ok(ADMIN, 'survey', 'create', draft());
    const changed = await cloud.ok(
      ADMIN,
      'survey',
      'update',
      edit(d, {
        title: '2026年度窗口单位满意度调查',
        intro: '答卷不记名',
        questions: [
          { text: '服务态度', kind: 'scale' },
          { text: '意见建议', kind: 'text' },
        ],
        subjects: [{ kind: '执法窗口单位', unitId: 'unit-renshe' }],
        minResponses: 10,
      }),
    );
    expect([changed.status, changed.version, changed.title, changed.intro, changed.minResponses]).toEqual([
      'draft',
      1,
      '2026年度窗口单位满意度调查',
      '答卷不记名',
      10,
    ]);
    expect(changed.questions.map((q) => [q.id, q.text])).toEqual([
      ['q1', '服务态度'],
      ['q2', '意见建议'],
    ]);
    expect(changed.subjects.map((s) => [s.id, s.name])).toEqual([['s1', '县人社局']]);
    expect((await cloud.ok(ADMIN, 'survey', 'get', { surveyId: d.id })).survey).toEqual(changed);
    expect(code(await cloud.call(R1, 'survey', 'get', { surveyId: d.id }))).toBe('NOT_FOUND');
    const doc = (await collection<{ _id: string; events: { type: string; actorId: string; from: string; to: string }[] }>('surveys')).find(
      (x) => x._id === d.id,
    )!;
    expect(doc.events.map((e) => [e.type, e.actorId, e.from, e.to])).toEqual([
      ['create', ADMIN, null, 'draft'],
      ['edit', ADMIN, 'draft', 'draft'],
    ]);
    expect(doc).not.toHaveProperty('ballotKey'); // a draft has no key: nobody answers it
  });

  it('a stale version, a published survey, a bad draft or a resident is refused in Chinese and changes nothing', async () => {
    const d = await cloud.ok(ADMIN, 'survey', 'create', draft());
    const v1 = await cloud.ok(ADMIN, 'survey', 'update', edit(d, { title: '第一次修改的标题' }));
    const before = await cloud.dump();
    expect(code(await cloud.call(ADMIN, 'survey', 'update', edit(d, { title: '过时的修改' })))).toBe('CONFLICT');
    for (const [bad, message] of [
      [{ closesAt: Date.now() - 2 * DAY }, '结束时间应晚于开始时间'],
      [{ subjects: [{ kind: '领导班子', unitId: 'unit-nowhere' }] }, '所选单位不存在'],
      [{ questions: [{ text: '意见建议', kind: 'text' }] }, '请至少设置一道满意度题目'],
    ] as [Partial<SurveyDraftInput>, string][]) {
      expect(await cloud.call(ADMIN, 'survey', 'update', edit(v1, bad))).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } });
    }
    expect(code(await cloud.call(ADMIN, 'survey', 'update', edit(v1, { title: '违禁词测试' })))).toBe('CONTENT_REJECTED');
    expect(code(await cloud.call(R1, 'survey', 'update', edit(v1)))).toBe('FORBIDDEN');
    expect(code(await cloud.call(RENSHE, 'survey', 'update', edit(v1)))).toBe('FORBIDDEN');
    expect(await cloud.dump()).toEqual(before);
    const open = await cloud.ok(ADMIN, 'survey', 'publish', { surveyId: d.id, version: v1.version });
    const published = await cloud.dump();
    expect(await cloud.call(ADMIN, 'survey', 'update', edit(open))).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '调查已发布，题目和对象不能再改' },
    });
    expect(await cloud.dump()).toEqual(published);
  });
});

describe('residents reach a survey from a subscription message', () => {
  const runTimer = () => cloud.raw(null, 'timer', { Type: 'Timer', TriggerName: 'chase', Time: new Date().toISOString() });
  const delivered = async () =>
    (
      (await (await fetch(`${cloud.url}/dev/messages`)).json()) as {
        messages: { data: { touser: string; template_id: string; page: string; data: Record<string, { value: string }> } }[];
      }
    ).messages.map((m) => m.data);
  let n = 0;
  const submitTo = (by: string, scene: string) =>
    cloud.ok(by, 'request', 'submit', {
      clientId: `survey-notice-${(n += 1)}`,
      category: '咨询',
      content: '失业保险金怎么申领？',
      scene,
      confidential: false,
      mayContact: false,
    });
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

  // Residents of their own: R1 and R2 answer surveys in other tests, whose surveys these must not meet.
  const A = 'survey-notice-a';
  const B = 'survey-notice-b';

  it('once it opens, whoever brought a request to one of its units this year is told once: pushed where they allowed it, in 消息 either way', async () => {
    await runTimer(); // the surveys of the tests above are told before A and B bring anything
    await submitTo(A, 'c-renshe-01');
    await submitTo(A, 'c-chengguan-01'); // two of its units: still one notice
    await submitTo(B, 'c-chengguan-01');
    await submitTo('survey-notice-other', 'c-zhujian-01'); // not one of its units
    // A allowed the one-time 问卷调查通知 (WeChat's panel, reported by the page), after the long-term
    // 办理进度 the first panel asks for; then nothing is left to ask. B did not.
    const { tapPanel } = await import('../helpers/subscribe');
    expect((await cloud.ok(A, 'user', 'me', {})).subscribe).toEqual({ kind: 'long', tmplIds: ['demo-tmpl-progress-long'] });
    expect(await tapPanel(cloud, A, { 'demo-tmpl-progress-long': 'accept' })).toEqual({ kind: 'once', tmplIds: ['demo-tmpl-survey'] });
    expect(await tapPanel(cloud, A, { 'demo-tmpl-survey': 'accept' })).toEqual({ kind: 'once', tmplIds: [] });
    const later = await openSurvey({ year, opensAt: Date.now() + 10 * DAY, subjects: [{ kind: '执法窗口单位', unitId: 'unit-renshe' }] });
    const s = await openSurvey({
      year,
      title: '窗口单位满意度调查',
      subjects: [
        { kind: '执法窗口单位', unitId: 'unit-renshe' },
        { kind: '领导班子', unitId: 'unit-chengguan' },
      ],
    });
    await fetch(`${cloud.url}/dev/messages`, { method: 'DELETE' });
    expect((await runTimer()).ok).toBe(true);
    await runTimer(); // a second run tells nobody twice

    const page = `packages/survey/answer/index?id=${s.id}&unit=unit-renshe`;
    const pushed = (await delivered()).filter((m) => m.template_id === 'demo-tmpl-survey' && m.page.includes(s.id));
    expect(pushed.map((m) => [m.touser, m.page])).toEqual([[A, page]]);
    expect(pushed[0]!.data.thing1!.value).toBe(`${year}年窗口单位满意度调查`);
    expect(pushed[0]!.data.thing3!.value).toBe('请您评价县人社局');
    const ofThis = (m: { kind: string; url: string }) => m.kind === 'survey' && m.url.includes(s.id);
    const a = (await cloud.ok(A, 'user', 'messages', {})).items.filter(ofThis);
    expect(a.map((m) => [m.title, m.url, m.push, m.requestId])).toEqual([
      [`${year}年窗口单位满意度调查：请您评价县人社局`, `/${page}`, 'sent', null],
    ]);
    const b = (await cloud.ok(B, 'user', 'messages', {})).items.filter(ofThis);
    expect(b.map((m) => [m.url, m.push])).toEqual([[`/packages/survey/answer/index?id=${s.id}&unit=unit-chengguan`, 'no_grant']]);
    expect((await cloud.ok('survey-notice-other', 'user', 'messages', {})).items.filter(ofThis)).toEqual([]);
    // the survey not yet open tells nobody yet; the open one records that it told, as an audit event
    const docs = await collection<{
      _id: string;
      announcing?: boolean;
      events: { type: string; actorId: string | null; note: string | null }[];
    }>('surveys');
    expect(docs.find((d) => d._id === later.id)!.announcing).toBe(true);
    const told = docs.find((d) => d._id === s.id)!;
    expect(told.announcing).toBe(false);
    expect(told.events.at(-1)).toEqual(expect.objectContaining({ type: 'announce', actorId: null }));
    expect(told.events.filter((e) => e.type === 'announce')).toHaveLength(1);
    // the notice names the unit, never the request, and carries no openid
    expect(JSON.stringify(pushed)).not.toContain('失业保险金');
  });
});

describe('one anonymous response per person', () => {
  it('nothing stored or answered ties a response to its openid, not for an admin; closing destroys the key', async () => {
    const s = await openSurvey();
    await cloud.ok(R1, 'survey', 'respond', {
      surveyId: s.id,
      items: [{ subjectId: 's1', answers: [5, 4, '路灯修好了，谢谢'] }],
    });
    await cloud.ok(R2, 'survey', 'respond', { surveyId: s.id, items: [{ subjectId: 's2', answers: [2, 0, '请回电13800009999'] }] });
    await tally();
    const responses = await collection<Record<string, unknown>>('survey_responses');
    const mine = responses.filter((r) => r.surveyId === s.id);
    expect(mine).toHaveLength(2);
    for (const r of mine) {
      expect(Object.keys(r).sort()).toEqual(['_id', 'counted', 'day', 'items', 'surveyId']);
      expect(r.day).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
    // a phone typed into the free text is masked when stored
    expect(JSON.stringify(mine)).toContain('138****9999');
    const whole = JSON.stringify(await cloud.dump());
    expect(whole).not.toContain('13800009999');
    // no collection holds the respondent beside the survey: no per-caller counter was raised
    expect(
      (await collection<{ _id: string }>('rate_limits'))
        .map((r) => r._id)
        .join(' ')
        .includes(R1),
    ).toBe(false);
    // every survey action an admin has, on this survey, answers without a respondent
    const closed = await cloud.ok(ADMIN, 'survey', 'close', { surveyId: s.id, version: s.version });
    await cloud.ok(ADMIN, 'survey', 'publishResults', { surveyId: s.id, version: closed.version, scope: 'public' });
    const answers = [
      await cloud.call(ADMIN, 'survey', 'get', { surveyId: s.id }),
      await cloud.call(ADMIN, 'survey', 'results', { surveyId: s.id }),
      await cloud.call(ADMIN, 'survey', 'manage', {}),
      await cloud.call(ADMIN, 'survey', 'list', {}),
      await cloud.call(ADMIN, 'survey', 'exportResults', { surveyId: s.id }),
    ];
    const text = JSON.stringify(answers);
    expect(answers.map(code)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    for (const who of [R1, R2]) expect(text).not.toContain(who);
    for (const r of mine) expect(text).not.toContain(String(r._id));
    // the key that made the hashes is gone with the close: the survey document no longer holds it
    const doc = (await collection<Record<string, unknown>>('surveys')).find((x) => x._id === s.id)!;
    expect(doc).not.toHaveProperty('ballotKey');
    expect(JSON.stringify(doc)).not.toContain(R1);
  });

  it('a copy of the database taken while the survey is open cannot tell whose response is whose: the deployment’s secret is not in it', async () => {
    const s = await openSurvey();
    await cloud.ok(R1, 'survey', 'respond', { surveyId: s.id, items: [{ subjectId: 's1', answers: [5, 5, ''] }] });
    const copy = await cloud.dump();
    const doc = (copy as { collections: { surveys: { _id: string; ballotKey?: string; keying?: string }[] } }).collections.surveys.find(
      (x) => x._id === s.id,
    )!;
    expect([typeof doc.ballotKey, doc.keying]).toEqual(['string', 'deployment']);
    const ids = (await collection<{ _id: string; surveyId: string }>('survey_responses'))
      .filter((r) => r.surveyId === s.id)
      .map((r) => r._id);
    expect(ids).toHaveLength(1);
    const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
    // The copy alone: the survey's key tried on a known openid finds nothing.
    expect(ids).not.toContain(hmac(doc.ballotKey!, R1).toString('hex'));
    // The secret is in the functions' environment (locally: a file beside the data, as a county's
    // deploy puts it in the functions' configuration), in no collection of the copy.
    const secret = fs.readFileSync(path.join(cloud.dataDir, 'ballot-secret'), 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(copy)).not.toContain(secret);
    // Both together find it (what the functions do while the survey is open) …
    expect(ids).toEqual([hmac(hmac(secret, doc.ballotKey!), R1).toString('hex')]);
    // … and after the close not even both: the survey's key is gone from the database.
    await cloud.ok(ADMIN, 'survey', 'close', { surveyId: s.id, version: s.version });
    expect((await collection<{ _id: string }>('surveys')).find((x) => x._id === s.id)).not.toHaveProperty('ballotKey');
  });

  it('a second response is refused, a retry of the same one is no second vote, and the caller learns they answered', async () => {
    const s = await openSurvey();
    const first = { surveyId: s.id, items: [{ subjectId: 's2', answers: [4, 4, ''] }] };
    expect(await cloud.ok(R1, 'survey', 'respond', first)).toEqual({ duplicate: false });
    expect(await cloud.ok(R1, 'survey', 'respond', first)).toEqual({ duplicate: true });
    const before = await cloud.dump();
    expect(await cloud.call(R1, 'survey', 'respond', { surveyId: s.id, items: [{ subjectId: 's2', answers: [1, 1, ''] }] })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '您已参加过本次调查，每人只能提交一次' },
    });
    expect(await cloud.dump()).toEqual(before);
    expect((await cloud.ok(R1, 'survey', 'get', { surveyId: s.id })).answered).toBe(true);
    expect((await cloud.ok(R2, 'survey', 'get', { surveyId: s.id })).answered).toBe(false);
    expect((await cloud.ok(R1, 'survey', 'list', {})).find((b) => b.id === s.id)?.answered).toBe(true);
  });

  it('a double submit at the same moment stores one response: one is refused, or both answer the same one', async () => {
    const s = await openSurvey();
    const a = { surveyId: s.id, items: [{ subjectId: 's1', answers: [5, 5, ''] }] };
    const b = { surveyId: s.id, items: [{ subjectId: 's1', answers: [1, 1, ''] }] };
    const different = await Promise.all([cloud.call(R1, 'survey', 'respond', a), cloud.call(R1, 'survey', 'respond', b)]);
    expect(different.map(code).sort()).toEqual(['CONFLICT', 'OK']);
    const same = await Promise.all([cloud.call(R2, 'survey', 'respond', a), cloud.call(R2, 'survey', 'respond', a)]);
    expect(same.map(code)).toEqual(['OK', 'OK']);
    expect(same.map((e) => (e.ok ? e.data.duplicate : null)).sort()).toEqual([false, true]);
    expect((await collection<{ surveyId: string }>('survey_responses')).filter((r) => r.surveyId === s.id)).toHaveLength(2);
  });

  it('answers that do not fit the survey are refused in Chinese and change nothing; risky text is CONTENT_REJECTED', async () => {
    const s = await openSurvey();
    const before = await cloud.dump();
    for (const [items, message] of [
      [[{ subjectId: 's9', answers: [5, 5, ''] }], '评价对象不在本次调查中，请刷新后重试'],
      [[{ subjectId: 's1', answers: [5, 5] }], '题目数量不对，请刷新后重新作答'],
      [[{ subjectId: 's1', answers: ['好', 5, ''] }], '第1题请选择满意程度'],
      [[{ subjectId: 's1', answers: [5, 5, 3] }], '第3题请填写文字'],
      [[{ subjectId: 's1', answers: [0, 0, ''] }], '请至少评价一个对象'],
      [
        [
          { subjectId: 's1', answers: [5, 5, ''] },
          { subjectId: 's1', answers: [4, 4, ''] },
        ],
        '同一个评价对象只能评价一次',
      ],
    ] as [{ subjectId: string; answers: (number | string)[] }[], string][]) {
      expect(await cloud.call(R1, 'survey', 'respond', { surveyId: s.id, items })).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message },
      });
    }
    expect(code(await cloud.call(R1, 'survey', 'respond', { surveyId: s.id, items: [{ subjectId: 's1', answers: [6, 5, ''] }] }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      code(await cloud.call(R1, 'survey', 'respond', { surveyId: s.id, items: [{ subjectId: 's1', answers: [5, 5, '违禁词测试'] }] })),
    ).toBe('CONTENT_REJECTED');
    expect(await cloud.dump()).toEqual(before);
  });
});

describe('results', () => {
  it('counts, means and distributions per subject and question from seeded answers, each response counted once', async () => {
    const s = await openSurvey({ minResponses: 5 });
    // 城关镇 (s1): 服务态度 5,5,4,2 → mean 4; 办事效率 3,0(不了解),1,5 → 3 of them, mean 3
    const answers: [number, number, string][] = [
      [5, 3, '很好'],
      [5, 0, ''],
      [4, 1, '办事太慢'],
      [2, 5, ''],
    ];
    for (const [i, a] of answers.entries()) {
      await cloud.ok(`survey-resident-${i}`, 'survey', 'respond', {
        surveyId: s.id,
        items: [{ subjectId: 's1', answers: a }, ...(i < 2 ? [{ subjectId: 's2', answers: [3, 3, ''] }] : [])],
      });
    }
    expect((await cloud.ok(ADMIN, 'survey', 'results', { surveyId: s.id })).responses).toBe(0); // not tallied yet
    await tally();
    await tally(); // a second run counts nothing twice
    const r = await cloud.ok(ADMIN, 'survey', 'results', { surveyId: s.id });
    expect(r.responses).toBe(4);
    const [s1, s2, s3] = r.subjects;
    expect([s1!.n, s1!.questions.map((q) => [q.n, q.mean, q.dist])]).toEqual([
      4,
      [
        [4, 4, [2, 1, 0, 1, 0]],
        [3, 3, [1, 0, 1, 0, 1]],
        [2, null, []],
      ],
    ]);
    expect(s1!.note).toBe('仅4人作答（少于5人），结果仅供参考');
    expect([s2!.n, s2!.questions[0]!.mean, s2!.questions[0]!.dist]).toEqual([2, 3, [0, 0, 2, 0, 0]]);
    expect([s3!.n, s3!.questions[0]!.mean, s3!.note]).toEqual([0, null, '仅0人作答（少于5人），结果仅供参考']);
    expect(r.countedAt).toEqual(expect.any(Number));
  });

  it('read as the published scope allows: unpublished admins only; units their own; staff all cadres; public everyone', async () => {
    const s = await openSurvey();
    await cloud.ok(R1, 'survey', 'respond', { surveyId: s.id, items: [{ subjectId: 's2', answers: [5, 5, ''] }] });
    await tally();
    const closed = await cloud.ok(ADMIN, 'survey', 'close', { surveyId: s.id, version: s.version });
    expect(await cloud.call(RENSHE, 'survey', 'results', { surveyId: s.id })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '调查结果尚未向您公布' },
    });
    const units = await cloud.ok(ADMIN, 'survey', 'publishResults', { surveyId: s.id, version: closed.version, scope: 'units' });
    expect((await cloud.ok(RENSHE, 'survey', 'results', { surveyId: s.id })).subjects.map((x) => x.name)).toEqual(['县人社局']);
    expect((await cloud.ok(ZHUJIAN, 'survey', 'results', { surveyId: s.id })).subjects.map((x) => x.unitId)).toEqual(['unit-zhujian']);
    expect(code(await cloud.call(R1, 'survey', 'results', { surveyId: s.id }))).toBe('FORBIDDEN');
    const staff = await cloud.ok(ADMIN, 'survey', 'publishResults', { surveyId: s.id, version: units.version, scope: 'staff' });
    expect((await cloud.ok(CHENGGUAN, 'survey', 'results', { surveyId: s.id })).subjects).toHaveLength(3);
    expect(code(await cloud.call(R2, 'survey', 'results', { surveyId: s.id }))).toBe('FORBIDDEN');
    await cloud.ok(ADMIN, 'survey', 'publishResults', { surveyId: s.id, version: staff.version, scope: 'public' });
    const pub = await cloud.ok(R2, 'survey', 'results', { surveyId: s.id });
    expect(pub.subjects[1]).toMatchObject({ name: '县人社局', n: 1 });
    expect((await cloud.ok(R2, 'survey', 'list', {})).find((b) => b.id === s.id)).toMatchObject({
      answerable: false,
      resultsVisible: true,
    });
  });

  it('the .xlsx export holds the figures and the free-text answers, phones masked, no respondent', async () => {
    const s = await openSurvey({ title: '窗口单位满意度调查' });
    await cloud.ok(R1, 'survey', 'respond', {
      surveyId: s.id,
      items: [{ subjectId: 's2', answers: [4, 5, '窗口排队久，电话13800001111'] }],
    });
    await cloud.ok(R2, 'survey', 'respond', { surveyId: s.id, items: [{ subjectId: 's2', answers: [2, 3, ''] }] });
    await tally();
    const file = await cloud.ok(ADMIN, 'survey', 'exportResults', { surveyId: s.id });
    expect(file.fileName).toBe('2026年窗口单位满意度调查.xlsx');
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['调查结果', '意见建议']);
    const rows = (name: string) => {
      const out: string[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return out;
    };
    const figures = rows('调查结果');
    expect(figures[2]).toEqual([
      '类别',
      '评价对象',
      '题目',
      '作答人数',
      '平均分',
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
      '说明',
    ]);
    expect(figures).toContainEqual([
      '执法窗口单位',
      '县人社局',
      '服务态度',
      '2',
      '3',
      '0',
      '1',
      '0',
      '1',
      '0',
      '仅2人作答（少于3人），结果仅供参考',
    ]);
    expect(rows('意见建议').slice(1)).toEqual([['县人社局', '意见建议', '窗口排队久，电话138****1111']]);
    const all = JSON.stringify([figures, rows('意见建议')]);
    for (const who of [R1, R2]) expect(all).not.toContain(who);
  });
});
