/**
 * The demo county `npm start` and the tests load: a few towns and villages, units with 连心卡,
 * the county's deadline policies and routing catalogue (rules are data), an admin, cadres,
 * residents. Invented names and numbers (phones in the 1380000xxxx test range).
 */
import type { CadreLevel, RequestCategory, Role } from '../typings';
import type { Limit } from '../server/domain/calendar';
import type { PolicyDoc } from '../server/domain/rules';
import type { DutyRule } from '../server/domain/duties';
import type { VisitRuleDoc } from '../server/domain/downVisits';
import { cadreCardKeys } from '../server/domain/cardKeys';

export const DEMO_NOW = Date.parse('2026-11-26T09:00:00+08:00');

export const regions = [
  { _id: 'town-chengguan', name: '城关镇', kind: 'town', parentId: null },
  { _id: 'town-shimen', name: '石门镇', kind: 'town', parentId: null },
  { _id: 'street-dongcheng', name: '东城街道', kind: 'street', parentId: null },
  { _id: 'vil-hexi', name: '河西村', kind: 'village', parentId: 'town-chengguan' },
  { _id: 'vil-taoyuan', name: '桃园村', kind: 'village', parentId: 'town-chengguan' },
  { _id: 'vil-shimen', name: '石门村', kind: 'village', parentId: 'town-shimen' },
  { _id: 'vil-hongqi', name: '红旗村', kind: 'village', parentId: 'town-shimen' },
  { _id: 'com-xingfu', name: '幸福社区', kind: 'community', parentId: 'street-dongcheng' },
  { _id: 'com-heping', name: '和平社区', kind: 'community', parentId: 'street-dongcheng' },
  // A new district not yet in the routing catalogue: its requests wait for the dispatcher.
  { _id: 'town-xinqu', name: '产业新区', kind: 'town', parentId: null },
  { _id: 'com-anju', name: '安居小区', kind: 'community', parentId: 'town-xinqu' },
] as const;

export const units = [
  { _id: 'unit-xinfang', name: '县信访局', kind: '县直单位' },
  // 人社局 names its own supervisor (the 纪检监察组 stationed with it); the others fall to the county's supervision office.
  { _id: 'unit-renshe', name: '县人社局', kind: '窗口单位', supervisorId: 'unit-jijian3' },
  { _id: 'unit-zhujian', name: '县住建局', kind: '执法单位' },
  { _id: 'unit-shuiwu', name: '县水务公司', kind: '公用事业' },
  { _id: 'unit-chengguan', name: '城关镇人民政府', kind: '镇' },
  { _id: 'unit-shimen', name: '石门镇人民政府', kind: '镇' },
  { _id: 'unit-dongcheng', name: '东城街道办事处', kind: '街道' },
  // Complaints about a unit (“投诉该单位或其工作人员”) go to its supervisor, never to the unit (S7.2 监督电话).
  { _id: 'unit-ducha', name: '县政府督查室', kind: '县直单位' },
  { _id: 'unit-jijian3', name: '县纪委监委第三派驻纪检监察组', kind: '县直单位' },
];

/** The county's supervision office: takes complaints about a unit that names no supervisor of its own. */
export const supervisionSettings = { _id: 'supervision' as const, unitId: 'unit-ducha' };

/** Per-caller limits an hour (data, not code): submissions, and every other action with typed text. */
export const limitSettings = { _id: 'limits' as const, submit: { perHour: 10 }, text: { perHour: 60 } };

export const cards = [
  {
    _id: 'card-renshe-1',
    scene: 'c-renshe-01',
    unitId: 'unit-renshe',
    unitName: '县人社局',
    scope: '社保参保、养老金领取资格认证、就业登记、失业保险金申领',
    duties: '一次性告知办事材料；当场能办的当场办结；不能当场办结的3个工作日内答复',
    responsible: '李建国（社保窗口负责人）',
    phone: '0000-6612345',
    supervisionPhone: '0000-6612300',
  },
  {
    _id: 'card-zhujian-1',
    scene: 'c-zhujian-01',
    unitId: 'unit-zhujian',
    unitName: '县住建局',
    scope: '城镇老旧小区改造、房屋安全鉴定、建筑施工扰民投诉',
    duties: '接到投诉2小时内联系，7个工作日内答复处理结果',
    responsible: '赵明（城建监察大队长）',
    phone: '0000-6623456',
    supervisionPhone: '0000-6623400',
  },
  {
    _id: 'card-chengguan-1',
    scene: 'c-chengguan-01',
    unitId: 'unit-chengguan',
    unitName: '城关镇人民政府',
    scope: '城关镇便民服务中心：户籍证明、低保申请、农村建房审批咨询',
    duties: '首问负责、限时办结；群众诉求当日登记、及时转办',
    responsible: '孙丽（便民服务中心主任）',
    phone: '0000-6634567',
    supervisionPhone: '0000-6634500',
  },
  {
    _id: 'card-xinfang-1',
    scene: 'c-xinfang-01',
    unitId: 'unit-xinfang',
    unitName: '县信访局',
    scope: '来信来访登记、信访事项转送交办、复查复核咨询',
    duties: '来访当日登记；15日内告知是否受理；件件有答复',
    responsible: '周调度（接访大厅负责人）',
    phone: '0000-6645678',
    supervisionPhone: '0000-6645600',
  },
].map((c) => ({ ...c, kind: 'unit' as const, active: true, handedOut: 0, version: 1, updatedAt: DEMO_NOW }));

