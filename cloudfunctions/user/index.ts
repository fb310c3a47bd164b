import { serve } from '../../server/serve';
import { userActions } from '../../server/actions/user';

export const main = serve('user', userActions);
