/**
 * @jest-environment ./test/pages/environment.js
 */
import fs from 'fs';
import { actAs, openPage, useTestCloud } from './harness';
useTestCloud();
test('dump', async () => {
  actAs('demo-resident-1');
  const card = await openPage('packages/request/card/index', { scene: 'c-renshe-01' });
  fs.writeFileSync('/tmp/plain-scratch/card.html', (card.comp.dom as Element).outerHTML);
});