/** Cadres' own 连心卡 (S7.1): name, unit, post, what they serve, their work phone; the rest get theirs when they first look. */
export const cadreCards = [
  {
    openid: 'demo-cadre-renshe',
    unitId: 'unit-renshe',
    unitName: '县人社局',
    name: '李建国',
    post: '社保窗口负责人',
    scope: '社保参保登记、养老保险待遇资格认证',
    duties: '当场能办的当场办结；材料不全的一次性告知',
    phone: '0000-6612346',
    supervisionPhone: '0000-6612300',
  },
  {
    openid: 'demo-cadre-chengguan',
    unitId: 'unit-chengguan',
    unitName: '城关镇人民政府',
    name: '孙丽',
    post: '便民服务中心主任',
    scope: '城关镇便民服务中心：户籍证明、低保申请',
    duties: '群众诉求当日登记，3个工作日内答复',
    phone: '0000-6634568',
    supervisionPhone: '0000-6634500',
  },
].map(({ openid, ...c }) => ({
  ...cadreCardKeys(openid),
  kind: 'cadre' as const,
  cadreId: openid,
  ...c,
  responsible: '',
  active: true,
  revokeReason: null,
  handedOut: 0,
  version: 1,
  createdAt: DEMO_NOW,
  updatedAt: DEMO_NOW,
  events: [],
}));

const wd = (n: number): Limit => ({ unit: 'workingDays', n });
const days = (n: number): Limit => ({ unit: 'days', n });
const hours = (n: number): Limit => ({ unit: 'hours', n });

/**
 * Deadline policies as the county's data (REQUIREMENTS.md “Deadlines”): 12345-style 诉求 (emergency
 * 2 h, utilities 24 h, general 7 working days, complex 15) and 信访 under the 信访工作条例 (route 15
 * days, tell 15 days, finish 60 days from acceptance, one extension ≤ 30 days, 复查/复核 30 + 30,
 * objection within 5 working days); a 差评 is followed up within 15 working days.
 */
export const deadlinePolicies: PolicyDoc[] = [
  {
    _id: 'policy-general',
    key: '诉求/*/normal',
    label: '一般诉求：1个工作日内签收，7个工作日内答复',
    route: wd(1),
    accept: wd(1),
    finish: wd(7),
    finishFrom: 'submit',
    object: wd(1),
    extension: wd(8),
    followUp: wd(15),
    remindAt: 0.75,
    noticeAfter: 3,
  },
  {
    _id: 'policy-complex',
    key: '诉求/投诉/normal',
    label: '投诉（复杂诉求）：1个工作日内签收，15个工作日内答复',
    route: wd(1),
    accept: wd(1),
    finish: wd(15),
    finishFrom: 'submit',
    object: wd(1),
    extension: wd(15),
    followUp: wd(15),
    remindAt: 0.75,
    noticeAfter: 3,
  },
  {
    _id: 'policy-emergency',
    key: '诉求/*/urgent',
    label: '紧急诉求：2小时内处置',
    route: hours(1),
    accept: hours(1),
    finish: hours(2),
    finishFrom: 'submit',
    extension: hours(24),
    followUp: wd(15),
    remindAt: 0.75,
    noticeAfter: 1,
  },
  {
    _id: 'policy-utility',
    key: '诉求/*/utility',
    label: '水电气暖：24小时内处置',
    route: hours(2),
    accept: hours(2),
    finish: hours(24),
    finishFrom: 'submit',
    extension: hours(48),
    followUp: wd(15),
    remindAt: 0.75,
    noticeAfter: 1,
  },
  {
    _id: 'policy-xinfang',
    key: '信访/*/normal',
    label: '信访事项：15日内登记转送、15日内告知受理、受理后60日内办结',
    route: days(15),
    accept: days(15),
    finish: days(60),
    finishFrom: 'accept',
    object: wd(5),
    extension: days(30),
    followUp: wd(15),
    review: { ask: days(30), answer: days(30) },
    remindAt: 0.75,
    noticeAfter: 5,
  },
  // 党代表建议 (S9.4) forwarded by the 党代表联络办: the unit signs for it and answers on the request lifecycle.
  {
    _id: 'policy-rep',
    key: '代表建议/*/normal',
    label: '党代表建议：3个工作日内签收，30日内答复',
    route: wd(3),
    accept: wd(3),
    finish: days(30),
    finishFrom: 'submit',
    object: wd(3),
    extension: days(30),
    followUp: wd(15),
    remindAt: 0.75,
    noticeAfter: 5,
  },
];

