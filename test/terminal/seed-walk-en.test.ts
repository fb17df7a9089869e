// The seed's scenario in English (--lang en), as seed-walk.test.ts walks it in French: the built
// tool in a real pseudo-terminal at 80×24, in demo mode (no pcscd), each step read back from the
// screen and checked against the English catalogue, with no French word of the tool's left.

import { describe, expect, it } from 'vitest';
import { CATALOGUES, fill, type Key } from '../../src/i18n/index.js';
import { useTool } from '../support/pty-build.js';
import type { PtySession } from '../support/pty.js';

const kit = useTool();

const en = (k: Key, params?: Record<string, string | number>) => fill(CATALOGUES.en[k], params);

/** The tool's own French words that must not show in English (card data stays as the card has it). */
const FRENCH = ['Sélection du lecteur', 'Gestion code porteur', 'Verrouillé', 'quitter', 'aide', 'Débloquer', 'chiffres', 'essai'];

function noFrench(s: PtySession): void {
  const screen = s.screenText();
  for (const word of FRENCH) expect(screen, `${word} on an English screen:\n${screen}`).not.toContain(word);
}

describe('the seed scenario in English in a real terminal', () => {
  it('shows the seed card, refuses a wrong PUK with the tries left, unblocks, and reads the card again, all in English', async () => {
    const s = kit.tool(['--demo', '--lang', 'en']);
    await s.waitForText('M DENT-CS0595 EMILE', 15_000);
    // The card screen: title, sections, state, action and key bar in English; card data as it is.
    await s.waitForText(new RegExp(`${en('field.validTo')} +31/03/2014`));
    for (const k of ['app.name', 'section.reader', 'section.holder', 'section.pin', 'section.content', 'state.pinBlocked'] as const)
      expect(s.screenText(), k).toContain(en(k));
    expect(s.screenText()).toContain(`[d] ${en('pin.unblock')}`);
    expect(s.screenText()).toContain(
      en('value.locked', { count: en('value.triesOf', { tries: en('value.tries.many', { n: 0 }), max: 3 }) }),
    );
    for (const data of ['Chirurgien-Dentiste', '0B4005951 (ADELI)', 'Carte de Professionnel de Santé (CPS)'])
      expect(s.screenText()).toContain(data);
    // The key bar: one line, the last row, in English.
    const bar = s.screen()[23]!;
    expect(bar).toMatch(/^\? help q quit d unblock/);
    noFrench(s);

    // d opens the unblock form: fields, disabled button with its reason, all in English.
    s.write('d');
    await s.waitForText(`${en('form.field.puk')}:`);
    await s.waitForText(
      `[ ${en('form.button.unblock')} ] ${en('form.inactive', { why: en('form.blocker.puk', { range: en('codes.range.fixed', { n: 8 }) }) })}`,
    );
    expect(s.screenText()).toContain(en('form.typed', { typed: 0, length: 8 }));
    noFrench(s);

    // A wrong PUK costs one try, and the message says how many are left, in English.
    await s.type('87654321'.split(''));
    await s.waitForText(en('form.typed', { typed: 8, length: 8 }));
    await s.type(['\t', ...'4321'.split(''), '\t', ...'4321'.split(''), '\t']);
    await s.waitForText(`▶ [ ${en('form.button.unblock')} ] ◀`);
    s.write('\r');
    await s.waitForText(en('msg.wrongPuk.text', { tries: en('tries.many', { n: 9 }) }));
    noFrench(s);

    // A bracketed paste longer than the field: refused whole, the line says so, in English, in counts.
    await s.waitForText(en('form.typed', { typed: 0, length: 8 }));
    s.write('\u001b[200~123456789\u001b[201~');
    await s.waitForText(en('form.paste.tooLong', { pasted: 9, range: en('codes.range.fixed', { n: 8 }) }));
    // Erased, and the right PUK typed.
    await s.type(Array.from({ length: 8 }, () => '\u007f'));
    await s.waitForText(en('form.typed', { typed: 0, length: 8 }));
    s.write('12345678');
    await s.waitForText(en('form.typed', { typed: 8, length: 8 }));
    await s.type(['\r', ...'4321'.split(''), '\r', ...'4321'.split(''), '\r']);
    await s.waitForText(`▶ [ ${en('form.button.unblock')} ] ◀`);
    s.write('\r');
    await s.waitForText(en('msg.unblockSuccess.text'), 15_000);
    expect(s.screenText()).toContain(en('state.doneRemove'));
    noFrench(s);

    // i takes the simulated card out, i puts it back: read again, the PIN is OK at 3 tries of 3.
    s.write('i');
    await s.waitForText(en('state.doneReinsert'));
    s.write('i');
    await s.waitForText(en('value.ok', { count: en('value.triesOf', { tries: en('value.tries.many', { n: 3 }), max: 3 }) }), 15_000);
    expect(s.screenText()).toContain(en('state.pinOk'));
    noFrench(s);

    for (const code of ['87654321', '12345678', '123456789']) expect(s.output()).not.toContain(code);
    s.write('q');
    const exit = await s.waitForExit();
    expect(exit.exitCode).toBe(13); // unblocked, but the seed card expired in 2014 (issue 17)
    expect(s.onAlternateBuffer()).toBe(false);
  });
});
