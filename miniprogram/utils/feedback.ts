/**
 * What the user is told: Vant toasts and confirmation dialogs, in one place. Pages hold
 * `<van-toast id="van-toast" />` and `<van-dialog id="van-dialog" />`.
 */
import Toast from '../miniprogram_npm/@vant/weapp/toast/toast';
import Dialog from '../miniprogram_npm/@vant/weapp/dialog/dialog';
import { isCallError } from '../services/cloud';

type Context = WechatMiniprogram.Page.TrivialInstance | WechatMiniprogram.Component.TrivialInstance;

const FALLBACK = '系统繁忙，请稍后再试';

/** The Chinese message to show for a failure: the server's own words when it gave some. */
export function errorMessage(e: unknown): string {
  return isCallError(e) ? e.message : FALLBACK;
}

export function isConflict(e: unknown): boolean {
  return isCallError(e) && e.code === 'CONFLICT';
}

/** Shows a failure as a long, readable toast. */
export function showError(ctx: Context, e: unknown): void {
  toast(ctx, typeof e === 'string' ? e : errorMessage(e));
}

export function toast(ctx: Context, message: string): void {
  Toast({ context: ctx, message, duration: 3000 });
}

export function toastSuccess(ctx: Context, message: string): void {
  Toast.success({ context: ctx, message, duration: 2000 });
}

/** Asks before an irreversible action; resolves true only when the user confirms. */
export function confirmAction(ctx: Context, title: string, message: string, confirmText = '确定'): Promise<boolean> {
  return Dialog.confirm({
    context: ctx,
    title,
    message,
    confirmButtonText: confirmText,
    cancelButtonText: '再想想',
  }).then(
    () => true,
    () => false,
  );
}
