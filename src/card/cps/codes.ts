// Local rules, checked before any APDU (docs/card.md §3: never send a code that fails them).
// The one rule per code length: the machine's forms and the card layer both read CODE_LENGTH.

import { InvalidCodeFormatError, type CodeName } from './errors.js';
import { SecretCode } from './secret-code.js';

export const CODE_LENGTH: Readonly<Record<CodeName, number>> = { pin: 4, puk: 8 };

export function isValidCode(kind: CodeName, code: string | SecretCode): boolean {
  if (code instanceof SecretCode) return !code.wiped && code.length === CODE_LENGTH[kind];
  return typeof code === 'string' && code.length === CODE_LENGTH[kind] && /^\d+$/.test(code);
}

/** The code as a SecretCode, or InvalidCodeFormatError before anything reaches the card. */
export function validCode(kind: CodeName, code: string | SecretCode): SecretCode {
  if (!isValidCode(kind, code)) throw new InvalidCodeFormatError(kind);
  return SecretCode.of(code);
}

export function assertValidCode(kind: CodeName, code: string | SecretCode): void {
  if (!isValidCode(kind, code)) throw new InvalidCodeFormatError(kind);
}
