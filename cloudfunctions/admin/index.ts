import { serve } from '../../server/serve';
import { adminActions } from '../../server/actions/admin';

export const main = serve('admin', adminActions);
