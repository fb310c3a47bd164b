/**
 * Photo uploads. Production: 云存储 through wx.cloud.uploadFile; a develop build with the local
 * cloud (services/runtime.ts): the emulator's `POST /storage/upload` (multipart field `file`, answers `{fileID}`).
 */
import { CLOUD_ENV } from '../config';
import { CallError, DEV_OPENID_KEY } from './cloud';
import { localCloudUrl } from './runtime';

const UPLOAD_FAILED = '照片上传失败，请检查网络后重试';

/** A new file in the user's own folder (Me.photoFolder): <folder>/<day>-<random>.jpg (or .mp3, a recording). */
function cloudPath(folder: string, ext = 'jpg'): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  const day = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const random = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  return `${folder}/${day}-${random}.${ext}`;
}

function viaLocal(url: string, filePath: string, path: string): Promise<string> {
  const openid = wx.getStorageSync<string>(DEV_OPENID_KEY) || '';
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${url}/storage/upload`,
      filePath,
      name: 'file',
      formData: { cloudPath: path },
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

async function viaCloud(filePath: string, path: string): Promise<string> {
  if (!initialised) {
    // Harmless if services/cloud.ts already did it; a photo may be the first cloud call of a session.
    wx.cloud.init({ ...(CLOUD_ENV ? { env: CLOUD_ENV } : {}), traceUser: true });
    initialised = true;
  }
  try {
    const res = await wx.cloud.uploadFile({ cloudPath: path, filePath, ...(CLOUD_ENV ? { config: { env: CLOUD_ENV } } : {}) });
    return res.fileID;
  } catch {
    throw new CallError('INTERNAL', UPLOAD_FAILED);
  }
}

/** Uploads one photo chosen on the phone into the user's folder and returns its cloud fileID. */
export function uploadPhoto(filePath: string, folder: string): Promise<string> {
  const local = localCloudUrl();
  const path = cloudPath(folder);
  return local ? viaLocal(local, filePath, path) : viaCloud(filePath, path);
}

/** Uploads a voice recording into the user's folder, for request.transcribe. */
export function uploadRecording(filePath: string, folder: string): Promise<string> {
  const local = localCloudUrl();
  const path = cloudPath(folder, 'mp3');
  return local ? viaLocal(local, filePath, path) : viaCloud(filePath, path);
}
