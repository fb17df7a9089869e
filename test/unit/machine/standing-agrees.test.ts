// One standing, read everywhere (issue 19, point 2): over every mix of PIN tries, PUK tries and
// lifetime unblocks, the title bar (the real machine's snapshot), the exit verdict, the warnings,
// the JSON's code states, the PUK's value on screen and `diagnose` say what card/cps/standing.ts
// says, and never one thing while another says something else (before, an exhausted PUK on one
// try titled the screen "dernier essai du code de déblocage" with exit code 0 and no warning).

import { describe, expect, it } from 'vitest';
import type { CardReport } from '../../../src/card/cps/report.js';
import { standing } from '../../../src/card/cps/standing.js';
import { stateName } from '../../../src/machine/selectors.js';
import { cardVerdict } from '../../../src/report/model.js';
import { cardWarnings } from '../../../src/report/warnings.js';
import { pinState, pukState } from '../../../src/report/json.js';
import { cardExpiryText, pukStatusText, validityState } from '../../../src/view/format.js';
import { cardChecks } from '../../../src/app/commands/diagnose-card.js';
import { loaded, makeReport } from '../../support/machine-doubles.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const PIN = [null, 0, 1, 2, 3] as const;
const PUK = [null, 0, 1, 2, 10] as const;
const UNBLOCKS = [null, 0, 1, 2, 10, 11, 100] as const;

function withCodes(pin: number | null, puk: number | null, unblocks: number | null): CardReport {
  const r = makeReport();
  return { ...r, pin: { ...r.pin, triesLeft: pin }, puk: { ...r.puk, triesLeft: puk, unblocksLeft: unblocks } };
}

const CASES = PIN.flatMap((pin) => PUK.flatMap((puk) => UNBLOCKS.map((unblocks) => ({ pin, puk, unblocks }))));

describe('every reader of the card’s standing agrees with it', () => {
  it('the exit verdict, the warnings, the JSON, the PUK’s value and diagnose', () => {
    for (const { pin, puk, unblocks } of CASES) {
      const report = withCodes(pin, puk, unblocks);
      const st = standing(report, NOW);
      const label = JSON.stringify({ pin, puk, unblocks });
      const verdict = cardVerdict(report, NOW);
      expect(verdict === 'cannotUnblock', label).toBe(st.codes === 'pukUnusable');
      expect(verdict === 'lastTry', label).toBe(st.codes !== 'pukUnusable' && st.lastTry !== undefined);
      expect(verdict === 'pinBlocked', label).toBe(st.codes === 'pinBlocked' && st.lastTry === undefined);
      const warned = new Set(cardWarnings(report, NOW).map((w) => w.code));
      expect(warned.has('pin-last-try'), label).toBe(st.pin === 'lastTry');
      expect(warned.has('puk-last-try'), label).toBe(st.puk === 'lastTry');
      expect(warned.has('puk-few-unblocks'), label).toBe(st.unblocks === 'few' || st.unblocks === 'last');
      expect(pinState(report), label).toBe(st.pin === 'blocked' ? 'blocked' : st.pin === 'unknown' ? 'unknown' : 'ok');
      expect(pukState(report), label).toBe(st.puk === 'lastTry' || st.puk === 'usable' ? 'ok' : st.puk);
      const tellsUnblocks = /plus que \d+ déblocage/.test(pukStatusText(report.puk));
      expect(tellsUnblocks, label).toBe((st.unblocks === 'few' || st.unblocks === 'last') && st.puk !== 'blocked');
      const problems = new Set(cardChecks(report, NOW).flatMap((c) => (c.status === 'problem' ? [c.id] : [])));
      expect(problems.has('card-pin'), label).toBe(st.pin === 'blocked' || st.pin === 'lastTry');
      expect(problems.has('card-puk'), label).toBe(!st.pukUsable || st.puk === 'lastTry' || st.unblocks === 'last');
    }
  });

  it('the title bar names a last try exactly when the exit code is the last try’s (12)', async () => {
    for (const { pin, puk, unblocks } of CASES) {
      const report = withCodes(pin, puk, unblocks);
      const st = standing(report, NOW);
      const r = await loaded(report);
      const key = `state.${stateName(r.actor.getSnapshot())}`;
      r.actor.stop();
      const label = JSON.stringify({ pin, puk, unblocks, key });
      expect(key === 'state.pinLastTry' || key === 'state.pukLastTry', label).toBe(cardVerdict(report, NOW) === 'lastTry');
      expect(key === 'state.pukUnusable', label).toBe(st.codes === 'pukUnusable');
      expect(key === 'state.fewUnblocks', label).toBe(
        st.codes === 'pinOk' && st.lastTry === undefined && (st.unblocks === 'few' || st.unblocks === 'last'),
      );
    }
  });

  it('the card’s and the certificates’ dates: the warnings, the verdict (13), the values on screen and diagnose', () => {
    const validTo = '2026-06-15';
    const notAfter = new Date('2026-06-15T12:00:00Z');
    const instants = [
      '2026-03-17T12:00:00Z', // 90 days before the certificate's end
      '2026-03-16T12:00:00Z', // 91 days before
      '2026-06-15T11:59:59.999Z',
      '2026-06-15T12:00:00Z', // the certificate's very instant of expiry: still valid
      '2026-06-15T12:00:00.001Z',
      '2026-06-15T23:59:58Z',
      '2026-06-15T23:59:59.500Z', // the card's last second: past its end (23:59:59)
      '2026-06-16T00:00:00Z',
    ].map((iso) => new Date(iso));
    for (const now of instants) {
      const base = makeReport();
      const report: CardReport = {
        ...base,
        validTo: { ok: true, value: validTo },
        certificates: [
          {
            ok: true,
            value: {
              label: 'auth',
              use: 'authentification',
              subject: '',
              holder: '',
              issuer: '',
              serial: '01',
              notBefore: new Date('2024-01-01T00:00:00Z'),
              notAfter,
              der: new Uint8Array(),
            },
          },
        ],
      };
      const st = standing(report, now);
      const label = now.toISOString();
      const cardExpired = st.card.kind === 'expired';
      const certExpired = st.certificates[0]?.kind === 'expired';
      const warned = new Set(cardWarnings(report, now).map((w) => w.code));
      expect(warned.has('card-expired'), label).toBe(cardExpired);
      expect(warned.has('card-expiring'), label).toBe(st.card.kind === 'expiring');
      expect(warned.has('certificate-expired'), label).toBe(certExpired);
      expect(warned.has('certificate-expiring'), label).toBe(st.certificates[0]?.kind === 'expiring');
      expect(cardVerdict(report, now) === 'expired', label).toBe(cardExpired || certExpired);
      expect(cardExpiryText(report.validTo, now).expired, label).toBe(cardExpired);
      expect(validityState(new Date('2024-01-01T00:00:00Z'), notAfter, now).tone === 'danger', label).toBe(certExpired);
      const problems = new Set(cardChecks(report, now).flatMap((c) => (c.status === 'problem' ? [c.id] : [])));
      expect(problems.has('card-expired'), label).toBe(cardExpired);
      expect(problems.has('card-certificate'), label).toBe(certExpired);
    }
  });
});