/**
 * Subscription-message templates chosen in the county's mini-program console (data, not code): a
 * 政务民生 mini-program has long-term ones (长期订阅) for both kinds of notice; the one-time ones are
 * the fallback.
 */
export const subscribeSettings = {
  _id: 'subscribe' as const,
  progress: 'demo-tmpl-progress',
  deadline: 'demo-tmpl-deadline',
  templates: [
    { id: 'demo-tmpl-progress-long', purpose: 'progress' as const, kind: 'long' as const },
    { id: 'demo-tmpl-deadline-long', purpose: 'deadline' as const, kind: 'long' as const },
    { id: 'demo-tmpl-progress', purpose: 'progress' as const, kind: 'once' as const },
    { id: 'demo-tmpl-deadline', purpose: 'deadline' as const, kind: 'once' as const },
    // 问卷调查通知 (one-time): a survey about a unit the resident dealt with opened
    { id: 'demo-tmpl-survey', purpose: 'survey' as const, kind: 'once' as const },
  ],
};

/** 派单目录: by place (and optionally category); a request with no match waits for the dispatcher. */
export const routingRules: { _id: string; category: RequestCategory | '*'; regionId: string; unitId: string }[] = [
  { _id: 'route-chengguan', category: '*', regionId: 'town-chengguan', unitId: 'unit-chengguan' },
  { _id: 'route-shimen', category: '*', regionId: 'town-shimen', unitId: 'unit-shimen' },
  { _id: 'route-dongcheng', category: '*', regionId: 'street-dongcheng', unitId: 'unit-dongcheng' },
  // 和平社区 has no rule of its own but its street's; 产业新区 has none, so its requests go to the dispatcher.
];

export interface DemoUser {
  openid: string;
  label: string;
  roles: Role[];
  unitId: string | null;
  name: string | null;
  level: CadreLevel | null;
  head?: boolean;
  /** The cadre's file (干部档案) as the organisation department keeps it: what a grassroots posting is checked against (S3.1). */
  birthYear?: number;
  grassroots?: boolean;
}

/** The demo people's openids, by who they are (tests and the story call them by these names). */
export const DEMO = {
  admin: 'demo-admin',
  renshe: 'demo-cadre-renshe',
  rensheHead: 'demo-head-renshe',
  zhujian: 'demo-cadre-zhujian',
  chengguan: 'demo-cadre-chengguan',
  ducha: 'demo-cadre-ducha',
  resident1: 'demo-resident-1',
  resident2: 'demo-resident-2',
  /** 党代表: the convener of 城关联络组, and a member of it. */
  repConvener: 'demo-rep-1',
  repMember: 'demo-rep-2',
  /** 县四大班子领导 receiving in rotation (S4.2). */
  leader1: 'demo-leader-1',
  leader2: 'demo-leader-2',
  /** 党员志愿服务 (S6): a member of 河西村党支部, and one of 幸福社区党支部. */
  volunteer: 'demo-volunteer-1',
  volunteer2: 'demo-volunteer-2',
  /** 包村（居）干部 of 石门镇 (S4.3: 逢五必进). */
  village: 'demo-village-shimen',
} as const;

