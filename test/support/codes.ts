// Tests read what a SecretCode holds; the product never does (it has no way to turn one into text).

import { SecretCode } from '../../src/card/cps/secret-code.js';

export function digitsOf(code: SecretCode | undefined): string {
  if (code === undefined) return '';
  let out = '';
  for (let i = 0; i < code.length; i++) out += String(code.digitAt(i));
  return out;
}

export const code = (text: string): SecretCode => SecretCode.fromText(text);
