// Fails (exit 1, one line per file) when a test file is in no tier or in more than one, or a
// helper lives outside test/support (the rules: scripts/tiers.ts, docs/testing.md). What each
// project runs is asked of vitest itself (`vitest list --filesOnly --json`), so a pattern of
// vitest.config.ts that misses a folder is caught as well as a file in the wrong folder.
// Run by scripts/test.sh before the tests; alone: npx tsx scripts/check-tiers.ts

import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { TIERS } from '../vitest.config.js';
import { filesUnder, tierProblems, type ListedFile } from './tiers.js';

const root = resolve(import.meta.dirname, '..');
const vitest = resolve(root, 'node_modules/.bin/vitest');
const out = execFileSync(vitest, ['list', '--filesOnly', '--json'], { cwd: root, encoding: 'utf8' });
const listed = (JSON.parse(out) as ListedFile[]).map((l) => ({
  file: relative(root, l.file).split('\\').join('/'),
  projectName: l.projectName,
}));
const problems = tierProblems(filesUnder(root, 'test'), listed, TIERS);
for (const p of problems) console.error(`tiers: ${p}`);
if (problems.length > 0) process.exit(1);
const count = (t: string) => listed.filter((l) => l.projectName === t).length;
console.log(`tiers: ${TIERS.map((t) => `${t} ${count(t)}`).join(', ')} test files, each in one tier`);
