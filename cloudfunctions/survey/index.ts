import { serve } from '../../server/serve';
import { surveyActions } from '../../server/actions/survey';

export const main = serve('survey', surveyActions);
