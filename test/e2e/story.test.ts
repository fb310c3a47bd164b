/**
 * @jest-environment ./test/pages/environment.js
 *
 * The first whole story, as the people in it live it, through the real pages and the real
 * functions on a private emulator: 陈大山 scans the 县人社局 连心卡 and asks a question; the
 * window cadre finds it in 待办, signs for it and answers; 陈大山 reads the answer and rates it.
 * Then the audit trail: one event per change, in order, by the right people, and no phone number.
 */
import path from 'path';
import { compiledRoot } from '../pages/compiled';
import {
  actAs,
  answerDialog,
  emit,
  harness,
  openPage,
  parseUrl,
  rows,
  tap,
  tapPhoneButton,
  tapRow,
  toastText,
  typeInto,
  useTestCloud,
  type PageHandle,
} from '../pages/harness';

// Times as the shipped package formats them.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the compiled module, not the TypeScript source
const { formatDeadline } = require(path.join(compiledRoot(), 'utils/format')) as { formatDeadline: (ms: number) => string };

const cloud = useTestCloud();

const RESIDENT = 'demo-resident-2'; // 陈大山, 幸福社区
const CADRE = 'demo-cadre-renshe'; // 李建国, 县人社局 社保窗口
const PHONE = '13800005678';
const QUESTION = '退休后到外地和子女同住，养老金领取资格认证怎么办理？';
const ANSWER = '可在“掌上人社”App上刷脸认证，也可就近到居住地社保经办机构办理，不用回本县。';
const COMMENT = '答复很清楚，谢谢李主任';

/** Where the last tap sent the user, as {path, query} to open next. */
function followed(kind: string): { path: string; query: Record<string, string> } {
  const nav = harness.lastNavigation;
  if (!nav) throw new Error('the tap went nowhere');
  expect(nav.kind).toBe(kind);
  return parseUrl(nav.url);
}

/** The row of a list page showing this request number. */
function rowIndexOf(list: PageHandle<unknown>, no: string): number {
  return Array.from(rows(list)).findIndex((r) => (r.dom as Element).textContent?.includes(no));
}

interface RawEvent {
  seq: number;
  type: string;
  at: number;
  actorId: string;
  actorRole: string;
  actorUnit: string | null;
  from: string | null;
  to: string;
  note: string | null;
}
interface RawRequest {
  _id: string;
  no: string;
  status: string;
  version: number;
  dueAt: number;
  events: RawEvent[];
}

async function requestsInDb(): Promise<RawRequest[]> {
  const dump = (await cloud().dump()) as { collections: Record<string, RawRequest[] | undefined> };
  return dump.collections.requests ?? [];
}

