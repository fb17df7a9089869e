// The tier check (scripts/tiers.ts, run by scripts/check-tiers.ts in scripts/test.sh): a test file
// in no tier, in two, or in a project other than its folder's, and a helper outside test/support,
// are each named; the tree as it should be gives nothing. And the repository's own tree of test/
// keeps its modules where the rules put them.

import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { TIERS } from '../../../vitest.config.js';
import { filesUnder, tierProblems } from '../../../scripts/tiers.js';

const TIERED = [
  'test/unit/card/apdu.test.ts',
  'test/app/keys.test.tsx',
  'test/terminal/seed-walk.test.ts',
  'test/unit/machine/forms.scenarios.ts',
  'test/terminal/fixtures/startup-probe.mjs',
  'test/support/pty.ts',
  'test/fixtures/cryptolib/DICO-FR.GIP',
];
const LISTED = [
  { file: 'test/unit/card/apdu.test.ts', projectName: 'unit' },
  { file: 'test/app/keys.test.tsx', projectName: 'app' },
  { file: 'test/terminal/seed-walk.test.ts', projectName: 'terminal' },
];

describe('the tiers of the test files', () => {
  it('hold when each test is in its folder’s project and helpers are in test/support', () => {
    expect(tierProblems(TIERED, LISTED, TIERS)).toEqual([]);
  });

  it('name a test file in a folder that is no tier, which no project runs', () => {
    const files = [...TIERED, 'test/component/new.test.tsx'];
    expect(tierProblems(files, LISTED, TIERS)).toEqual([
      'test/component/new.test.tsx: in no tier (test/component/ is not one of test/unit/, test/properties/, test/app/, test/system/, test/terminal/)',
      'test/component/new.test.tsx: vitest runs it in no project',
    ]);
  });

  it('name a test file that two projects run, and one run by another project than its folder’s', () => {
    const listed = [
      ...LISTED,
      { file: 'test/unit/card/apdu.test.ts', projectName: 'properties' },
      { file: 'test/app/cli/readme.test.ts', projectName: 'unit' },
    ];
    expect(tierProblems([...TIERED, 'test/app/cli/readme.test.ts'], listed, TIERS)).toEqual([
      'test/app/cli/readme.test.ts: lives in test/app/ but vitest runs it in the project unit',
      'test/unit/card/apdu.test.ts: vitest runs it in 2 projects (unit, properties)',
    ]);
  });

  it('name a helper outside test/support and a test inside it', () => {
    const files = [...TIERED, 'test/unit/card/helpers.ts', 'test/app/harness.tsx', 'test/support/pty.test.ts'];
    const listed = [...LISTED, { file: 'test/support/pty.test.ts', projectName: 'unit' }];
    expect(tierProblems(files, listed, TIERS)).toEqual([
      'test/app/harness.tsx: a helper outside test/support',
      'test/support/pty.test.ts: a test in test/support, which holds helpers only',
      'test/unit/card/helpers.ts: a helper outside test/support',
    ]);
  });

  it('name a file vitest lists that is not under test/', () => {
    const listed = [...LISTED, { file: 'src/card/x.test.ts', projectName: 'unit' }];
    expect(tierProblems(TIERED, listed, TIERS)).toEqual(['src/card/x.test.ts: listed by vitest but not a file of test/']);
  });

  it('hold for the modules of this repository’s test/ (helpers in test/support only)', () => {
    const files = filesUnder(resolve(import.meta.dirname, '../../..'), 'test');
    const tests = files.filter((f) => /\.test\.tsx?$/.test(f));
    expect(tests.length).toBeGreaterThan(100);
    // What each project runs needs vitest itself (scripts/check-tiers.ts); here each test stands
    // listed in its folder's project, so that only the placement of the files is checked.
    const listed = tests.map((file) => ({ file, projectName: file.split('/')[1]! }));
    expect(tierProblems(files, listed, TIERS)).toEqual([]);
  });
});