export const demoUsers: DemoUser[] = [
  {
    openid: DEMO.admin,
    label: '县信访局调度员（管理员）',
    roles: ['resident', 'admin'],
    unitId: 'unit-xinfang',
    name: '周调度',
    level: '县直单位领导',
  },
  {
    openid: DEMO.renshe,
    label: '县人社局窗口干部',
    roles: ['resident', 'cadre'],
    unitId: 'unit-renshe',
    name: '李建国',
    level: '窗口工作人员',
    // a reserve cadre the organisation department may post to the grassroots (S3)
    birthYear: 1993,
    grassroots: false,
  },
  {
    openid: DEMO.rensheHead,
    label: '县人社局局长（单位负责人）',
    roles: ['resident', 'cadre'],
    unitId: 'unit-renshe',
    name: '王局长',
    level: '县直单位领导',
    head: true,
  },
  {
    openid: DEMO.zhujian,
    label: '县住建局干部',
    roles: ['resident', 'cadre'],
    unitId: 'unit-zhujian',
    name: '赵明',
    level: '县直单位领导',
  },
  { openid: DEMO.chengguan, label: '城关镇干部', roles: ['resident', 'cadre'], unitId: 'unit-chengguan', name: '孙丽', level: '镇领导' },
  {
    openid: DEMO.ducha,
    label: '县政府督查室干部（受理对单位的投诉）',
    roles: ['resident', 'cadre'],
    unitId: 'unit-ducha',
    name: '钱督查',
    level: '县直单位领导',
  },
  { openid: DEMO.resident1, label: '群众 王秀英（河西村）', roles: ['resident'], unitId: null, name: null, level: null },
  { openid: DEMO.resident2, label: '群众 陈大山（幸福社区）', roles: ['resident'], unitId: null, name: null, level: null },
  {
    openid: DEMO.repConvener,
    label: '党代表 刘红梅（城关联络组召集人）',
    roles: ['resident', 'rep'],
    unitId: null,
    name: '刘红梅',
    level: null,
  },
  { openid: DEMO.repMember, label: '党代表 张卫东（城关联络组）', roles: ['resident', 'rep'], unitId: null, name: '张卫东', level: null },
  {
    openid: DEMO.leader1,
    label: '县领导 陈建华（县委副书记）',
    roles: ['resident', 'cadre'],
    unitId: null,
    name: '陈建华',
    level: '县四大班子领导',
  },
  {
    openid: DEMO.leader2,
    label: '县领导 林志远（副县长）',
    roles: ['resident', 'cadre'],
    unitId: null,
    name: '林志远',
    level: '县四大班子领导',
  },
  {
    openid: DEMO.volunteer,
    label: '党员 马春华（河西村党支部）',
    roles: ['resident', 'volunteer'],
    unitId: null,
    name: '马春华',
    level: null,
  },
  {
    openid: DEMO.volunteer2,
    label: '党员 何志远（幸福社区党支部）',
    roles: ['resident', 'volunteer'],
    unitId: null,
    name: '何志远',
    level: null,
  },
  {
    openid: DEMO.village,
    label: '石门镇包村干部 吴小军（石门村）',
    roles: ['resident', 'cadre'],
    unitId: 'unit-shimen',
    name: '吴小军',
    level: '包村(居)干部',
  },
];

// ---------------------------------------------------------------- 党代表 (S9)

/** The county's yearly targets for representatives (S9.2, S9.3): data an admin may change. */
export const repTargetSettings = {
  _id: 'repTargets' as const,
  peoplePerYear: 50,
  groupActivitiesPerQuarter: 1,
  officeActivitiesPerYear: 2,
};

/** A working group (S9.1) with its convener. */
export const repGroups = [{ _id: 'rgroup-chengguan', name: '城关镇党代表联络组', convenerId: DEMO.repConvener, years: {} }];

/** Representatives' public contact cards (S9.3): each one's 小程序码 carries the scene key. */
export const reps = [
  {
    _id: DEMO.repConvener,
    name: '刘红梅',
    scene: 'r-liuhongmei',
    title: '县党代表',
    intro: '城关镇河西村党支部书记，联系河西村、桃园村党员群众',
    phone: '0000-6620101',
    place: '城关镇党代表联络站（镇政府一楼）',
    receiveTime: '每月5日、20日上午',
    groupId: 'rgroup-chengguan',
    groupName: '城关镇党代表联络组',
    active: true,
    years: {},
  },
  {
    _id: DEMO.repMember,
    name: '张卫东',
    scene: 'r-zhangweidong',
    title: '县党代表',
    intro: '城关镇桃园村种植合作社负责人，联系桃园村党员群众',
    phone: '0000-6620102',
    place: '桃园村党群服务中心',
    receiveTime: '每周三下午',
    groupId: 'rgroup-chengguan',
    groupName: '城关镇党代表联络组',
    active: true,
    years: {},
  },
];

/** An unused invite code, so a new cadre can try binding. */
export const demoInvite = { _id: 'DEMO2626', unitId: 'unit-shimen', unitName: '石门镇人民政府', level: '镇领导' as CadreLevel };

/**
 * The demo's yearly surveys (S10): last year's, closed with its results public, and this year's,
 * open (the demo residents have not answered it: try it from a 连心卡). Answers come from people
 * who are not demo identities, each answer a subject's scores per question and some free text.
 */
