/**
 * Photo uploads. Production: 云存储 through wx.cloud.uploadFile; a develop build with the local
 * cloud (services/runtime.ts): the emulator's `POST /storage/upload` (multipart field `file`, answers `{fileID}`).
 */
import { CLOUD_ENV } from '../config';
import { CallError, DEV_OPENID_KEY } from './cloud';
import { localCloudUrl } from './runtime';

const UPLOAD_FAILED = '照片上传失败，请检查网络后重试';

function cloudPath(): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  const day = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const random = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  return `requests/${day}/${random}.jpg`;
}

function viaLocal(url: string, filePath: string): Promise<string> {
  const openid = wx.getStorageSync<string>(DEV_OPENID_KEY) || '';
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${url}/storage/upload`,
      filePath,
      name: 'file',
      formData: { cloudPath: cloudPath() },
      header: openid ? { 'x-lianxin-openid': openid } : {},
      success: (r) => {
        try {
          const body = JSON.parse(r.data) as { fileID?: unknown };
          if (typeof body.fileID === 'string') return resolve(body.fileID);
        } catch {
          // fall through
        }
        reject(new CallError('INTERNAL', UPLOAD_FAILED));
      },
      fail: () => reject(new CallError('INTERNAL', UPLOAD_FAILED)),
    });
  });
}

let initialised = false;

async function viaCloud(filePath: string): Promise<string> {
  if (!initialised) {
    // Harmless if services/cloud.ts already did it; a photo may be the first cloud call of a session.
    wx.cloud.init({ ...(CLOUD_ENV ? { env: CLOUD_ENV } : {}), traceUser: true });
    initialised = true;
  }
  try {
    const res = await wx.cloud.uploadFile({ cloudPath: cloudPath(), filePath, ...(CLOUD_ENV ? { config: { env: CLOUD_ENV } } : {}) });
    return res.fileID;
  } catch {
    throw new CallError('INTERNAL', UPLOAD_FAILED);
  }
}

/** Uploads one photo chosen on the phone and returns its cloud fileID. */
export function uploadPhoto(filePath: string): Promise<string> {
  const local = localCloudUrl();
  return local ? viaLocal(local, filePath) : viaCloud(filePath);
}
