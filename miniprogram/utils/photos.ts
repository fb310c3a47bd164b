/**
 * The photos of a form (van-uploader bound to `fileList`): each one the user picks goes into their
 * own upload folder at once — the functions take photos from there only — and shows its progress;
 * what is sent are the uploaded file IDs. One helper for every form that takes photos.
 */
import type { IAppOption } from '../../typings/index';
import { MAX_PHOTOS } from '../shared/limits';
import { uploadPhoto } from '../services/storage';
import { showError } from './feedback';

export interface PhotoItem {
  url: string;
  status: 'uploading' | 'done' | 'failed';
  message?: string;
  fileID?: string;
}

type PhotoForm = Parameters<typeof showError>[0] & {
  data: { fileList: PhotoItem[] };
  setData(data: Record<string, unknown>): void;
};

/** van-uploader's after-read: uploads the picked photo into the user's folder, shown as it goes. */
export async function addPhoto(page: PhotoForm, e: { detail: { file: { url?: string; tempFilePath?: string } } }): Promise<void> {
  const url = e.detail.file.url ?? e.detail.file.tempFilePath ?? '';
  const index = page.data.fileList.length;
  if (!url || index >= MAX_PHOTOS) return;
  page.setData({ [`fileList[${index}]`]: { url, status: 'uploading', message: '上传中' } });
  try {
    const { photoFolder } = await getApp<IAppOption>().loadMe();
    const fileID = await uploadPhoto(url, photoFolder);
    page.setData({ [`fileList[${index}]`]: { url, status: 'done', fileID } });
  } catch (err) {
    page.setData({ [`fileList[${index}]`]: { url, status: 'failed', message: '上传失败' } });
    showError(page, err);
  }
}

/** van-uploader's delete. */
export function removePhoto(page: PhotoForm, index: number): void {
  page.setData({ fileList: page.data.fileList.filter((_, i) => i !== index) });
}

/** The file IDs to send: the photos that finished uploading. */
export const uploadedPhotos = (list: readonly PhotoItem[]): string[] =>
  list.filter((p) => p.status === 'done' && p.fileID).map((p) => p.fileID!);

/** A photo still on its way up (sending now would leave it out). */
export const photosUploading = (list: readonly PhotoItem[]): boolean => list.some((p) => p.status === 'uploading');
