import { describe, expect, it } from 'vitest';
import { readerMatch } from '../../../src/card/transport/reader-match.js';
import { readerMismatchWords } from '../../../src/view/failure.js';

const readers = ['Virtual PCD 00 00', 'Virtual PCD 00 01', 'Gemalto PC Twin Reader 00 00'];

describe('readerMatch', () => {
  it('takes an exact name even when it is also part of another', () => {
    expect(readerMatch(['PCD 0', 'PCD 00'], 'PCD 0')).toEqual({ ok: true, name: 'PCD 0' });
  });

  it('takes a unique case-insensitive part', () => {
    expect(readerMatch(readers, 'gemalto')).toEqual({ ok: true, name: 'Gemalto PC Twin Reader 00 00' });
    expect(readerMatch(readers, 'pcd 00 01')).toEqual({ ok: true, name: 'Virtual PCD 00 01' });
  });

  it('refuses an ambiguous part and lists only the candidates', () => {
    const r = readerMatch(readers, 'virtual');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(readerMismatchWords(r)).toContain('Plusieurs lecteurs correspondent à « virtual »');
    expect(readerMismatchWords(r)).toContain('Virtual PCD 00 00');
    expect(readerMismatchWords(r)).toContain('Virtual PCD 00 01');
    expect(readerMismatchWords(r)).not.toContain('Gemalto');
  });

  it('refuses an absent name and lists every reader', () => {
    const r = readerMatch(readers, 'omnikey');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(readerMismatchWords(r)).toContain('Aucun lecteur ne correspond à « omnikey »');
    for (const n of readers) expect(readerMismatchWords(r)).toContain(n);
  });

  it('says when there is no reader at all', () => {
    const r = readerMatch([], 'x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(readerMismatchWords(r)).toContain('Aucun lecteur n’est branché');
  });

  it('refuses an empty name', () => {
    expect(readerMatch(readers, '  ').ok).toBe(false);
  });
});
