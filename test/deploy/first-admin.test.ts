/**
 * The documents part of npm run deploy, through the real wx-server-sdk against a fresh local cloud
 * (an empty environment: the repository's collections, no data): it seeds the county's policies and
 * settings once, makes one setup code, and user.claimSetup with that code makes the first admin —
 * once, for one person. A second deploy then has nothing to do.
 */
import path from 'path';
import { emptyState, planDeploy, readDeclaration, type CloudState, type Declaration } from '../../scripts/deploy-plan';
import { makeSetupCode, readData, writeSeeds } from '../../scripts/deploy-data';
import { deadlinePolicies, dutyCalendar, dutyRules, meetRules, visitRules } from '../../scripts/demo-county';
import { loadSdk, type Cloud } from '../emulator/helpers';
import { useCloud, type TestCloud } from '../helpers/cloud';

let cloud: TestCloud;
let db: ReturnType<Cloud['database']>;
let decl: Declaration;
useCloud(
  (c) => {
    cloud = c;
    db = loadSdk(c.url).database();
    decl = readDeclaration(path.resolve(__dirname, '..', '..'), { progressTemplate: 'tmpl-progress', deadlineTemplate: 'tmpl-deadline' });
  },
  { seed: false },
);

const dataSteps = (state: Pick<CloudState, 'seeded' | 'admins' | 'setupPending'>): string[] =>
  planDeploy(decl, { ...emptyState(), ...state }).flatMap((s) =>
    s.kind === 'seed' ? [`seed ${s.collection} ${s.docs.length}`] : s.kind === 'setupCode' ? ['setupCode'] : [],
  );

let code = '';

test('an empty environment is seeded once and gets one setup code; a second deploy does nothing', async () => {
  const now = Date.now();
  const first = await readData(db, decl.seeds, now);
  expect(first).toEqual({
    seeded: { deadline_policies: [], settings: [], duty_rules: [], meet_rules: [], visit_rules: [] },
    admins: 0,
    setupPending: false,
  });
  expect(dataSteps(first)).toEqual([
    `seed deadline_policies ${deadlinePolicies.length}`,
    'seed settings 4',
    `seed duty_rules ${dutyRules.length}`,
    `seed meet_rules ${meetRules.length}`,
    `seed visit_rules ${visitRules.length}`,
    'setupCode',
  ]);

  for (const step of planDeploy(decl, { ...emptyState(), ...first }))
    if (step.kind === 'seed') await writeSeeds(db, step.collection, step.docs);
  ({ code } = await makeSetupCode(db, now));
  expect(code).toMatch(/^[2-9A-Z]{12}$/);

  const second = await readData(db, decl.seeds, now);
  expect(second.setupPending).toBe(true);
  expect(dataSteps(second)).toEqual([]);
  const dump = (await cloud.dump()) as { collections: Record<string, Record<string, unknown>[]> };
  expect(dump.collections.deadline_policies!.map((p) => p._id)).toEqual(deadlinePolicies.map((p) => p._id));
  expect(dump.collections.settings).toEqual([
    { _id: 'subscribe', progress: 'tmpl-progress', deadline: 'tmpl-deadline' },
    { _id: 'repTargets', peoplePerYear: 50, groupActivitiesPerQuarter: 1, officeActivitiesPerYear: 2 },
    { _id: 'volTargets', pairMin: 10, pairMax: 20, teamActivitiesPerYear: 6, volunteerActivitiesPerYear: 2 },
    dutyCalendar,
  ]);
  expect(dump.collections.duty_rules!.map((r) => r._id).sort()).toEqual(dutyRules.map((r) => r._id).sort());
  // a real county's reception rules name no demo department: it names its own heavy ones
  expect(dump.collections.meet_rules!.find((r) => r._id === 'rule-heavy')).toMatchObject({ unitIds: [] });
  expect(dump.collections.visit_rules!.map((r) => r._id).sort()).toEqual(visitRules.map((r) => r._id).sort());
  // only the code's hash is stored
  expect(JSON.stringify(dump.collections.setup_codes)).not.toContain(code);

  // an admin's edit of a seeded policy survives the next deploy
  await db
    .collection('deadline_policies')
    .doc('policy-general')
    .update({ data: { label: '县里改过的一般诉求时限' } });
  await writeSeeds(db, 'deadline_policies', decl.seeds[0]!.docs);
  expect(
    ((await db.collection('deadline_policies').doc('policy-general').get()) as unknown as { data: { label: string } }).data.label,
  ).toBe('县里改过的一般诉求时限');
});

test('the setup code makes its first user admin, once; a wrong code changes nothing', async () => {
  const before = await cloud.dump();
  const wrong = await cloud.call('first-admin', 'user', 'claimSetup', { code: 'ABCDEFGH2345' });
  expect(wrong).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const bad = await cloud.call('first-admin', 'user', 'claimSetup', { code: 'short' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(await cloud.dump()).toEqual(before);
  expect(await cloud.call('first-admin', 'admin', 'policies', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  const me = await cloud.ok('first-admin', 'user', 'claimSetup', { code: code.toLowerCase() });
  expect(me.roles).toEqual(['resident', 'admin']);
  expect((await cloud.ok('first-admin', 'admin', 'policies', {})).length).toBe(deadlinePolicies.length);
  // a retry by the same person is fine; anyone else is refused
  expect((await cloud.ok('first-admin', 'user', 'claimSetup', { code })).roles).toContain('admin');
  expect(await cloud.call('someone-else', 'user', 'claimSetup', { code })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

  const after = await readData(db, decl.seeds, Date.now());
  expect({ admins: after.admins, setupPending: after.setupPending }).toEqual({ admins: 1, setupPending: false });
  expect(dataSteps(after)).toEqual([]);
});

test('an expired code is refused', async () => {
  const { code: old } = await makeSetupCode(db, Date.now() - 8 * 86_400_000);
  expect(await cloud.call('late-comer', 'user', 'claimSetup', { code: old })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
