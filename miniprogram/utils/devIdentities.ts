/**
 * Demo identities of the local cloud (copied from scripts/demo-county.ts `demoUsers`, which the
 * mini-program cannot import). Only offered by a develop build on the local cloud (services/runtime.ts).
 */
export interface DevIdentity {
  openid: string;
  label: string;
}

export const DEV_IDENTITIES: readonly DevIdentity[] = [
  { openid: 'demo-admin', label: '县信访局调度员（管理员）' },
  { openid: 'demo-cadre-renshe', label: '县人社局窗口干部' },
  { openid: 'demo-cadre-zhujian', label: '县住建局干部' },
  { openid: 'demo-cadre-chengguan', label: '城关镇干部' },
  { openid: 'demo-resident-1', label: '群众 王秀英（河西村）' },
  { openid: 'demo-resident-2', label: '群众 陈大山（幸福社区）' },
  { openid: 'demo-rep-1', label: '党代表 刘红梅（城关联络组召集人）' },
  { openid: 'demo-rep-2', label: '党代表 张卫东（城关联络组）' },
  { openid: 'demo-leader-1', label: '县领导 陈建华（县委副书记）' },
  { openid: 'demo-leader-2', label: '县领导 林志远（副县长）' },
  { openid: 'demo-volunteer-1', label: '党员 马春华（河西村党支部）' },
  { openid: 'demo-volunteer-2', label: '党员 何志远（幸福社区党支部）' },
  // 干部履职 (scripts/demo-county.ts `dutyLeaders`)
  { openid: 'demo-leader-street', label: '东城街道办事处主任 周敏（街道领导）' },
  // 下访 (scripts/demo-county.ts `demoUsers`)
  { openid: 'demo-village-shimen', label: '石门镇包村干部 吴小军（石门村）' },
];
