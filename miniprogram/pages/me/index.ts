/** 我的: who I am, and the entries my roles open; in local development, a demo-identity switch. */
import type { IAppOption, Me, Role } from '../../../typings/index';
import { DEV_OPENID_KEY } from '../../services/cloud';
import { localCloudUrl } from '../../services/runtime';
import { DEV_IDENTITIES } from '../../utils/devIdentities';
import { showError, toastSuccess } from '../../utils/feedback';
import { largeTypeData, setLargeType } from '../../utils/largeType';
import { isLeader } from '../../shared/duties';
import { COUNTY_LEADER } from '../../shared/meet';

const ROLE_LABELS: Record<Role, string> = { resident: '群众', cadre: '干部', rep: '代表', volunteer: '党员', admin: '调度员' };

function view(me: Me) {
  return {
    name: me.name ?? '微信用户',
    roleText: me.roles.map((r) => ROLE_LABELS[r]).join('、'),
    unitName: me.unitName ?? '',
    level: me.level ?? '',
    isCadre: me.roles.includes('cadre'),
    isAdmin: me.roles.includes('admin'),
    isRep: me.roles.includes('rep'),
    isVolunteer: me.roles.includes('volunteer'),
    // 干部履职: the leaders the duties bind; a unit head reads the unit's figures
    isLeader: me.roles.includes('cadre') && isLeader(me.level),
    isHead: me.roles.includes('cadre') && me.head,
    // 包案 (S4.5): the county's leaders take key cases
    isCountyLeader: me.roles.includes('cadre') && me.level === COUNTY_LEADER,
    // 下访 (S4.3): leaders and 包村干部 log theirs
    isVisitor: me.roles.includes('cadre') && (isLeader(me.level) || me.level === '包村(居)干部'),
  };
}

Page({
  data: {
    loading: true,
    name: '',
    roleText: '',
    unitName: '',
    level: '',
    isCadre: false,
    isAdmin: false,
    isRep: false,
    isVolunteer: false,
    isLeader: false,
    isHead: false,
    isCountyLeader: false,
    isVisitor: false,
    devMode: false,
    devLabel: '',
    devColumns: DEV_IDENTITIES.map((d) => d.label),
    devIndex: 0,
    pickerShown: false,
  },
  onLoad() {
    this.setData(largeTypeData());
    // Only a develop build on the local cloud offers the demo identities (never trial or release).
    this.setData({ devMode: Boolean(localCloudUrl()) });
  },
  onShow() {
    void this.load(false);
  },
  async load(force: boolean) {
    if (this.data.devMode) this.showDevIdentity();
    try {
      const me = await getApp<IAppOption>().loadMe(force);
      this.setData({ loading: false, ...view(me) });
    } catch (e) {
      this.setData({ loading: false });
      showError(this, e);
    }
  },
  showDevIdentity() {
    const openid = wx.getStorageSync<string>(DEV_OPENID_KEY);
    const i = DEV_IDENTITIES.findIndex((d) => d.openid === openid);
    this.setData({ devLabel: i >= 0 ? DEV_IDENTITIES[i]!.label : '未选择', devIndex: Math.max(i, 0) });
  },
  onToggleLarge() {
    setLargeType(!(this.data as { large?: boolean }).large, '/pages/me/index');
  },
  onPickIdentity() {
    this.setData({ pickerShown: true });
  },
  onClosePicker() {
    this.setData({ pickerShown: false });
  },
  onIdentityChosen(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
    const chosen = DEV_IDENTITIES[e.detail.index];
    this.setData({ pickerShown: false });
    if (!chosen) return;
    wx.setStorageSync(DEV_OPENID_KEY, chosen.openid);
    toastSuccess(this, `已切换为${chosen.label}`);
    void this.load(true);
  },
});
