// The rules of the test tiers (docs/testing.md), checked by scripts/check-tiers.ts over the files
// of test/ and what vitest itself lists in each project:
// - every test file (*.test.ts, *.test.tsx) is in exactly one project, the one named by its
//   folder test/<tier>/ (so that moving a file to another tier is a `git mv`);
// - a module that is not a test lives in test/support (the helpers, shared by every tier), or is
//   one of the *.scenarios.ts that a test of its own folder runs, or a program under a fixtures/
//   folder; test/support holds no test.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A file as `vitest list --filesOnly --json` gives it, its path relative to the repository. */
export interface ListedFile {
  readonly file: string;
  readonly projectName: string;
}

const TEST_FILE = /\.test\.tsx?$/;
const MODULE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** What breaks the rules, one sentence per file; empty when the tiers hold. */
export function tierProblems(files: readonly string[], listed: readonly ListedFile[], tiers: readonly string[]): string[] {
  const problems: string[] = [];
  const projectsOf = new Map<string, string[]>();
  for (const l of listed) projectsOf.set(l.file, [...(projectsOf.get(l.file) ?? []), l.projectName]);
  for (const file of [...files].sort()) {
    const parts = file.split('/');
    if (parts[0] !== 'test') continue;
    const folder = parts[1] ?? '';
    if (TEST_FILE.test(file)) {
      const projects = projectsOf.get(file) ?? [];
      if (folder === 'support') problems.push(`${file}: a test in test/support, which holds helpers only`);
      else if (!tiers.includes(folder))
        problems.push(`${file}: in no tier (test/${folder}/ is not one of ${tiers.map((t) => `test/${t}/`).join(', ')})`);
      if (projects.length === 0) problems.push(`${file}: vitest runs it in no project`);
      else if (projects.length > 1) problems.push(`${file}: vitest runs it in ${projects.length} projects (${projects.join(', ')})`);
      else if (tiers.includes(folder) && projects[0] !== folder)
        problems.push(`${file}: lives in test/${folder}/ but vitest runs it in the project ${projects[0]}`);
    } else if (MODULE.test(file) && folder !== 'support') {
      const scenarios = file.endsWith('.scenarios.ts') && tiers.includes(folder);
      const fixture = parts.slice(2, -1).includes('fixtures');
      if (!scenarios && !fixture) problems.push(`${file}: a helper outside test/support`);
    }
  }
  for (const file of projectsOf.keys()) if (!files.includes(file)) problems.push(`${file}: listed by vitest but not a file of test/`);
  return problems;
}

/** Every file under `dir` (relative to `root`), as a relative path with '/' separators. */
export function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? filesUnder(root, rel) : e.isFile() ? [rel] : [];
  });
}
