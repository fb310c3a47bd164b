import { serve } from '../../server/serve';
import { volunteerActions } from '../../server/actions/volunteer';

export const main = serve('volunteer', volunteerActions);
