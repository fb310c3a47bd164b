import { serve } from '../../server/serve';
import { dutyActions } from '../../server/actions/duty';

export const main = serve('duty', dutyActions);
