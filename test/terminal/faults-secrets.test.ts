// No code leaks from the running tool, end to end through pcscd: a seed card whose PUK is
// 13579135 (set in the simulator's memory file), a wrong PUK 97531975, an unblock to 2468, then a
// change to 8642, typed into the built tool in a real terminal. While each form is full and after
// it closes: every screen shown, everything the tool wrote to the terminal, and the tool's own
// /proc/<pid>/cmdline and /proc/<pid>/environ hold none of the codes in any form (the detector
// of test/support/secrets-detector.ts, proven in test/unit/secrets on planted codes). The card's memory proves they were used.

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leaks } from '../support/secrets-detector.js';
import { useBench } from '../support/bench.js';

const PUK = '13579135';
const WRONG_PUK = '97531975';
const PIN = '2468';
const PIN2 = '8642';
const CODES = [PUK, WRONG_PUK, PIN, PIN2];

const bench = useBench({ quickack: true });

describe('codes never leak from the running tool', () => {
  it('unblock then change: screens, terminal output, command line and environment', async () => {
    const card = bench.card('seed', 0, (m) => ({ ...m, puk: { ...m.puk, code: PUK } }));
    await card.sim.waitFor('insérée');
    const s = bench.tool();
    const found: string[] = [];
    let looks = 0;
    const look = (where: string) => {
      looks++;
      const proc = (f: string) => fs.readFileSync(`/proc/${s.pid}/${f}`).toString('latin1').replaceAll('\0', ' ');
      found.push(
        ...leaks(`${where}, écran`, s.screenText(), CODES),
        ...leaks(`${where}, cmdline`, proc('cmdline'), CODES),
        ...leaks(`${where}, environ`, proc('environ'), CODES),
      );
    };
    const fill = async (fields: readonly string[], button: string) => {
      for (const f of fields) {
        s.write(f); // in one burst, as a paste
        await s.waitForText(`${f.length}/${f.length}`);
        s.write('\t');
      }
      await s.waitForText(`▶ [ ${button} ] ◀`);
    };

    await s.waitForText('Verrouillé', 30_000);
    s.write('d');
    await s.waitForText('Code de déblocage:');
    await fill([WRONG_PUK, PIN, PIN], 'Débloquer');
    look('formulaire rempli (PUK erroné)');
    s.write('\r');
    await s.waitForText(/Il vous reste 9 essais/, 20_000);
    look('code de déblocage refusé');
    await s.waitForText('0/8');
    await fill([PUK, PIN, PIN], 'Débloquer');
    look('formulaire rempli');
    s.write('\r');
    await s.waitForText('débloqué avec succès', 20_000);
    look('déblocage réussi, formulaire fermé');
    await card.remove();
    await card.insert();
    await s.waitForText('OK (3 essais sur 3)', 30_000);

    s.write('c');
    await s.waitForText('Code porteur actuel');
    await fill([PIN, PIN2, PIN2], 'Changer');
    look('changement rempli');
    s.write('\r');
    await s.waitForText('changé avec succès', 20_000);
    look('changement réussi, formulaire fermé');
    await card.remove();
    await card.insert();
    await s.waitForText('OK (3 essais sur 3)', 30_000);
    look('carte relue');
    expect(card.memory().pin).toEqual({ code: PIN2, triesLeft: 3 });
    expect(card.memory().puk.triesLeft).toBe(10);

    found.push(...leaks('tout ce que l’outil a écrit au terminal', s.output(), CODES));
    expect(found).toEqual([]);
    console.log(
      `secrets de bout en bout : ${looks} relevés (écran, cmdline, environ) + la sortie entière de l’outil ; ${found.length} fuite`,
    );
    s.write('q');
    expect((await s.waitForExit()).exitCode).toBe(13); // the seed card expired in 2014 (issue 17)
  });
});
