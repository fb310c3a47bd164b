/**
 * `npm run story`: the first whole story against the running local cloud, as the people in it
 * would live it — a resident scans the 人社局 card and asks, the window cadre signs and answers,
 * the resident rates it — then prints the request's timeline.
 */
import { randomUUID } from 'crypto';
import { STATUS_LABELS, SCORE_LABELS, EVENT_LABELS } from '../miniprogram/shared/domain';
import { formatDue } from '../server/domain/calendar';
import { call } from './seed';
import { DEMO } from './demo-county';

const url = process.env.LIANXIN_URL || `http://127.0.0.1:${process.env.PORT || 9777}`;
const RESIDENT = DEMO.resident2;
const CADRE = DEMO.renshe;

async function main(): Promise<void> {
  const say = (who: string, what: string) => console.log(`  【${who}】${what}`);
  console.log(`连心 · 本地云 ${url}\n`);
  const card = await call(url, RESIDENT, 'county', 'card', { scene: 'c-renshe-01' });
  say('群众', `扫码看到连心卡：${card.unitName}，责任人 ${card.responsible}，监督电话 ${card.supervisionPhone}`);
  const sub = await call(url, RESIDENT, 'request', 'submit', {
    clientId: randomUUID(),
    category: '咨询',
    content: '退休后异地居住，养老金资格认证怎么办理？',
    scene: card.scene,
    confidential: false,
    mayContact: true,
    contactName: '陈大山',
    contactPhone: '13800005678',
  });
  say('群众', `提交诉求，编号 ${sub.no}，${STATUS_LABELS[sub.status]}，答复时限 ${formatDue(sub.dueAt)}`);
  const inbox = await call(url, CADRE, 'request', 'inbox', { box: 'todo' });
  const item = inbox.items.find((i) => i.id === sub.id);
  if (!item) throw new Error('the request did not reach the unit inbox');
  let d = await call(url, CADRE, 'request', 'accept', { id: item.id, version: item.version });
  say('干部', `在待办中看到并签收（联系人 ${d.petitioner?.name}，电话 ${d.petitioner?.phone}）`);
  d = await call(url, CADRE, 'request', 'reply', {
    id: d.id,
    version: d.version,
    reply: '可在“掌上人社”App人脸识别认证，或就近到居住地社保经办机构办理。',
  });
  say('干部', `答复：${d.reply}`);
  d = await call(url, RESIDENT, 'request', 'detail', { id: sub.id });
  d = await call(url, RESIDENT, 'request', 'rate', { id: d.id, version: d.version, resolved: true, score: 5, comment: '答复清楚，谢谢' });
  say('群众', `评价：${SCORE_LABELS[d.rating!.score]}，诉求${STATUS_LABELS[d.status]}`);
  console.log('\n时间线（每次变更一条记录）：');
  for (const t of d.timeline) {
    console.log(
      `  ${new Date(t.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}  ${EVENT_LABELS[t.type]}  ${t.actor}  → ${STATUS_LABELS[t.toStatus]}`,
    );
  }
}

main().catch((e: Error) => {
  console.error(`故事没有走通：${e.message}\n（先运行 npm start，再在另一个终端运行 npm run story）`);
  process.exit(1);
});
