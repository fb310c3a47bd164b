/** 显示小程序码 on a person's card page (党代表工作台, 党员服务台): `code` (the image) and `codeLoading`. */
import { showError } from './feedback';

type CodePage = Parameters<typeof showError>[0] & { setData(data: Record<string, unknown>): void };

export async function showCardCode(page: CodePage, fetch: () => Promise<{ image: string }>): Promise<void> {
  page.setData({ codeLoading: true });
  try {
    const c = await fetch();
    page.setData({ code: c.image, codeLoading: false });
  } catch (e) {
    page.setData({ codeLoading: false });
    showError(page, e);
  }
}
