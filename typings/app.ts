import type { Me } from './api';

/** The mini-program's App instance, as pages see it through getApp<IAppOption>(). */
export interface IAppOption {
  globalData: {
    /** Who the user is, once loaded; null before the first answer. */
    me: Me | null;
  };
  /** Loads (or reloads after binding an invite) the caller's roles. */
  loadMe(force?: boolean): Promise<Me>;
}
