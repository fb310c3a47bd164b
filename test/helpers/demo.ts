/** The demo county's people (scripts/demo-county.ts, seeded by startTestCloud) as the tests call them. */
import { DEMO } from '../../scripts/demo-county';

/** 群众 王秀英（河西村）. */
export const R1 = DEMO.resident1;
/** 群众 陈大山（幸福社区）. */
export const R2 = DEMO.resident2;
/** 县信访局调度员: the dispatcher (admin). */
export const ADMIN = DEMO.admin;
/** 县人社局窗口干部: handles what comes in on the 人社局 card (c-renshe-01). */
export const RENSHE = DEMO.renshe;
/** 县人社局局长: the head of the 人社局, who decides its extensions. */
export const RENSHE_HEAD = DEMO.rensheHead;
/** 县住建局干部. */
export const ZHUJIAN = DEMO.zhujian;
/** 城关镇干部. */
export const CHENGGUAN = DEMO.chengguan;
/** 县政府督查室干部: the county's supervision office, which takes complaints about a unit. */
export const DUCHA = DEMO.ducha;
/** 县领导 陈建华 (县四大班子领导): receives in rotation, reads letters sent for 阅批. */
export const LEADER = DEMO.leader1;
