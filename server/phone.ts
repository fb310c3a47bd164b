/**
 * The resident's phone number from WeChat's own button (`open-type="getPhoneNumber"`): the page
 * gets a one-time code (valid 5 minutes) and the function exchanges it with
 * `phonenumber.getPhoneNumber`. The number never passes through the page.
 */
import { cloud } from './cloud';
import { AppError } from './errors';

interface PhoneResult {
  errCode?: number;
  errcode?: number;
  phoneInfo?: { purePhoneNumber?: string };
  phone_info?: { purePhoneNumber?: string };
}

/** 40029: the code is unknown, used or expired. */
const INVALID_CODE = 40029;
const STALE = '手机号授权已过期，请再点一次“留下手机号”';

/** The number behind the caller's code; the openid makes WeChat check the code was given to this caller. */
export async function phoneFromCode(code: string, openid: string): Promise<string> {
  let res: PhoneResult;
  try {
    res = (await cloud.openapi.phonenumber.getPhoneNumber({ code, openid })) as PhoneResult;
  } catch (e) {
    // The SDK throws a failed open-API call with its errCode.
    if ((e as PhoneResult).errCode === INVALID_CODE) throw new AppError('INVALID_INPUT', STALE);
    throw e;
  }
  const errcode = res.errCode ?? res.errcode ?? 0;
  if (errcode === INVALID_CODE) throw new AppError('INVALID_INPUT', STALE);
  if (errcode !== 0) throw new Error(`phonenumber.getPhoneNumber errcode ${errcode}`);
  const phone = (res.phoneInfo ?? res.phone_info)?.purePhoneNumber;
  if (!phone) throw new Error('phonenumber.getPhoneNumber answered no number');
  return phone;
}
