import { serve } from '../../server/serve';
import { requestActions } from '../../server/actions/request';

export const main = serve('request', requestActions);
