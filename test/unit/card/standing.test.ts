// How a card stands (src/card/cps/standing.ts): each standing of the PIN, the PUK and the dates,
// and the boundaries that decide them (10/11 unblocks, 1 try, 0 tries, the last day of validity,
// 90/91 days ahead, the certificate's very instant of expiry).

import { describe, expect, it } from 'vitest';
import type { CardReport, CertificateInfo, CodeStatus, Readable } from '../../../src/card/cps/report.js';
import {
  EXPIRY_NOTICE_DAYS,
  FEW_UNBLOCKS,
  cardValidity,
  certificateValidity,
  codeStanding,
  codesStanding,
  needsConfirmation,
  pukStanding,
  standing,
  unblocksStanding,
} from '../../../src/card/cps/standing.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 24 * 3600 * 1000;
const unread = { ok: false as const, reason: 'absent du test' };
const ok = <T>(value: T): Readable<T> => ({ ok: true, value });

function code(triesLeft: number | null, unblocksLeft?: number | null): CodeStatus {
  return { triesLeft, maxTries: 3, ...(unblocksLeft === undefined ? {} : { unblocksLeft }) };
}

function cert(notBefore: Date, notAfter: Date): Readable<CertificateInfo> {
  return ok({
    label: 'x',
    use: 'authentification',
    subject: '',
    holder: '',
    issuer: '',
    serial: '01',
    notBefore,
    notAfter,
    der: new Uint8Array(),
  });
}

function report(
  o: {
    pin?: CodeStatus;
    puk?: CodeStatus;
    hasPin?: boolean;
    supported?: boolean;
    validTo?: Readable<string>;
    certificates?: CardReport['certificates'];
  } = {},
): CardReport {
  const supported = o.supported ?? true;
  return {
    reader: 'Lecteur',
    identity: { model: 'CPS3', atr: new Uint8Array([0x3b]), supported, hasPin: o.hasPin ?? supported },
    serial: ok('1'),
    issuer: unread,
    category: unread,
    cardType: unread,
    logicalId: unread,
    validFrom: unread,
    validTo: o.validTo ?? ok('2030-12-31'),
    holder: { name: unread, identifier: unread, profession: unread },
    pin: o.pin ?? code(3),
    puk: o.puk ?? code(10, 100),
    certificates: o.certificates ?? [],
    undecoded: [],
    warnings: [],
  };
}

describe('a code', () => {
  it('is usable, on its last try, blocked, or unknown when the card does not tell', () => {
    expect(codeStanding(code(3))).toBe('usable');
    expect(codeStanding(code(2))).toBe('usable');
    expect(codeStanding(code(1))).toBe('lastTry');
    expect(codeStanding(code(0))).toBe('blocked');
    expect(codeStanding(code(null))).toBe('unknown');
  });

  it('a PUK with no unblock left is exhausted, whatever its tries say', () => {
    expect(pukStanding(code(10, 0))).toBe('exhausted');
    expect(pukStanding(code(null, 0))).toBe('exhausted');
    expect(pukStanding(code(1, 0))).toBe('exhausted');
    expect(pukStanding(code(0, 0))).toBe('exhausted');
    expect(pukStanding(code(1, 5))).toBe('lastTry');
    expect(pukStanding(code(0, 5))).toBe('blocked');
    expect(pukStanding(code(10, null))).toBe('usable');
  });

  it('the last try and untold tries are confirmed before a code goes; other counts are not', () => {
    expect(needsConfirmation(code(1))).toBe(true);
    expect(needsConfirmation(code(null))).toBe(true);
    expect(needsConfirmation(code(2))).toBe(false);
    expect(needsConfirmation(code(0))).toBe(false);
  });
});

describe('the unblocks left', () => {
  it(`few from ${FEW_UNBLOCKS} down, enough above, the last one, none, or unknown`, () => {
    expect(FEW_UNBLOCKS).toBe(10);
    expect(unblocksStanding(11)).toBe('enough');
    expect(unblocksStanding(10)).toBe('few');
    expect(unblocksStanding(2)).toBe('few');
    expect(unblocksStanding(1)).toBe('last');
    expect(unblocksStanding(0)).toBe('none');
    expect(unblocksStanding(null)).toBe('unknown');
    expect(unblocksStanding(undefined)).toBe('unknown');
  });
});

