import { serve } from '../../server/serve';
import { consultActions } from '../../server/actions/consult';

export const main = serve('consult', consultActions);
