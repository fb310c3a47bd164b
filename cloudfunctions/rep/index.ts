import { serve } from '../../server/serve';
import { repActions } from '../../server/actions/rep';

export const main = serve('rep', repActions);
