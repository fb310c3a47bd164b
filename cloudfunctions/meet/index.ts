import { serve } from '../../server/serve';
import { meetActions } from '../../server/actions/meet';

export const main = serve('meet', meetActions);