describe('the codes together', () => {
  it('no PIN, unknown, PIN ok, PIN blocked, PUK unusable', () => {
    expect(codesStanding(undefined)).toBe('unknown');
    expect(codesStanding(report({ hasPin: false }))).toBe('noPin');
    expect(codesStanding(report({ pin: code(null) }))).toBe('unknown');
    expect(codesStanding(report({ pin: code(1) }))).toBe('pinOk');
    expect(codesStanding(report({ pin: code(0) }))).toBe('pinBlocked');
    expect(codesStanding(report({ pin: code(0), puk: code(1, 1) }))).toBe('pinBlocked');
    expect(codesStanding(report({ pin: code(0), puk: code(0, 5) }))).toBe('pukUnusable');
    expect(codesStanding(report({ pin: code(0), puk: code(10, 0) }))).toBe('pukUnusable');
    // A usable PIN beside a dead PUK stays usable: the warnings and the PUK's value say the rest.
    expect(codesStanding(report({ pin: code(3), puk: code(0, 5) }))).toBe('pinOk');
  });

  it('the last try that matters: the PIN first, then a PUK that can still be used', () => {
    expect(standing(report({ pin: code(1), puk: code(1, 5) }), NOW).lastTry).toBe('pin');
    expect(standing(report({ pin: code(0), puk: code(1, 5) }), NOW).lastTry).toBe('puk');
    expect(standing(report({ pin: code(3), puk: code(1, 0) }), NOW).lastTry).toBeUndefined();
    expect(standing(report({ pin: code(3), puk: code(2, 5) }), NOW).lastTry).toBeUndefined();
    expect(standing(report({ hasPin: false, pin: code(1) }), NOW).lastTry).toBeUndefined();
  });

  it('the PUK is usable unless blocked or exhausted', () => {
    expect(standing(report({ puk: code(1, 1) }), NOW).pukUsable).toBe(true);
    expect(standing(report({ puk: code(null, null) }), NOW).pukUsable).toBe(true);
    expect(standing(report({ puk: code(0, 5) }), NOW).pukUsable).toBe(false);
    expect(standing(report({ puk: code(10, 0) }), NOW).pukUsable).toBe(false);
  });
});

describe('the card’s end of validity (valid through its last day, UTC)', () => {
  it('is valid on its last day to the last second, expired the next instant', () => {
    const validTo = ok('2026-06-15');
    expect(cardValidity(validTo, new Date('2026-06-15T23:59:58Z'))).toMatchObject({ kind: 'expiring', days: 0 });
    expect(cardValidity(validTo, new Date('2026-06-16T00:00:00Z'))).toMatchObject({ kind: 'expired', days: -1 });
  });

  it(`is announced ${EXPIRY_NOTICE_DAYS} days ahead, not 91`, () => {
    expect(EXPIRY_NOTICE_DAYS).toBe(90);
    const end = new Date('2026-06-15T23:59:59Z');
    const at = (daysBefore: number) => new Date(end.getTime() - daysBefore * DAY);
    expect(cardValidity(ok('2026-06-15'), at(90))).toMatchObject({ kind: 'expiring', days: 90 });
    expect(cardValidity(ok('2026-06-15'), at(91))).toMatchObject({ kind: 'valid', days: 91 });
  });

  it('is unknown when unread or not a date', () => {
    expect(cardValidity(unread, NOW)).toEqual({ kind: 'unknown' });
    expect(cardValidity(ok('31/12/2030'), NOW)).toEqual({ kind: 'unknown' });
  });
});

describe('a certificate', () => {
  const from = new Date('2024-01-01T00:00:00Z');
  it('expires after its notAfter instant, not at it', () => {
    const end = new Date('2026-06-15T12:00:00Z');
    expect(certificateValidity(from, end, end).kind).toBe('expiring');
    expect(certificateValidity(from, end, new Date(end.getTime() + 1)).kind).toBe('expired');
  });

  it('is not yet valid before notBefore, expiring within 90 days, else valid', () => {
    const end = new Date(NOW.getTime() + 90 * DAY);
    expect(certificateValidity(new Date(NOW.getTime() + 1), end, NOW).kind).toBe('notYetValid');
    expect(certificateValidity(from, end, NOW)).toMatchObject({ kind: 'expiring', days: 90 });
    expect(certificateValidity(from, new Date(end.getTime() + DAY), NOW)).toMatchObject({ kind: 'valid', days: 91 });
  });
});

describe('the card as a whole', () => {
  it('is expired when the card or one certificate is; an unreadable certificate is unknown, not expired', () => {
    const past = new Date('2026-01-01T00:00:00Z');
    const future = new Date('2030-01-01T00:00:00Z');
    const fine = standing(report({ certificates: [cert(past, future), unread] }), NOW);
    expect(fine.expired).toBe(false);
    expect(fine.certificates.map((c) => c.kind)).toEqual(['valid', 'unknown']);
    expect(standing(report({ certificates: [cert(new Date('2020-01-01'), past)] }), NOW).expired).toBe(true);
    expect(standing(report({ validTo: ok('2026-06-14') }), NOW).expired).toBe(true);
    // A card this tool does not know is never called expired (its dates are not read as a CPS's).
    expect(standing(report({ supported: false, validTo: ok('2026-06-14') }), NOW).expired).toBe(false);
  });
});
