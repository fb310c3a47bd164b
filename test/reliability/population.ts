/**
 * The requests the visibility and leak scans plant before they look: requests of other units,
 * confidential complaints, a complaint about a unit (it must never see it), other residents'
 * requests, a phone number typed into the text, a registered 信访 item (sent to a county leader,
 * who writes a 批示: 阅批) and an item three units handle (联合办理): their messages are scanned. Each through the functions, as
 * people would make them.
 */
import { useRig, type Rig } from './harness';
import { leaderKey } from '../../server/meet';
import { DEMO } from '../../scripts/demo-county';
import {
  CALLERS,
  CADRE_OF,
  SPECIAL_ACTIONS,
  prepareContext,
  fixtureFor,
  isTransition,
  readFixture,
  split,
  takesRequest,
  uniq,
  validInput,
  type Fixture,
} from './tables';

/** Everyone the walks call as: the declared callers, 住建局's supervisor and a unit head. */
export const WALKERS: (string | null)[] = [...Object.values(CALLERS), CADRE_OF['unit-ducha']!, 'demo-head-renshe', 'rel-cadre-chengguan-2'];

export interface Planted {
  key: string;
  id: string;
}

const A = CALLERS.residentA;
const B = CALLERS.residentB;

type Plant = { key: string; who: string; input: Record<string, unknown> };

const PLANTS: Plant[] = [
  // 1 (issue 9 item 1): a phone typed into the text reaches 人社局's cadres in their 时限提醒.
  {
    key: 'typed-phone',
    who: A,
    input: {
      category: '咨询',
      content: '请回电13781085442，养老金资格认证不会操作',
      scene: 'c-renshe-01',
      confidential: false,
      mayContact: false,
    },
  },
  // 2 (item 2): a confidential complaint about 住建局's staff, then a 咨询 by the same card from the same person.
  {
    key: 'accuse-confidential',
    who: A,
    input: {
      category: '投诉',
      aboutUnit: true,
      content: '住建局执法人员吃拿卡要，我要求保密',
      scene: 'c-zhujian-01',
      confidential: true,
      mayContact: true,
      contactName: '欧阳保密',
      contactPhone: '13800007771',
    },
  },
  {
    key: 'consult-same-person',
    who: A,
    input: {
      category: '咨询',
      content: '老旧小区改造什么时候开始报名？',
      scene: 'c-zhujian-01',
      confidential: false,
      mayContact: true,
      contactName: '欧阳保密',
      contactPhone: '13800007771',
    },
  },
  // 3 (item 3): a complaint *to* 住建局 (it must call back about the site it regulates) …
  {
    key: 'complain-to-unit',
    who: B,
    input: {
      category: '投诉',
      aboutUnit: false,
      content: '工地夜里十一点后还在施工，噪音很大',
      scene: 'c-zhujian-01',
      confidential: false,
      mayContact: true,
      contactName: '司马投诉',
      contactPhone: '13800007772',
    },
  },
  // … and an open complaint *about* 住建局, from another resident.
  {
    key: 'accuse-open',
    who: B,
    input: {
      category: '投诉',
      aboutUnit: true,
      content: '住建局窗口人员推诿扯皮，办事难',
      scene: 'c-zhujian-01',
      confidential: false,
      mayContact: true,
      contactName: '上官调度',
      contactPhone: '13800007774',
    },
  },
  // Other units, other residents.
  {
    key: 'other-resident-town',
    who: B,
    input: {
      category: '求助',
      content: '河西村路灯坏了一个月没人修',
      regionId: 'vil-hexi',
      confidential: false,
      mayContact: true,
      contactName: '诸葛普通',
      contactPhone: '13800007773',
    },
  },
  {
    key: 'confidential-renshe',
    who: B,
    input: {
      category: '求助',
      content: '单位拖欠社保不缴，请帮忙',
      scene: 'c-renshe-01',
      confidential: true,
      mayContact: true,
      contactName: '东方内容',
      contactPhone: '13800007775',
    },
  },
];

