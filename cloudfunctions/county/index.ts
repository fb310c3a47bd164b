import { serve } from '../../server/serve';
import { countyActions } from '../../server/actions/county';

export const main = serve('county', countyActions);
