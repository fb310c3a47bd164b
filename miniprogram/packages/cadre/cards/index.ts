/**
 * 连心卡 (S7): a cadre's own card (修改 it: the printed code shows the change at once) above their
 * unit's cards, each exactly as a resident reads it after scanning; with `?admin=1`, an admin picks a
 * unit and sees every card of it, its cadres' too, to change or take out of use (停用, with the reason).
 */
import type { CardEntry, CardView, UnitView } from '../../../../typings/index';
import { HAND_OUT_TO, REVOKE_REASON, cardFields, textProblemOfCard, type CardFieldKey } from '../../../shared/cards';
import { textProblem } from '../../../shared/limits';
import { editCard, fetchCardCode, fetchCardsOf, fetchMyCards, fetchUnits, handOutCard, revokeCard } from '../../../services/county';
import { newClientId } from '../../../utils/clientId';
import { isConflict, showError, toast, toastSuccess } from '../../../utils/feedback';
import { formatDateTime } from '../../../utils/format';
import { wholeList } from '../../../utils/pager';

interface CardRow {
  id: string;
  scene: string;
  title: string;
  kindLabel: string;
  rows: { key: string; label: string; value: string }[];
  updated: string;
  active: boolean;
  revokeReason: string;
  canEdit: boolean;
  canRevoke: boolean;
  /** Its 小程序码 may be shown here (a cadre's own unit's cards). */
  codeable: boolean;
  /** Handed out (发放) from here: cards in use the caller may hand out. */
  printable: boolean;
  handedOut: number;
}

interface FormField {
  key: CardFieldKey;
  label: string;
  value: string;
  max: number;
  long: boolean;
  error: string;
}

/** What the card shows, field by field, from the one list of card fields. */
function rowOf(c: CardView | CardEntry, opts: { admin: boolean; codeable: boolean }): CardRow {
  const entry = 'canEdit' in c ? c : null;
  return {
    id: c.id,
    scene: c.scene,
    title: c.kind === 'cadre' ? `${c.name ?? ''} · ${c.unitName}` : c.unitName,
    kindLabel: c.kind === 'cadre' ? '干部' : '单位',
    rows: cardFields(c.kind).map((f) => ({ key: f.key, label: f.label, value: c[f.key] ?? '' })),
    updated: formatDateTime(c.updatedAt),
    active: c.active,
    revokeReason: entry?.revokeReason ?? '',
    canEdit: entry?.canEdit === true,
    canRevoke: opts.admin && c.active,
    codeable: opts.codeable && c.active,
    printable: c.active,
    handedOut: entry?.handedOut ?? 0,
  };
}