/** Plants the population; returns the requests by key. */
async function plant(rig: Rig): Promise<Map<string, Planted>> {
  const out = new Map<string, Planted>();
  for (const p of PLANTS) {
    const s = await rig.ok<{ id: string }>(p.who, 'request', 'submit', { clientId: uniq(`pl-${p.key}`), ...p.input });
    out.set(p.key, { key: p.key, id: s.id });
  }
  // A 信访 letter the dispatcher registered for 城关镇: its petitioner is not on the app.
  const reg = await rig.ok<{ id: string }>(CALLERS.admin, 'admin', 'register', {
    clientId: uniq('pl-letter'),
    source: '来信',
    category: '求助',
    content: '来信反映：村里低保评定不公开',
    receivedAt: Date.now() - 3_600_000,
    contactName: '慕容来信',
    contactPhone: '13800007776',
    confidential: true,
    unitId: 'unit-chengguan',
  });
  out.set('letter', { key: 'letter', id: reg.id });
  // 阅批: the letter goes to 县领导 陈建华 as a 重要来信; he writes a 批示 (his message, and 城关镇's).
  const sent = await rig.ok<{ version: number }>(CALLERS.admin, 'admin', 'toLeader', {
    id: reg.id,
    version: 0,
    scope: 'county',
    leaderKey: leaderKey(DEMO.leader1),
    important: true,
    note: '信访人要求保密，请阅示',
  });
  await rig.ok(DEMO.leader1, 'request', 'instruct', { id: reg.id, version: sent.version, instruction: '请城关镇认真核查，依法答复。' });
  // 联合办理: an unrouted request the dispatcher gives the 住建局 to lead, 城关镇 and the 人社局 co-handling; 城关镇 answers its part.
  const joint = await rig.ok<{ id: string }>(CALLERS.residentB, 'request', 'submit', {
    clientId: uniq('pl-joint'),
    category: '求助',
    content: '安居小区门前道路塌陷，联系电话13800007774',
    regionId: 'com-anju',
    confidential: false,
    mayContact: true,
    contactName: '欧阳联合',
    contactPhone: '13800007774',
  });
  const led = await rig.ok<{ version: number }>(CALLERS.admin, 'admin', 'dispatch', {
    id: joint.id,
    version: 0,
    unitId: 'unit-zhujian',
    coUnitIds: ['unit-chengguan', 'unit-renshe'],
  });
  await rig.ok(CADRE_OF['unit-chengguan']!, 'request', 'coReply', { id: joint.id, version: led.version, answer: '城关镇已疏通排水沟。' });
  out.set('joint', { key: 'joint', id: joint.id });
  return out;
}

export interface Answer {
  fa: string;
  who: string | null;
  input: Record<string, unknown>;
  text: string;
  ok: boolean;
}

/**
 * Calls `fa` as every walker: with each planted request's id when it reads one request, on a
 * fresh fixture when it moves one (so the population stays as planted), else with its valid input.
 */
export async function walkAction(rig: Rig, fa: string, planted: Map<string, Planted>, onAnswer: (a: Answer) => void): Promise<void> {
  const [fn, action] = split(fa);
  const reads = takesRequest(fa) && !isTransition(fa) && !Object.prototype.hasOwnProperty.call(SPECIAL_ACTIONS, fa);
  let fx: Fixture | null = null;
  for (const who of WALKERS) {
    const inputs: Record<string, unknown>[] = [];
    if (reads) {
      for (const p of planted.values()) inputs.push(validInput(fa, await readFixture(rig, p.id)));
    } else {
      if (takesRequest(fa) && !fx) fx = await fixtureFor(rig, fa);
      inputs.push(validInput(fa, fx));
    }
    for (const input of inputs) {
      const r = await rig.raw(who, fn, { action, ...input });
      onAnswer({ fa, who, input, text: JSON.stringify(r.env), ok: r.env.ok });
      if (r.env.ok && !reads && takesRequest(fa)) fx = null;
    }
  }
}

/** A suite's rig with the population planted before its tests: the rig, and the planted requests by key. */
export function usePlantedRig(file: string): { rig: () => Rig; planted: () => Map<string, Planted> } {
  let planted: Map<string, Planted> | null = null;
  const rig = useRig(file, {
    timeout: 300_000,
    prepare: async (r) => {
      await prepareContext(r);
      planted = await plant(r);
    },
  });
  return {
    rig,
    planted: () => {
      if (!planted) throw new Error('the population is not planted: use it inside a test');
      return planted;
    },
  };
}
