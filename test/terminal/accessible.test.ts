// The accessible mode in a real pseudo-terminal, read as the raw byte stream the program wrote:
// TERM=dumb and --accessible get linear text only, never an escape sequence (no
// alternate screen, no cursor move, no colour, no spinner); each change once; a code field is a
// prompt with the count of digits typed, never the digits.

import { describe, expect, it } from 'vitest';
import { tIn } from '../../src/i18n/index.js';
import { useTool } from '../support/pty-build.js';
import type { PtySession } from '../support/pty.js';

const kit = useTool();

async function until(s: PtySession, text: string): Promise<void> {
  await s.waitFor(() => s.output().includes(text), text, 10_000);
}

describe('accessible mode', () => {
  it.each([
    ['TERM=dumb', { TERM: 'dumb' }, [] as string[]],
    ['--accessible in an xterm', {}, ['--accessible']],
  ])('%s: the seed card, then the unblock form, in plain lines with no escape byte', async (_name, env, extra) => {
    const p = kit.tool(['--demo', '--lang', 'fr', ...extra], { env });
    await until(p, '[d] Débloquer votre code porteur');
    p.write('d');
    await until(p, 'Code de déblocage (0/8 chiffres tapés) :');
    await p.type(['1', '2', '3']);
    await until(p, 'Code de déblocage (3/8 chiffres tapés) :');
    p.write('\u0003');
    await p.waitForExit(10_000);
    const raw = p.output();
    expect(raw).not.toContain('\u001b');
    expect(raw).toContain('État : Code porteur verrouillé');
    expect(raw).toContain('Etat du code porteur utilisateur : Verrouillé (0 essai sur 3)');
    expect(raw).toContain('http://esante.gouv.fr/services/espace-cps/assistance/deblocage-de-carte');
    // Each change once: the holder's name is said once, however many times the state changed.
    expect(raw.split('Nom du porteur : M DENT-CS0595 EMILE').length - 1).toBe(1);
    expect(raw).not.toMatch(/Code de déblocage[^\n]*123/);
  });

  it.each(['fr', 'en'] as const)(
    '%s: a non-digit key and a paste too long for the field are told as a line, never the digits',
    async (lang) => {
      const p = kit.tool(['--demo', '--lang', lang], { env: { TERM: 'dumb' } });
      await until(p, tIn(lang, 'pin.unblock'));
      p.write('d');
      await until(p, '0/8');
      p.write('é');
      await until(p, tIn(lang, 'form.digitsOnly'));
      // A bracketed paste too long for the field (issue 17): refused whole, nothing typed.
      p.write('\u001b[200~123456789\u001b[201~');
      await until(p, tIn(lang, 'form.paste.tooLong', { pasted: 9, range: tIn(lang, 'codes.range.fixed', { n: 8 }) }));
      // Then a paste that fits, its markers cut across two writes: the 8 digits, none of the markers'.
      p.write('\u001b[20');
      p.write('0~12345678\u001b[201~');
      await until(p, '8/8');
      p.write('\u0003');
      await p.waitForExit(10_000);
      const raw = p.output();
      expect(raw).not.toContain('\u001b');
      expect(raw).not.toMatch(/1234|2345|5678/);
    },
  );

  it('in English with --lang en, and the last PUK try in words', async () => {
    const p = kit.tool(['--demo', '--card', 'puk-last-try', '--lang', 'en'], { env: { TERM: 'dumb' } });
    await until(p, '[d] Unblock your PIN');
    p.write('\u0003');
    await p.waitForExit(10_000);
    const raw = p.output();
    expect(raw).not.toContain('\u001b');
    expect(raw).toContain('State: Unblock: LAST TRY');
    expect(raw).toContain('State of the unblock code: LAST TRY (1 try of 10)');
  });

  it('an xterm without --accessible still gets the full screen (alternate buffer)', async () => {
    const p = kit.tool(['--demo']);
    await p.waitForText('M DENT-CS0595 EMILE');
    expect(p.output()).toContain('\u001b[?1049h');
  });
});
