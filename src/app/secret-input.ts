// Reads the PIN from the terminal for `cps-audit test`: raw mode, no echo, digits only, Enter to
// end, Backspace to correct, Esc / Ctrl-C / Ctrl-D to decline. The code is built as a SecretCode
// digit by digit (never a string), and is never taken from the command line or the environment.

import { SecretCode } from '../card/cps/secret-code.js';

export interface SecretInput {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface SecretOutput {
  write(text: string): unknown;
}

const MAX_DIGITS = 16;

/** The code typed (null: declined), or null at once when `input` is no terminal. */
export function readSecret(input: SecretInput, output: SecretOutput, prompt: string): Promise<SecretCode | null> {
  if (!input.isTTY || !input.setRawMode) return Promise.resolve(null);
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  let code = SecretCode.empty;
  return new Promise((resolve) => {
    const finish = (value: SecretCode | null) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (value === null) code.wipe();
      resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      for (const b of bytes) {
        if (b === 0x0d || b === 0x0a) return finish(code);
        if (b === 0x1b || b === 0x03 || b === 0x04) return finish(null);
        const before = code;
        if (b === 0x7f || b === 0x08) code = code.withoutLast();
        else if (b >= 0x30 && b <= 0x39) {
          const digit = SecretCode.fromText(String.fromCharCode(b));
          code = code.append(digit, MAX_DIGITS);
          digit.wipe();
        } else continue;
        if (before !== code) before.wipe();
      }
      bytes.fill(0);
    };
    input.on('data', onData);
  });
}

/** A yes/no question answered with one key (o/y: yes; anything else: no). */
export function readYes(input: SecretInput, output: SecretOutput, question: string): Promise<boolean> {
  if (!input.isTTY || !input.setRawMode) return Promise.resolve(false);
  output.write(question);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve) => {
    const onData = (chunk: Buffer | string) => {
      const c = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).slice(0, 1).toLowerCase();
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      resolve(c === 'o' || c === 'y');
    };
    input.on('data', onData);
  });
}
