// The terminal tests run the built tool, as a user would: building it, starting it in a
// pseudo-terminal and the form helpers are shared with the scripts (scripts/lib/pty-build.ts);
// `useTool` gives a file of terminal tests the built tool in real pseudo-terminals, each ended
// after its test.

import { afterEach, beforeAll } from 'vitest';
import { endSession, startPty, type PtyOptions, type PtySession } from '../../scripts/lib/pty.js';
import { ensureBuilt, startTool, type ToolOptions } from '../../scripts/lib/pty-build.js';

export * from '../../scripts/lib/pty-build.js';

export interface ToolTerminals {
  /** The built bundle (dist/cps-audit.mjs), once beforeAll has run. */
  readonly bundle: string;
  /** The tool in a new terminal, ended (hung up, its exit awaited) after the test. */
  tool(args?: readonly string[], options?: ToolOptions): PtySession;
  /** Another program in a terminal (a shell, a fixture), ended after the test too. */
  pty(options: PtyOptions): PtySession;
}

/** For a file of terminal tests without pcscd: the tool built before them, each test's terminals ended after it. */
export function useTool(): ToolTerminals {
  let built: string | undefined;
  const ttys: PtySession[] = [];
  beforeAll(() => {
    built = ensureBuilt();
  }, 120_000);
  afterEach(async () => {
    await Promise.all(ttys.splice(0).map(endSession));
  });
  const bundleOf = () => {
    if (built === undefined) throw new Error('l’outil n’est pas construit (beforeAll)');
    return built;
  };
  return {
    get bundle() {
      return bundleOf();
    },
    tool(args = [], options = {}) {
      const s = startTool(bundleOf(), args, options);
      ttys.push(s);
      return s;
    },
    pty(options) {
      const s = startPty(options);
      ttys.push(s);
      return s;
    },
  };
}
