/** 小程序码: a printable code (PNG) that opens one page of the mini-program with a short scene key. */
import { cloud } from './cloud';

export async function miniProgramCode(scene: string, page: string): Promise<string> {
  const res = (await cloud.openapi.wxacode.getUnlimited({ scene, page, checkPath: false, width: 430 })) as {
    buffer?: Buffer;
    contentType?: string;
    errCode?: number;
  };
  if (!res.buffer || (res.errCode ?? 0) !== 0) throw new Error(`wxacode.getUnlimited errcode ${String(res.errCode)}`);
  return `data:${res.contentType ?? 'image/png'};base64,${Buffer.from(res.buffer).toString('base64')}`;
}