Page({
  data: {
    admin: false,
    cards: [] as CardRow[],
    codes: {} as Record<string, string>,
    codeLoading: '',
    unitName: '',
    unitPicker: false,
    unitColumns: [] as string[],
    editing: '',
    form: [] as FormField[],
    revoking: '',
    reason: '',
    reasonMax: REVOKE_REASON.max,
    busy: false,
    handing: '',
    copies: '',
    handTo: '',
    handToMax: HAND_OUT_TO.max,
  },
  behaviors: [wholeList],
  entries: [] as (CardView | CardEntry)[],
  units: [] as UnitView[],
  unitId: '',
  handClientId: '',
  onLoad(options: Record<string, string | undefined>) {
    this.setData({ admin: options.admin === '1' });
    this.unitId = options.unit ?? '';
    void this.reload();
  },
  async fetchAll() {
    if (this.data.admin) {
      if (!this.units.length) this.units = await fetchUnits();
      const unit = this.units.find((u) => u.id === this.unitId);
      const entries = unit ? await fetchCardsOf(unit.id) : [];
      this.entries = entries;
      return {
        unitName: unit?.name ?? '',
        unitColumns: this.units.map((u) => u.name),
        cards: entries.map((c) => rowOf(c, { admin: true, codeable: false })),
      };
    }
    const { mine, unit } = await fetchMyCards();
    this.entries = [mine, ...unit];
    return { cards: this.entries.map((c) => rowOf(c, { admin: false, codeable: true })) };
  },
  onPickUnit() {
    this.setData({ unitPicker: true });
  },
  onCloseUnits() {
    this.setData({ unitPicker: false });
  },
  onUnitPicked(e: { detail: { index: number } }) {
    const unit = this.units[e.detail.index];
    this.setData({ unitPicker: false });
    if (!unit) return;
    this.unitId = unit.id;
    this.setData({ loading: true });
    void this.reload();
  },
  /** wholeList's load (a behavior's method the page's typing does not see). */
  reload(): Promise<void> {
    return (this as unknown as { load(): Promise<void> }).load();
  },
  entry(id: string): CardView | CardEntry | undefined {
    return this.entries.find((c) => c.id === id);
  },
  /** 修改: the card's own fields in a form, filled with what it says now. */
  onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const c = this.entry(e.currentTarget.dataset.id);
    if (!c) return;
    const form = cardFields(c.kind).map((f) => ({
      key: f.key,
      label: f.label,
      value: c[f.key] ?? '',
      max: f.max,
      long: f.long === true,
      error: '',
    }));
    this.setData({ editing: c.id, form });
  },
  onField(e: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { index: number }> & { detail: string }) {
    this.setData({
      [`form[${Number(e.currentTarget.dataset.index)}].value`]: e.detail,
      [`form[${Number(e.currentTarget.dataset.index)}].error`]: '',
    });
  },
  onCancel() {
    this.setData({ editing: '', revoking: '', reason: '', handing: '' });
  },
  async onSave() {
    const c = this.entry(this.data.editing);
    if (!c || this.data.busy) return;
    // Each field's problem at the field, in the words the server would use.
    const form = this.data.form.map((f) => ({ ...f, error: textProblemOfCard(f.key, f.value) ?? '' }));
    if (form.some((f) => f.error)) {
      this.setData({ form });
      return;
    }
    const fields: Partial<Record<CardFieldKey, string>> = {};
    for (const f of form) if (f.value.trim() !== (c[f.key] ?? '')) fields[f.key] = f.value.trim();
    if (!Object.keys(fields).length) {
      this.setData({ editing: '' });
      return;
    }
    await this.write(() => editCard(c.id, c.version, fields), '已保存，群众扫码即看到新内容');
  },
  onRevoke(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    this.setData({ revoking: e.currentTarget.dataset.id, reason: '' });
  },
  onReason(e: { detail: string }) {
    this.setData({ reason: e.detail });
  },
  async onConfirmRevoke() {
    const c = this.entry(this.data.revoking);
    if (!c || this.data.busy) return;
    await this.write(() => revokeCard(c.id, c.version, this.data.reason.trim()), '已停用，扫码会引导群众找单位');
  },
  /** Saves, then shows the list as it now is; someone else's change first is said plainly and reloaded. */
  async write(call: () => Promise<CardEntry>, done: string) {
    this.setData({ busy: true });
    try {
      await call();
      this.setData({ busy: false, editing: '', revoking: '', reason: '', handing: '' });
      toastSuccess(this, done);
      await this.reload();
    } catch (err) {
      this.setData({ busy: false });
      if (isConflict(err)) {
        this.setData({ editing: '', revoking: '', handing: '' });
        await this.reload();
      }
      showError(this, err);
    }
  },
  /** Shows a card's 小程序码 (long-press to save and print): residents scan it to reach the card. */
  async onShowCode(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (this.data.codeLoading) return;
    this.setData({ codeLoading: id });
    try {
      const { image } = await fetchCardCode(id);
      this.setData({ codeLoading: '', [`codes.${id}`]: image });
    } catch (err) {
      this.setData({ codeLoading: '' });
      showError(this, err);
    }
  },
  /** 登记发放: how many printed copies went to whom. */
  onHandOut(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    this.handClientId = newClientId();
    this.setData({ handing: e.currentTarget.dataset.id, copies: '', handTo: '' });
  },
  onCopies(e: { detail: string }) {
    this.setData({ copies: e.detail });
  },
  onHandTo(e: { detail: string }) {
    this.setData({ handTo: e.detail });
  },
  async onConfirmHandOut() {
    const c = this.entry(this.data.handing);
    if (!c || this.data.busy) return;
    const copies = Number(this.data.copies.trim());
    if (!Number.isInteger(copies) || copies < 1) {
      toast(this, '请填写发放了几张');
      return;
    }
    const problem = textProblem(HAND_OUT_TO, this.data.handTo);
    if (problem) {
      toast(this, problem);
      return;
    }
    await this.write(() => handOutCard(c.id, c.version, this.handClientId, copies, this.data.handTo.trim()), '已登记发放');
  },
});