export const demoSurveys = {
  questions: [
    { text: '服务态度', kind: 'scale' as const },
    { text: '办事效率', kind: 'scale' as const },
    { text: '意见建议', kind: 'text' as const },
  ],
  subjects: [
    { kind: '领导班子' as const, unitId: 'unit-chengguan' },
    { kind: '领导班子' as const, unitId: 'unit-shimen' },
    { kind: '执法窗口单位' as const, unitId: 'unit-renshe' },
    { kind: '执法窗口单位' as const, unitId: 'unit-zhujian' },
    { kind: '领导联系点' as const, unitId: 'unit-dongcheng', label: '县委书记联系点：幸福社区' },
  ],
  lastYear: { title: '2025年度群众满意度调查', year: 2025 },
  thisYear: {
    title: '2026年度群众满意度调查',
    year: 2026,
    intro: '请对您接触过的单位和联系点作出评价，不了解的可以不填。答卷不记名。',
  },
  /** [subject index, score for 服务态度, score for 办事效率, text] per answer; respondent k answers rows k, k+1. */
  answers: [
    [0, 5, 4, '村里的路修好了，感谢镇里'],
    [2, 4, 5, ''],
    [3, 2, 3, '工地投诉处理得慢'],
    [4, 5, 5, ''],
    [1, 3, 0, ''],
    [2, 5, 4, '窗口一次性告知，很方便'],
  ] as [number, number, number, string][],
};

/** The demo's 三问决策 (S1.4): 问需 answered by the office, 问计 open for votes and comments. */
export const demoConsult = {
  title: '老城区停车场建设',
  background: '县城老城区停车难，县政府拟新建公共停车场。建设前问需求、建设中问方案、建成后问效果，请群众参与。',
  phases: [
    { question: '您在哪里停车最难？', options: ['老城区商业街', '县医院附近', '学校附近'] },
    { question: '您支持哪个建设方案？', options: ['地下停车场（工期长、不占地面）', '立体停车楼（工期短）'] },
    { question: '停车场建成后好用吗？', options: ['好用', '一般', '不好用'] },
  ],
  needAnswer: '多数群众反映老城区商业街停车最难，停车场选址定在商业街东侧原农机站地块。',
  /** [phase, option] votes of people who are not demo identities, and comments in the open phase. */
  votes: [
    [0, 0],
    [0, 0],
    [0, 1],
    [1, 1],
    [1, 0],
    [1, 1],
  ] as [number, number][],
  comments: ['希望晚上免费停车', '立体停车楼工期短，早建成早方便'],
};

// ---------------------------------------------------------------- 接访、约访 (S4)

/**
 * Reception rules, one per kind of unit (S4.2), as the county's data: county leaders in rotation
 * every Thursday and every day of a sensitive period; towns and streets one leader every day;
 * departments with many petitions one every working day; other units once a week.
 */
export const meetRules = [
  {
    _id: 'rule-county',
    label: '县领导轮流接访',
    scope: 'county' as const,
    cadence: 'weekday' as const,
    weekday: 4,
    dailyInSensitive: true,
    place: '县信访局接待大厅',
    hours: '08:30–12:00',
  },
  {
    _id: 'rule-town',
    label: '镇（街道）领导每日接访',
    scope: 'unit' as const,
    unitKinds: ['镇', '街道'],
    cadence: 'daily' as const,
    dailyInSensitive: true,
    place: '镇（街道）便民服务中心接访室',
    hours: '08:30–17:30',
  },
  {
    _id: 'rule-heavy',
    label: '信访任务较重部门每个工作日接访',
    scope: 'unit' as const,
    unitIds: ['unit-renshe', 'unit-zhujian'],
    cadence: 'workingDay' as const,
    dailyInSensitive: false,
    place: '本单位办事大厅接访窗口',
    hours: '09:00–11:30',
  },
  {
    _id: 'rule-other',
    label: '其他部门每周接访一次',
    scope: 'unit' as const,
    unitKinds: ['县直单位', '窗口单位', '执法单位', '公用事业'],
    cadence: 'weekly' as const,
    dailyInSensitive: false,
    place: '本单位接待室',
    hours: '09:00–11:30',
  },
];

// ---------------------------------------------------------------- 党员志愿服务 (S6)

/** The county's rules for party members (S6.1, S6.3): the pair range and the yearly activity targets; data an admin may change. */
export const volTargetSettings = {
  _id: 'volTargets' as const,
  pairMin: 10,
  pairMax: 20,
  teamActivitiesPerYear: 6,
  volunteerActivitiesPerYear: 2,
};

