// Issue 20: `--no-pinpad` turns the reader's keypad off for the interactive run only.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../src/app/cli/command-line.js';

describe('--no-pinpad', () => {
  it('is taken by the screen, and refused by report and diagnose (they send no code)', () => {
    expect(parseArgs(['--no-pinpad'])).toMatchObject({ kind: 'run', noPinpad: true });
    expect(parseArgs([])).not.toHaveProperty('noPinpad');
    expect(parseArgs(['report', '--no-pinpad'])).toMatchObject({ kind: 'error' });
    expect(parseArgs(['diagnose', '--no-pinpad'])).toMatchObject({ kind: 'error' });
  });
});
