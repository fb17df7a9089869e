// Every failure has French words and a remedy; a removal is never a wrong code.

import { describe, expect, it } from 'vitest';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  CodeFormatUnknownError,
  InvalidCodeFormatError,
  LastTryUnconfirmedError,
  OtherCardError,
  PukExhaustedError,
  UnexpectedCardResponseError,
  WriteOutcomeUnknownError,
  WrongCodeError,
} from '../../../src/card/cps/errors.js';
import { TransportError, type TransportErrorKind } from '../../../src/card/transport/errors.js';
import {
  classifyFailure,
  classifyReadFailure,
  lastTryWarning,
  readFailureNotice,
  transportNotice,
  unrecognisedNotice,
} from '../../../src/machine/messages.js';
import { noticeRemedy, noticeText, tries } from '../../../src/view/failure.js';
import { readerStatusLine } from '../../../src/view/words.js';
import { OTHER_ATR, makeReport } from '../../support/machine-doubles.js';

const KINDS: TransportErrorKind[] = [
  'service-unavailable',
  'access-refused',
  'no-reader',
  'card-removed',
  'reader-removed',
  'card-in-use',
  'timeout',
  'card-unresponsive',
  'unknown',
];

describe('messages', () => {
  it('every transport failure has a text and a remedy', () => {
    for (const kind of KINDS) {
      const n = transportNotice(new TransportError(kind, 'détail'));
      expect(noticeText(n).length).toBeGreaterThan(10);
      expect(noticeRemedy(n)?.length ?? 0).toBeGreaterThan(10);
    }
    expect(noticeText(transportNotice(new TransportError('service-unavailable', '')))).toBe('Le service PC/SC (pcscd) n’est pas démarré.');
    expect(noticeRemedy(transportNotice(new TransportError('service-unavailable', '')))).toBe('Démarrez-le : sudo systemctl start pcscd');
    expect(noticeRemedy(transportNotice(new TransportError('access-refused', '')))).toMatch(/polkit/);
  });

  it('tries in words', () => {
    expect(tries(1)).toBe('un seul essai');
    expect(tries(9)).toBe('9 essais');
  });

  it('classifies every failure of an operation', () => {
    expect(classifyFailure('unblock', new WrongCodeError('puk', 3))).toMatchObject({ kind: 'retry', pukTriesLeft: 3 });
    expect(classifyFailure('unblock', new WrongCodeError('puk', 0))).toMatchObject({ kind: 'final', pukTriesLeft: 0 });
    // A wrong PUK on its last try is called wrong, then blocked (issue 17: it was only "bloqué").
    expect(noticeText(classifyFailure('unblock', new WrongCodeError('puk', 0)).notice)).toBe(
      'Code de déblocage erroné, au dernier essai : le code de déblocage est maintenant bloqué et cette carte ne peut plus être débloquée.',
    );
    // A card that answers 69 83 says only that the code is blocked: no word of a wrong code.
    expect(noticeText(classifyFailure('unblock', new CodeBlockedError('puk')).notice)).toBe(
      'Le code de déblocage est bloqué : cette carte ne peut plus être débloquée.',
    );
    expect(classifyFailure('unblock', new CodeBlockedError('puk'))).toMatchObject({ kind: 'final', pukTriesLeft: 0 });
    expect(classifyFailure('unblock', new PukExhaustedError())).toMatchObject({ kind: 'final', pukExhausted: true });
    expect(classifyFailure('change', new WrongCodeError('pin', 1))).toMatchObject({ kind: 'retry', pinTriesLeft: 1 });
    expect(classifyFailure('change', new CodeBlockedError('pin'))).toMatchObject({ kind: 'final', pinTriesLeft: 0 });
    expect(classifyFailure('change', new InvalidCodeFormatError('pin')).kind).toBe('retry');
    expect(classifyFailure('change', new TransportError('card-in-use', '')).kind).toBe('retry');
    // The card layer wraps a failure after a write: only then may it have applied.
    expect(classifyFailure('change', new WriteOutcomeUnknownError('card-answer', 'CHANGE REFERENCE DATA, SW 6F00'))).toMatchObject({
      kind: 'reread',
      mayHaveApplied: true,
    });
    expect(noticeText(classifyFailure('change', new WriteOutcomeUnknownError('timeout', '')).notice)).toMatch(/a pu être appliquée ou non/);
    expect(classifyFailure('change', new WriteOutcomeUnknownError('service-unavailable', ''))).toMatchObject({
      kind: 'interrupted',
      mayHaveApplied: true,
    });
    // Before any write, nothing changed, whatever the failure.
    for (const e of [new UnexpectedCardResponseError('VERIFY PUK', 0x6c08), new TransportError('timeout', ''), new Error('x')]) {
      const f = classifyFailure('unblock', e);
      expect(f.kind).toBe('reread');
      expect(noticeText(f.notice)).toMatch(/[Aa]ucun code n’a été modifié/);
      expect(f).not.toHaveProperty('mayHaveApplied');
    }
    expect(noticeText(classifyFailure('situations', new UnexpectedCardResponseError('READ BINARY')).notice)).not.toMatch(/appliquée/);
    expect(classifyFailure('unblock', new OtherCardError())).toMatchObject({ kind: 'reread' });
    expect(classifyFailure('unblock', new CodeFormatUnknownError('x'))).toMatchObject({ kind: 'final' });
    expect(noticeText(classifyFailure('unblock', new CodeFormatUnknownError('x')).notice)).toMatch(/aucun code n’a été envoyé/);
    const counters = { pin: { triesLeft: 0, maxTries: 3 }, puk: { triesLeft: null, maxTries: 10 } };
    const confirm = classifyFailure('unblock', new LastTryUnconfirmedError('puk', counters));
    expect(confirm).toMatchObject({ kind: 'confirm', code: 'puk', counters });
    expect(noticeText(confirm.notice)).toMatch(/n’a pas donné le nombre d’essais/);
  });

  it('a removal or a lost service is never a wrong code', () => {
    const removals = [
      new CardRemovedDuringOperationError(true),
      new CardRemovedDuringOperationError(false),
      new TransportError('card-removed', ''),
      new TransportError('reader-removed', ''),
      new TransportError('service-unavailable', ''),
    ];
    for (const op of ['unblock', 'change', 'situations'] as const) {
      for (const e of removals) {
        const f = classifyFailure(op, e);
        expect(f.kind).toBe('interrupted');
        expect(noticeText(f.notice)).not.toMatch(/erroné/);
      }
    }
    expect(noticeText(classifyFailure('change', new CardRemovedDuringOperationError(true)).notice)).toContain(
      'la modification a pu être appliquée ou non : essayez le nouveau code, puis l’ancien',
    );
    expect(noticeText(classifyFailure('situations', new CardRemovedDuringOperationError(false)).notice)).toMatch(/aucun code/);
    expect(noticeText(classifyFailure('unblock', new TransportError('card-removed', '')).notice)).toMatch(/aucun code/);
  });

  it('cards not recognised show their ATR; CPS2ter is named', () => {
    expect(noticeText(unrecognisedNotice(makeReport({ atr: OTHER_ATR, supported: false })))).toContain('3B 8F 80 01 80 4F');
    const cps2ter = {
      ...makeReport({ supported: false }),
      identity: { model: 'CPS2ter' as const, atr: OTHER_ATR, supported: false, hasPin: false },
    };
    expect(noticeText(unrecognisedNotice(cps2ter))).toMatch(/CPS2ter/);
    expect(noticeRemedy(readFailureNotice(new Error('x')))).toMatch(/réinsérez/);
  });

  it('a failed read is classified once: in use, removed, service down, or failed with its words', () => {
    const kindOf = (k: TransportErrorKind) => classifyReadFailure(new TransportError(k, '')).kind;
    expect(KINDS.map((k) => [k, kindOf(k)])).toEqual([
      ['service-unavailable', 'serviceDown'],
      ['access-refused', 'serviceDown'],
      ['no-reader', 'failed'],
      ['card-removed', 'removed'],
      ['reader-removed', 'removed'],
      ['card-in-use', 'inUse'],
      ['timeout', 'failed'],
      ['card-unresponsive', 'failed'],
      ['unknown', 'failed'],
    ]);
    const down = classifyReadFailure(new TransportError('access-refused', ''));
    expect(down.kind === 'serviceDown' && down.error.kind).toBe('access-refused');
    expect(classifyReadFailure(new Error('x'))).toMatchObject({ kind: 'failed', notice: { tone: 'error' } });
  });

  it('the notices of a write that may have applied say so in any language (the exit code reads it)', () => {
    const mayHave = classifyFailure('unblock', new CardRemovedDuringOperationError(true));
    const nothing = classifyFailure('unblock', new CardRemovedDuringOperationError(false));
    expect(mayHave.notice.mayHaveApplied).toBe(true);
    expect(nothing.notice.mayHaveApplied).toBeUndefined();
    expect(classifyFailure('change', new WriteOutcomeUnknownError('timeout', 'x')).notice.mayHaveApplied).toBe(true);
  });

  it('last-try warnings say what is at stake', () => {
    expect(noticeText(lastTryWarning('unblock'))).toMatch(/ne pourra plus jamais être débloquée/);
    expect(noticeText(lastTryWarning('change'))).toMatch(/sera bloqué/);
    expect(noticeText(lastTryWarning('unblock', null))).toMatch(/n’a pas donné le nombre d’essais restants du code de déblocage/);
  });

  it('the reader status line, as in the seed', () => {
    expect(readerStatusLine({ readers: [] })).toBe('Aucun lecteur ou carte présent.');
    expect(readerStatusLine({ readers: [{ name: 'A' }] })).toBe('Aucun lecteur ou carte présent.');
    expect(readerStatusLine({ readers: [{ name: 'A', atr: OTHER_ATR }] })).toBe('Un lecteur de carte connecté.');
    expect(readerStatusLine({ readers: [{ name: 'A', atr: OTHER_ATR }, { name: 'B' }] })).toBe('2 lecteurs de carte connectés.');
  });
});
