// The layers are enforced (issue 19, point 5): ESLint's import-x/no-restricted-paths, as
// eslint.config.js sets it, refuses an import from a lower layer to a higher one and lets a
// downward one through. Each probe is a small module linted at a path inside a layer (ESLint's
// lintText: nothing is written to src/), importing a real file of another layer.

import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const RULE = 'import-x/no-restricted-paths';

// The project's own config, the type-aware rules off (a probe is in no tsconfig), this rule alone.
const eslint = new ESLint({
  overrideConfig: [tseslint.configs.disableTypeChecked],
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});

async function refused(at: string, imported: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import * as m from '${imported}';\nexport const probe = m;\n`, { filePath: at });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, JSON.stringify(fatal)).toEqual([]);
  return result!.messages.some((m) => m.ruleId === RULE);
}

const UPWARD: readonly (readonly [string, string])[] = [
  ['src/card/probe.ts', '../app/main.js'],
  ['src/card/probe.ts', '../screens/layout.js'],
  ['src/card/probe.ts', '../report/model.js'],
  ['src/card/probe.ts', '../view/format.js'],
  ['src/card/probe.ts', '../i18n/index.js'],
  ['src/card/cps/probe.ts', '../../machine/machine.js'],
  ['src/machine/probe.ts', '../report/warnings.js'],
  ['src/machine/probe.ts', '../i18n/index.js'],
  ['src/machine/probe.ts', '../view/format.js'],
  ['src/machine/probe.ts', '../screens/layout.js'],
  ['src/i18n/probe.ts', '../view/format.js'],
  ['src/view/format.ts', '../report/model.js'],
  ['src/report/probe.ts', '../screens/layout.js'],
  ['src/report/probe.ts', '../app/main.js'],
  ['src/view/probe.ts', '../screens/layout.js'],
  ['src/view/probe.ts', '../app/exit-codes.js'],
  ['src/screens/probe.tsx', '../app/main.js'],
];

const DOWNWARD: readonly (readonly [string, string])[] = [
  ['src/card/cps/probe.ts', '../transport/transport.js'],
  ['src/card/probe.ts', './safe-text.js'],
  ['src/machine/probe.ts', '../card/cps/standing.js'],
  ['src/i18n/probe.ts', '../card/safe-text.js'],
  ['src/view/format.ts', '../i18n/index.js'],
  ['src/report/probe.ts', '../view/format.js'],
  ['src/report/probe.ts', '../machine/machine.js'],
  ['src/view/probe.ts', '../report/model.js'],
  ['src/screens/probe.tsx', '../view/format.js'],
  ['src/screens/probe.tsx', '../machine/selectors.js'],
  ['src/app/probe.ts', '../screens/layout.js'],
];

describe('the layers (eslint.config.js)', () => {
  it('refuse every upward import', async () => {
    for (const [at, imported] of UPWARD) expect(await refused(at, imported), `${at} → ${imported}`).toBe(true);
  });

  it('let downward imports through', async () => {
    for (const [at, imported] of DOWNWARD) expect(await refused(at, imported), `${at} → ${imported}`).toBe(false);
  });

  it('no file of src/card may import the catalogue, nor anything else above it (issue 19)', async () => {
    expect(await refused('src/card/tlv/generic.ts', '../../i18n/index.js')).toBe(true);
    expect(await refused('src/card/tlv/generic.ts', '../../app/main.js')).toBe(true);
    expect(await refused('src/card/tlv/generic.ts', '../../machine/machine.js')).toBe(true);
  });
});
