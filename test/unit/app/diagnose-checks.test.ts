// `diagnose` and the screen's diagnosis (key b, in the bundle) print one list of checks
// (src/app/commands/diagnose.ts `checksOf`): the screen's is diagnose's own without the three checks
// only diagnose can make (pcscd's answer, polkit, the terminal), same checks, same order.

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksFromScreen, collectChecks } from '../../../src/app/commands/diagnose.js';
import { workstation } from '../../../src/app/commands/workstation.js';
import { createCardService } from '../../../src/card/cps/service.js';
import { createFixtureCard, type FixtureName } from '../../../src/card/simulator/fixtures.js';
import { DEFAULT_READER, InProcessTransport } from '../../../src/card/transport/in-process.js';

const now = new Date('2026-12-07T12:00:00Z');
const ws = workstation({ CPS_AUDIT_TEST_ROOT: mkdtempSync(path.join(os.tmpdir(), 'cps-diag-')) });

describe('one list of checks for diagnose and the screen', () => {
  it.each(['seed', 'cps4', 'puk-exhausted'] as FixtureName[])(
    '%s: the screen’s checks are diagnose’s, less pcscd, polkit, terminal',
    async (name) => {
      const transport = new InProcessTransport();
      const card = createFixtureCard(name);
      transport.insert(DEFAULT_READER, card);
      const own = await collectChecks({ json: true, version: 't', transport, workstation: ws, terminal: { isTTY: false }, now });
      const report = await createCardService(transport).read(DEFAULT_READER);
      const readers = [{ name: DEFAULT_READER, atr: card.atr }];
      const screen = checksFromScreen({ version: 't', readers, report, now, workstation: ws });
      const withoutOwn = own.filter((c) => !['pcscd', 'polkit', 'terminal'].includes(c.id));
      expect(own.map((c) => c.id)).toEqual(expect.arrayContaining(['pcscd', 'polkit', 'terminal']));
      expect(screen.map((c) => c.id)).toEqual(withoutOwn.map((c) => c.id));
      expect(screen.find((c) => c.id === 'card-pin')).toEqual(own.find((c) => c.id === 'card-pin'));
    },
  );
});
