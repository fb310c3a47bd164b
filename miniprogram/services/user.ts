import type { ActionReq, Me, MessageView, Page, SubscribeAsk } from '../../typings/index';
import { callCloud } from './cloud';

/** Who I am: roles, unit and level. */
export const fetchMe = (): Promise<Me> => callCloud('user', 'me', {});

/** Binds me to a unit as a cadre with a one-time invite code. */
export const bindInvite = (code: string, name: string): Promise<Me> => callCloud('user', 'bindInvite', { code, name });

/** Makes me the county's first admin with the one-time setup code `npm run deploy` printed. */
export const claimSetup = (code: string): Promise<Me> => callCloud('user', 'claimSetup', { code });

/** Records a subscription panel's answers and the phone's notice settings; answers what the next tap asks for. */
export const grantSubscriptions = (req: ActionReq<'user', 'grantSubscriptions'>): Promise<{ subscribe: SubscribeAsk }> =>
  callCloud('user', 'grantSubscriptions', req);

/** 消息: my notices, newest first, with how many are unread. */
export const fetchMessages = (cursor?: string): Promise<Page<MessageView> & { unread: number }> =>
  callCloud('user', 'messages', cursor ? { cursor } : {});

/** Marks a notice read (I opened it); answers how many are still unread. */
export const readMessage = (messageId: string): Promise<{ unread: number }> => callCloud('user', 'readMessage', { messageId });

/** How many of my notices are unread. */
export const fetchUnread = (): Promise<{ unread: number }> => callCloud('user', 'unread', {});