test('scan → submit → 签收 → 答复 → 评价, with its audit trail', async () => {
  expect(await requestsInDb()).toEqual([]);

  // ---------------------------------------------------------------- 1. 陈大山 scans the card
  actAs(RESIDENT);
  const home = await openPage('pages/home/index');
  harness.scanResult = { path: `packages/request/card/index?scene=${encodeURIComponent('c-renshe-01')}`, result: '' };
  await tap(home, '#scan');
  const toCard = followed('navigateTo');
  expect(toCard).toEqual({ path: 'packages/request/card/index', query: { scene: 'c-renshe-01' } });

  const card = await openPage(toCard.path, toCard.query);
  expect(card.text()).toContain('县人社局');
  expect(card.text()).toContain('李建国（社保窗口负责人）');
  expect(card.text()).toContain('0000-6612345'); // 电话
  expect(card.text()).toContain('0000-6612300'); // 监督电话

  // ---------------------------------------------------------------- 2. …and reports to that unit
  await tap(card, '#intent-ask'); // 您想：问个事
  const toForm = followed('navigateTo');
  expect(toForm).toEqual({ path: 'packages/request/submit/index', query: { scene: 'c-renshe-01', intent: 'ask' } });

  const form = await openPage(toForm.path, toForm.query);
  expect(form.text()).toContain('会直接送到这个单位');
  await typeInto(form, '#content', QUESTION);
  await tapPhoneButton(form, PHONE);
  await typeInto(form, '#contact-name', '陈大山');
  await tap(form, '#send');

  // Exactly one request was made; the page after it says what happens next and by when.
  const made = await requestsInDb();
  expect(made).toHaveLength(1);
  const { _id: id, no } = made[0]!;
  const toDetail = followed('redirectTo');
  expect(toDetail).toEqual({ path: 'packages/request/detail/index', query: { id, fresh: '1' } });
  const submitted = await openPage(toDetail.path, toDetail.query);
  expect(submitted.text()).toContain('已经提交');
  expect(submitted.text()).toContain(`最晚${formatDeadline(made[0]!.dueAt)}答复您`);
  expect(submitted.text()).toContain(`编号 ${no}`);
  expect(submitted.text()).toContain(QUESTION);
  expect(submitted.text()).toContain('已转给单位');
  expect(submitted.text()).toContain('县人社局');
  // The card's phone and 监督电话, one tap each.
  await tap(submitted, '#call-supervision');
  expect(harness.calls).toContainEqual({ phoneNumber: '0000-6612300' });

  // ---------------------------------------------------------------- 3. the cadre signs and answers
  actAs(CADRE);
  const me = await openPage('pages/me/index');
  await tap(me, '#inbox');
  const toInbox = followed('navigateTo');
  expect(toInbox.path).toBe('packages/cadre/inbox/index');

  const inbox = await openPage(toInbox.path, toInbox.query);
  expect(inbox.data.box).toBe('todo');
  const row = rowIndexOf(inbox, no);
  expect(row).toBeGreaterThanOrEqual(0);
  expect((rows(inbox)[row]!.dom as Element).textContent).toContain('已派单');
  await tapRow(inbox, row);
  const toHandle = followed('navigateTo');
  expect(toHandle).toEqual({ path: 'packages/cadre/handle/index', query: { id } });

  const handle = await openPage(toHandle.path, toHandle.query);
  expect(handle.text()).toContain(QUESTION);
  expect(handle.text()).toContain('已派单');
  // The petitioner, masked: the surname and the phone's ends, never the full number.
  expect(handle.text()).toContain('陈** 138****5678');
  expect(handle.text()).not.toContain('陈大山');
  expect(handle.text()).not.toContain(PHONE);
  expect(JSON.stringify(handle.data)).not.toContain(PHONE);
  expect(JSON.stringify((handle.page as unknown as { detail: unknown }).detail)).not.toContain(PHONE);

  await tap(handle, '#accept');
  expect(toastText(handle)).toBe('已签收，请在答复时限内办理');
  expect(handle.text()).toContain('已签收');
  expect(handle.$('#accept')).toBeUndefined();

  await tap(handle, '#reply');
  await typeInto(handle, '#reply-text', ANSWER);
  await tap(handle, '#reply-confirm');
  expect(await answerDialog(handle)).toContain('确认答复');
  expect(handle.text()).toContain('已答复');
  expect(handle.text()).toContain(ANSWER);
  expect(handle.text()).not.toContain(PHONE);

  // ---------------------------------------------------------------- 4. 陈大山 reads the answer and rates it
  actAs(RESIDENT);
  const mine = await openPage('pages/requests/index');
  expect(rows(mine)).toHaveLength(1);
  const mineRow = rowIndexOf(mine, no);
  expect((rows(mine)[mineRow]!.dom as Element).textContent).toContain('已答复');
  await tapRow(mine, mineRow);
  const toAnswered = followed('navigateTo');
  expect(toAnswered).toEqual({ path: 'packages/request/detail/index', query: { id } });

  const detail = await openPage(toAnswered.path, toAnswered.query);
  expect(detail.text()).toContain('已答复');
  expect(detail.text()).toContain(ANSWER);
  await tap(detail, '#rate');
  await emit(detail, '#resolved', 'change', 'yes');
  await emit(detail, '#score', 'change', 5);
  await typeInto(detail, '#rate-comment', COMMENT);
  await tap(detail, '#rate-confirm');
  expect(toastText(detail)).toBe('感谢您的评价');
  expect(detail.text()).toContain('已办完');
  expect(detail.text()).toContain('非常满意');
  expect(detail.text()).toContain(COMMENT);
  expect(detail.data.can).toEqual({});

  // ---------------------------------------------------------------- 5. the audit trail
  const expected = [
    { type: 'submit', title: '您提交了', actor: '群众', from: null, to: 'assigned' },
    { type: 'accept', title: '单位接手办理', actor: '县人社局', from: 'assigned', to: 'accepted' },
    { type: 'reply', title: '单位答复了', actor: '县人社局', from: 'accepted', to: 'replied' },
    { type: 'rate', title: '您评价了', actor: '群众', from: 'replied', to: 'closed' },
  ];

  // As the resident's detail page shows it, in plain words: newest first on screen…
  // (The DOM of the rendered request-view component: its classes carry the component's prefix.)
  const steps = Array.from((detail.comp.dom as Element).querySelectorAll('.request-view--rv__step-title')).map((s) =>
    s.textContent?.trim(),
  );
  // The resident's own steps are “您” on their page.
  expect(steps).toEqual(expected.map((e) => `${e.title} · ${e.actor === '群众' ? '您' : e.actor}`).reverse());
  // …from the timeline the page was given, oldest first.
  const timeline = (
    detail.page as unknown as {
      detail: { timeline: { type: string; actor: string; fromStatus: string | null; toStatus: string; at: number }[] };
    }
  ).detail.timeline;
  expect(timeline.map((t) => ({ type: t.type, actor: t.actor, from: t.fromStatus, to: t.toStatus }))).toEqual(
    expected.map(({ type, actor, from, to }) => ({ type, actor, from, to })),
  );

  // As stored: still one request, one event per change, and nothing else.
  const [doc, ...others] = await requestsInDb();
  expect(others).toEqual([]);
  expect(doc!._id).toBe(id);
  expect(doc!.status).toBe('closed');
  expect(doc!.version).toBe(3); // three changes after the submission
  const events = doc!.events;
  expect(events.map((e) => ({ type: e.type, from: e.from, to: e.to }))).toEqual(expected.map(({ type, from, to }) => ({ type, from, to })));
  expect(events.map((e) => [e.actorId, e.actorRole, e.actorUnit])).toEqual([
    [RESIDENT, 'resident', null],
    [CADRE, 'cadre', '县人社局'],
    [CADRE, 'cadre', '县人社局'],
    [RESIDENT, 'resident', null],
  ]);
  for (let i = 1; i < events.length; i += 1) {
    expect(events[i]!.seq).toBeGreaterThan(events[i - 1]!.seq);
    expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
  }
  expect(timeline.map((t) => t.at)).toEqual(events.map((e) => e.at));
  expect(events[3]!.note).toBe(COMMENT);
  // No phone number in the audit trail: neither the full one, its masked form, nor any mobile number
  // in any text it holds (timestamps are numbers, not text).
  const raw = JSON.stringify(events);
  expect(raw).not.toContain(PHONE);
  expect(raw).not.toContain('138****5678');
  const texts = events.flatMap((e) => Object.values(e).filter((v): v is string => typeof v === 'string'));
  expect(texts.filter((t) => /(^|\D)1[3-9]\d{9}(\D|$)/.test(t))).toEqual([]);
}, 60_000);
