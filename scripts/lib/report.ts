// What the report tests share, in process and through pcscd: the validator of
// docs/report.schema.json (ajv, strict, every error), and the exit code each simulated card gives.

import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { EXIT } from '../../src/app/exit-codes.js';
import type { FIXTURE_NAMES } from '../../src/card/simulator/fixtures.js';

const schema: unknown = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/report.schema.json'), 'utf8'));

export const validateReport = new Ajv2020({ strict: true, allErrors: true }).compile(schema as object);

/** The exit code of `cps-audit report` for each simulated card. */
export const EXIT_OF_FIXTURE: Record<(typeof FIXTURE_NAMES)[number], number> = {
  // The seed's card expired in 2014, its PIN blocked: 10 (13 once unblocked); one PUK try left: 12 (issue 17).
  seed: EXIT.pinBlocked,
  'cps3-rpps': EXIT.ok,
  'cps3-pin6': EXIT.ok,
  'puk-last-try': EXIT.lastTry,
  'puk-blocked': EXIT.cannotUnblock,
  'puk-exhausted': EXIT.cannotUnblock,
  cpe: EXIT.ok,
  cps4: EXIT.pinBlocked,
  unknown: EXIT.cardUnrecognised,
  'cps4-rc': EXIT.pinBlocked,
  'cps4-t0': EXIT.pinBlocked,
  'cps3-public': EXIT.ok,
  'cps3-cl': EXIT.ok,
  vitale: EXIT.cardUnrecognised,
  'key-mismatch': EXIT.ok,
  'ca-expired': EXIT.ok,
  'unknown-issuer': EXIT.ok,
  'bad-cert-signature': EXIT.ok,
};
