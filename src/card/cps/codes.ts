// Local rules, checked before any APDU (spec §3: never send a code that fails them).

import { InvalidCodeFormatError, type CodeName } from './errors.js';

export const CODE_LENGTH: Readonly<Record<CodeName, number>> = { pin: 4, puk: 8 };

export function isValidCode(kind: CodeName, code: string): boolean {
  return typeof code === 'string' && code.length === CODE_LENGTH[kind] && /^\d+$/.test(code);
}

export function assertValidCode(kind: CodeName, code: string): void {
  if (!isValidCode(kind, code)) throw new InvalidCodeFormatError(kind);
}
