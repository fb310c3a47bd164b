/** The one wx-server-sdk instance of a function: initialised once per instance, not per call. */
import * as cloud from 'wx-server-sdk';

// DYNAMIC_CURRENT_ENV is a symbol; the typings only accept strings.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
export const db = cloud.database();
export const _ = db.command;