/** Party members' 党群连心服务卡 (S6.1): each one's 小程序码 carries the scene key; pairs are added by the member. */
export const volunteers = [
  {
    _id: DEMO.volunteer,
    name: '马春华',
    scene: 'v-machunhua',
    branch: '城关镇河西村党支部',
    phone: '0000-6620301',
    intro: '退休教师，结对河西村三组、四组群众，擅长政策宣传和邻里调解',
    active: true,
    pairs: 0,
    years: {},
  },
  {
    _id: DEMO.volunteer2,
    name: '何志远',
    scene: 'v-hezhiyuan',
    branch: '东城街道幸福社区党支部',
    phone: '0000-6620302',
    intro: '社区网格员，结对幸福社区5栋、6栋群众',
    active: true,
    pairs: 0,
    years: {},
  },
];
// ---------------------------------------------------------------- 干部履职 (S1–S3, S5, S8)

const COUNTY = '县四大班子领导' as CadreLevel;
const TOWN = '镇领导' as CadreLevel;
const STREET = '街道领导' as CadreLevel;
const DEPT = '县直单位领导' as CadreLevel;
const LEADERS = [COUNTY, TOWN, STREET, DEPT];
const rule = (r: Omit<DutyRule, 'kind' | 'fromYear' | 'toYear' | 'version'> & Partial<Pick<DutyRule, 'kind'>>): DutyRule => ({
  kind: 'quota',
  fromYear: 2020,
  toYear: null,
  version: 0,
  ...r,
});

/**
 * Every quota of the rule book's S1–S3, S5 and S8 as the county's data (`duty_rules`): an admin
 * changes a threshold from a coming year on, and figures follow without a release. Months of
 * grassroots time are counted as days (3 months = 90 days).
 */
