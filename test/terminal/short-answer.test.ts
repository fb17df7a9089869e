// Issue 18 point 6, through a real pcscd: a one-byte answer to a READ BINARY (a reader or link
// garbling the answer; the card is still there) was taken for a removal: "La carte a été
// retirée", and the card stayed hidden until it was taken out and put back. It is now a failed
// read of that object, said in words ("réponse mal formée"), and the rest of the card is shown.

import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { useBench } from '../support/bench.js';

const bench = useBench({ quickack: true });

it('a one-byte answer during a read is a read failure with words, not a removal', async () => {
  const card = bench.card('seed', 0, undefined, ['--quirk', 'short-answer-during-read']);
  await card.sim.waitFor('insérée');
  const s = bench.tool();
  await s.waitForText('99002752', 30_000);
  await new Promise((r) => setTimeout(r, 1_000)); // the whole read is done
  bench.show('pcscd : réponse d’un octet pendant la lecture', s);
  expect(s.screenText()).not.toMatch(/retirée|Introduisez/);
  expect(s.screenText()).toContain('99002752');
  // Further down, the warning says which read failed and why.
  for (let i = 0; i < 40; i++) s.write('\u001b[B');
  await s.waitForText(/CPS_NAME_PS : READ BINARY/, 5_000);
  await s.waitForText(/réponse mal formée/, 5_000);
  bench.show('pcscd : l’avertissement, plus bas', s);
  s.write('q');
  await s.waitForExit(5_000);

  // The card was never hidden: read again (its answers whole this time), it is all there.
  const report = spawnSync(process.execPath, [bench.bundle, 'report'], { encoding: 'utf8', timeout: 30_000 });
  expect(report.stdout).not.toContain('retirée');
  expect(report.stdout).toContain('99002752');
});
