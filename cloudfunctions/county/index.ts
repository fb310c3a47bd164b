import { serve } from '../../server/serve';
import { countyActions } from '../../server/actions/lookups';

export const main = serve('county', countyActions);