export const dutyRules: DutyRule[] = [
  // S1.1 调研报告 1–2 篇/年
  rule({
    _id: 'S1.1-reports',
    clause: 'S1.1',
    label: '每年完成调研报告',
    levels: LEADERS,
    measure: 'reports',
    period: { kind: 'year' },
    threshold: 1,
    unit: '篇',
  }),
  // S1.2 下基层时间
  rule({
    _id: 'S1.2-county-days',
    clause: 'S1.2',
    label: '每年下基层工作和调研不少于3个月',
    levels: [COUNTY],
    measure: 'days',
    period: { kind: 'year' },
    threshold: 90,
    unit: '天',
  }),
  rule({
    _id: 'S1.2-county-villages',
    clause: 'S1.2',
    label: '任期内跑遍全县所有村',
    levels: [COUNTY],
    measure: 'places',
    scope: 'county',
    period: { kind: 'tenure' },
    threshold: 1,
    unit: '个村（社区）',
  }),
  rule({
    _id: 'S1.2-town-days',
    clause: 'S1.2',
    label: '每年到村（社区）工作和调研不少于6个月',
    levels: [TOWN, STREET],
    measure: 'days',
    period: { kind: 'year' },
    threshold: 180,
    unit: '天',
  }),
  rule({
    _id: 'S1.2-town-villages',
    clause: 'S1.2',
    label: '每年跑遍本镇（街道）所有村（社区）',
    levels: [TOWN, STREET],
    measure: 'places',
    scope: 'town',
    period: { kind: 'year' },
    threshold: 1,
    unit: '个村（社区）',
  }),
  rule({
    _id: 'S1.2-dept-days',
    clause: 'S1.2',
    label: '每年进村入企、到服务对象工作和调研不少于4个月',
    levels: [DEPT],
    measure: 'days',
    period: { kind: 'year' },
    threshold: 120,
    unit: '天',
  }),
  // S2.1 联系点
  rule({
    _id: 'S2.1-county-set',
    clause: 'S2.1',
    label: '一联六联系点',
    levels: [COUNTY],
    measure: 'contactSlots',
    period: { kind: 'year' },
    threshold: 1,
    unit: '个',
    slots: [
      { slot: 'town', count: 1 },
      { slot: 'renovationVillage', count: 1 },
      { slot: 'oldAreaVillage', count: 1 },
      { slot: 'poorHousehold', count: 1 },
      { slot: 'enterprise', count: 1 },
      { slot: 'project', count: 1 },
    ],
  }),
  rule({
    _id: 'S2.1-town-set',
    clause: 'S2.1',
    label: '一联五联系点',
    levels: [TOWN, STREET],
    measure: 'contactSlots',
    period: { kind: 'year' },
    threshold: 1,
    unit: '个',
    slots: [
      { slot: 'village', count: 1 },
      { slot: 'oldMember', count: 1 },
      { slot: 'wealthLeader', count: 1 },
      { slot: 'poorHousehold', count: 1 },
      { slot: 'household', count: 5 },
    ],
  }),
  rule({
    _id: 'S2.1-dept-set',
    clause: 'S2.1',
    label: '一联二联系点',
    levels: [DEPT],
    measure: 'contactSlots',
    period: { kind: 'year' },
    threshold: 1,
    unit: '个',
    slots: [
      { slot: 'grassrootsUnit', count: 1 },
      { slot: 'serviceRecipient', count: 3 },
    ],
  }),
  // S2.3 住村、入企、逢十必进、走访
  rule({
    _id: 'S2.3-county-stay',
    clause: 'S2.3',
    label: '7月与群众同吃同住不少于7天',
    levels: [COUNTY],
    measure: 'stayDays',
    period: { kind: 'month', month: 7 },
    threshold: 7,
    unit: '天',
  }),
  rule({
    _id: 'S2.3-county-enterprise',
    clause: 'S2.3',
    label: '每月深入联系企业现场不少于1次',
    levels: [COUNTY],
    measure: 'slotDays',
    slot: 'enterprise',
    period: { kind: 'month' },
    threshold: 1,
    unit: '次',
  }),
  rule({
    _id: 'S2.3-county-project',
    clause: 'S2.3',
    label: '每月深入联系项目现场不少于1次',
    levels: [COUNTY],
    measure: 'slotDays',
    slot: 'project',
    period: { kind: 'month' },
    threshold: 1,
    unit: '次',
  }),
  rule({
    _id: 'S2.3-town-stay',
    clause: 'S2.3',
    label: '每月在联系村连续住村不少于3天',
    levels: [TOWN],
    measure: 'stayRun',
    slot: 'village',
    period: { kind: 'month' },
    threshold: 3,
    unit: '天',
  }),
  rule({
    _id: 'S2.3-street-tenth',
    clause: 'S2.3',
    label: '逢十（10日、20日、30日）必进社区',
    levels: [STREET],
    measure: 'fixedDays',
    slot: 'village',
    days: [10, 20, 30],
    period: { kind: 'month' },
    threshold: 1,
    unit: '天',
  }),
  rule({
    _id: 'S2.3-street-households',
    clause: 'S2.3',
    label: '每年走访社区居民不少于1/3',
    levels: [STREET],
    measure: 'householdShare',
    period: { kind: 'year' },
    threshold: 1 / 3,
    unit: '户',
  }),
  rule({
    _id: 'S2.3-dept-visits',
    clause: 'S2.3',
    label: '每年深入联系点不少于4次',
    levels: [DEPT],
    measure: 'contactVisits',
    period: { kind: 'year' },
    threshold: 4,
    unit: '次',
  }),
  rule({
    _id: 'S2.3-dept-days',
    clause: 'S2.3',
    label: '每年深入联系点不少于4天',
    levels: [DEPT],
    measure: 'contactDays',
    period: { kind: 'year' },
    threshold: 4,
    unit: '天',
  }),
  // S2.4 轻车简从
  rule({
    _id: 'S2.4-retinue',
    kind: 'limit',
    clause: 'S2.4',
    label: '随行人员不超过3人',
    levels: LEADERS,
    measure: 'retinue',
    period: { kind: 'year' },
    threshold: 3,
    unit: '人',
  }),
  // S3 下基层锻炼
  rule({
    _id: 'S3.1-posting-days',
    kind: 'limit',
    clause: 'S3.1',
    label: '下基层锻炼一般不少于3个月',
    levels: [],
    measure: 'postingDays',
    period: { kind: 'year' },
    threshold: 90,
    unit: '天',
  }),
  rule({
    _id: 'S3.1-posting-age',
    kind: 'limit',
    clause: 'S3.1',
    label: '选派45周岁以下的后备干部',
    levels: [],
    measure: 'postingAge',
    period: { kind: 'year' },
    threshold: 45,
    unit: '周岁',
  }),
  // S5 谈心谈话
  rule({
    _id: 'S5.2-talks',
    clause: 'S5.2',
    label: '每年至少安排2次谈心谈话活动',
    levels: LEADERS,
    measure: 'talks',
    period: { kind: 'year' },
    threshold: 2,
    unit: '次',
  }),
  // S8 扶贫济困
  rule({
    _id: 'S8.1-pair',
    clause: 'S8.1',
    label: '与一户困难户结成“一助一”帮扶对子',
    levels: LEADERS,
    measure: 'pairs',
    pairKind: 'oneToOne',
    period: { kind: 'year' },
    threshold: 1,
    unit: '户',
  }),
  rule({
    _id: 'S8.1-festivals',
    clause: 'S8.1',
    label: '元旦、春节走访慰问帮扶户',
    levels: LEADERS,
    measure: 'festivalVisits',
    pairKind: 'oneToOne',
    period: { kind: 'year' },
    threshold: 1,
    unit: '次',
    occasions: [
      { key: '元旦', date: '01-01', remindDays: 7 },
      { key: '春节', date: 'lunar-new-year', remindDays: 7 },
    ],
  }),
  rule({
    _id: 'S8.2-youfu',
    clause: 'S8.2',
    label: '春种秋收、八一、春节走访优抚对象困难户',
    levels: [DEPT],
    measure: 'festivalVisits',
    pairKind: 'youfu',
    period: { kind: 'year' },
    threshold: 1,
    unit: '次',
    occasions: [
      { key: '春种', date: '04-05', remindDays: 7 },
      { key: '八一', date: '08-01', remindDays: 7 },
      { key: '秋收', date: '09-23', remindDays: 7 },
      { key: '春节', date: 'lunar-new-year', remindDays: 7 },
    ],
  }),
];

