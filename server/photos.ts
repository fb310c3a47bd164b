/**
 * Photos of a request. Each person uploads into a folder of their own, named by a hash of their
 * openid (a photo's address never names its uploader); a request takes only photos from the
 * caller's folder; each photo passes WeChat's image check before it is stored with a request, so
 * staff never see one that failed; and photos are shown through temporary URLs the function asks
 * for (the storage rule lets only the uploader read a file: database/storage.rules.json).
 */
import crypto from 'crypto';
import { cloud } from './cloud';
import { AppError } from './errors';

/** Temporary URLs live this long (seconds): a detail page is read well within it. */
const URL_SECONDS = 2 * 3600;

/** The caller's upload folder (the mini-program uploads there; `user.me` tells it where). */
export function photoFolder(openid: string): string {
  return `photos/${crypto.createHash('sha256').update(`lianxin-photos:${openid}`).digest('hex').slice(0, 24)}`;
}

/** A file directly in the caller's own folder (a photo, or a recording for voice input). */
export function isOwnFile(openid: string, fileID: string): boolean {
  const folder = `${photoFolder(openid)}/`;
  const path = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)?.[1];
  return !!path && path.startsWith(folder) && !path.includes('..') && !path.slice(folder.length).includes('/');
}

/** Every fileID must be a file in the caller's own folder: nobody attaches someone else's upload. */
export function requireOwnPhotos(openid: string, fileIDs: readonly string[]): void {
  for (const id of fileIDs) if (!isOwnFile(openid, id)) throw new AppError('INVALID_INPUT', '照片不是您本人上传的，请重新上传');
}

interface SdkError {
  errCode?: number;
}

/** security.imgSecCheck on each photo: a risky one refuses the whole submission (CONTENT_REJECTED). */
export async function checkPhotos(fileIDs: readonly string[]): Promise<void> {
  for (const fileID of fileIDs) {
    const { fileContent } = await cloud.downloadFile({ fileID });
    try {
      const res = (await cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/jpeg', value: fileContent } })) as SdkError & {
        errcode?: number;
      };
      if ((res.errCode ?? res.errcode ?? 0) === 87014) throw new AppError('CONTENT_REJECTED', '照片含有不适宜的内容，请更换后再提交');
    } catch (e) {
      if ((e as SdkError).errCode === 87014) throw new AppError('CONTENT_REJECTED', '照片含有不适宜的内容，请更换后再提交');
      throw e;
    }
  }
}

/** Temporary URLs of photos, in their order ('' for a file that is gone). */
export async function photoUrls(fileIDs: readonly string[]): Promise<string[]> {
  if (fileIDs.length === 0) return [];
  // The typings allow void (the callback form); a promise call always answers the list.
  const res = (await cloud.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge: URL_SECONDS })) })) as {
    fileList: { fileID: string; tempFileURL: string }[];
  };
  const byId = new Map(res.fileList.map((f) => [f.fileID, f.tempFileURL]));
  return fileIDs.map((id) => byId.get(id) ?? '');
}
