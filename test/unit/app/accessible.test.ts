// When the accessible mode starts by itself: --accessible, TERM dumb, TERM unset or empty (node-pty
// cannot start a program without TERM, so this one is tested here; TERM=dumb in the pty test).

import { describe, expect, it } from 'vitest';
import { accessibleWanted } from '../../../src/app/tui/accessible.js';

describe('accessibleWanted', () => {
  it('is on with the flag, TERM=dumb, TERM unset or empty; off for a real terminal', () => {
    expect(accessibleWanted(true, { TERM: 'xterm-256color' })).toBe(true);
    expect(accessibleWanted(false, { TERM: 'dumb' })).toBe(true);
    expect(accessibleWanted(false, {})).toBe(true);
    expect(accessibleWanted(false, { TERM: '' })).toBe(true);
    expect(accessibleWanted(false, { TERM: 'xterm-256color' })).toBe(false);
    expect(accessibleWanted(false, { TERM: 'screen' })).toBe(false);
  });
});