/** A leader the duties bind beyond the demo's: a street leader (逢十必进, a third of the community's households). */
export const dutyLeaders: DemoUser[] = [
  {
    openid: 'demo-leader-street',
    label: '东城街道办事处主任 周敏（街道领导）',
    roles: ['resident', 'cadre'],
    unitId: 'unit-dongcheng',
    name: '周敏',
    level: STREET,
  },
];

/** Households of each community (S2.3: a street leader visits ≥ 1/3 of them a year): data on the region. */
export const regionHouseholds: Record<string, number> = { 'com-xingfu': 120, 'com-heping': 90, 'com-anju': 60 };

/**
 * The lunar new year (春节) by year, as the county's data for festival visits and their reminders
 * (S8): chinese-days computes it in the host's zone, so the dates are kept here, checked against it
 * on Shanghai time (test/unit/duties.test.ts); an admin adds a later year.
 */
export const dutyCalendar = {
  _id: 'dutyCalendar' as const,
  lunarNewYear: {
    '2024': '02-10',
    '2025': '01-29',
    '2026': '02-17',
    '2027': '02-06',
    '2028': '01-26',
    '2029': '02-13',
    '2030': '02-03',
    '2031': '01-23',
    '2032': '02-11',
    '2033': '01-31',
    '2034': '02-19',
    '2035': '02-08',
  },
};

// ---------------------------------------------------------------- 包案 (S4.5)

/**
 * A key case: a visit the 信访局 registered for 城关镇, given to 县委副书记 陈建华 with the five
 * duties; he has seen to 包思想疏导, the rest are open (the 督办台 shows them).
 */
export const demoCase = {
  letter: {
    clientId: 'demo-seed-case-0001',
    source: '来访' as const,
    category: '求助' as const,
    content: '河西村两户宅基地界址纠纷多年未解决，双方多次到县里上访，请求县领导出面协调。',
    contactName: '周大海',
    contactPhone: '13900005678',
    unitId: 'unit-chengguan',
    confidential: false,
  },
  leader: DEMO.leader1,
  note: '多次来访，属重点信访案件，请县领导包案',
  ticked: [{ duty: 'counsel' as const, note: '已到河西村同两户当面谈心，讲清宅基地政策和调处程序' }],
};

// ---------------------------------------------------------------- 下访 (S4.3)

/**
 * The 下访 rules (S4.3) as the county's data (`visit_rules`): county leaders one 下访 a month
 * (带案下访); 包村（居）干部 逢五必进 — the rule book says every Friday (每周五进村（居）), and every
 * day of a sensitive period. A county that reads 逢五 as the 5th, 15th and 25th changes the rule to
 * `cadence: 'monthDays', days: [5, 15, 25]`.
 */
export const visitRules: VisitRuleDoc[] = [
  {
    _id: 'S4.3-county',
    clause: 'S4.3',
    label: '县四大班子领导每月下访一次（带案下访）',
    levels: ['县四大班子领导' as CadreLevel],
    cadence: 'monthly',
    count: 1,
    dailyInSensitive: false,
  },
  {
    _id: 'S4.3-village',
    clause: 'S4.3',
    label: '包村（居）干部逢五必进：每周五进村（居）下访，重要敏感时期每天下访',
    levels: ['包村(居)干部' as CadreLevel],
    cadence: 'weekday',
    weekday: 5,
    dailyInSensitive: true,
  },
];
