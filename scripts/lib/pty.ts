// A real pseudo-terminal running the tool, with @xterm/headless as the screen model: what a
// person would see at 80×24, read back as text. Waits poll the screen with a bound.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type IPty } from 'node-pty';
import xterm from '@xterm/headless';

const { Terminal } = xterm;

export interface PtyOptions {
  readonly args: readonly string[];
  readonly cols?: number;
  readonly rows?: number;
  /** Extra variables; CI markers are always removed (Ink would render only the last frame). */
  readonly env?: Record<string, string>;
  readonly command?: string;
  readonly cwd?: string;
}

export interface PtySession {
  /** The visible screen, one string per row, trailing spaces trimmed. */
  screen(): string[];
  screenText(): string;
  /** True while the alternate screen buffer is active. */
  onAlternateBuffer(): boolean;
  write(data: string): void;
  /** Sends each string as its own write, waiting `gapMs` between them (a person typing). */
  type(keys: readonly string[], gapMs?: number): Promise<void>;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
  waitForNoText(text: string | RegExp, timeoutMs?: number): Promise<void>;
  waitFor(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  waitForExit(timeoutMs?: number): Promise<{ exitCode: number; signal?: number }>;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  /**
   * Closes the terminal itself (its master side), as a dropped SSH session or a closed window
   * does: the program gets SIGHUP, and EIO on what it writes. Its exit is still reported.
   */
  hangup(): void;
  readonly pid: number;
  /** Everything the program wrote, raw. */
  output(): string;
}

export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) continue;
    env[k] = v;
  }
  env.TERM = 'xterm-256color';
  delete env.NO_COLOR;
  // The tool's state folder (the journal of operations, issue 22): the tests' own, never the user's.
  env.XDG_STATE_HOME = testStateHome();
  return { ...env, ...extra };
}

let stateHome: string | undefined;
/** One state folder per test process, removed at its exit. */
function testStateHome(): string {
  if (stateHome === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cps-audit-state-'));
    stateHome = dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return stateHome;
}

export function startPty(options: PtyOptions): PtySession {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  let raw = '';
  let exited: { exitCode: number; signal?: number } | undefined;
  const pty: IPty = spawn(options.command ?? process.execPath, [...options.args], {
    // node-pty sets TERM from `name`: a test's own TERM (dumb, or empty for unset) must win.
    name: options.env?.TERM ?? 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd ?? process.cwd(),
    env: childEnv(options.env),
  });
  pty.onData((d) => {
    raw += d;
    term.write(d);
  });
  pty.onExit((e) => {
    exited = e;
  });

  const screen = (): string[] => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y++) {
      out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    }
    return out;
  };
  const screenText = () => screen().join('\n');
  // A sentence wrapped over two rows still reads as one: rows are joined by a space.
  const flatText = () =>
    screen()
      .map((l) => l.trim())
      .join(' ')
      .replace(/ +/g, ' ');
  const matches = (t: string | RegExp) =>
    typeof t === 'string' ? screenText().includes(t) || flatText().includes(t) : t.test(screenText()) || t.test(flatText());

  // xterm parses writes asynchronously: flush before reading so a check sees all output so far.
  const flush = () => new Promise<void>((resolve) => term.write('', resolve));

  // Generous bounds: two cores shared by several test runs can slow a frame down a lot.
  const waitFor = async (check: () => boolean, what: string, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await flush();
      if (check()) return;
      if (Date.now() > until) {
        throw new Error(`délai dépassé (${timeoutMs} ms) en attendant ${what}\n--- écran ---\n${screenText()}\n-------------`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  return {
    pid: pty.pid,
    screen,
    screenText,
    onAlternateBuffer: () => term.buffer.active.type === 'alternate',
    write: (data) => pty.write(data),
    async type(keys, gapMs = 60) {
      for (const k of keys) {
        pty.write(k);
        await new Promise((r) => setTimeout(r, gapMs));
      }
    },
    waitForText: (text, timeoutMs) => waitFor(() => matches(text), `« ${String(text)} »`, timeoutMs),
    waitForNoText: (text, timeoutMs) => waitFor(() => !matches(text), `la disparition de « ${String(text)} »`, timeoutMs),
    waitFor,
    async waitForExit(timeoutMs = 20_000) {
      await waitFor(() => exited !== undefined, 'la fin du programme', timeoutMs);
      await flush();
      return exited!;
    },
    resize(c, r) {
      pty.resize(c, r);
      term.resize(c, r);
    },
    kill(signal) {
      if (exited === undefined) pty.kill(signal);
    },
    hangup() {
      // node-pty's UnixTerminal.destroy closes the master (not in its typings).
      if (exited === undefined) (pty as unknown as { destroy(): void }).destroy();
    },
    output: () => raw,
  };
}

/** Prints the screen in a frame, for the record of the run. */
export function showScreen(title: string, s: PtySession): void {
  const rows = s.screen().map((l) => `|${l.padEnd(80)}|`);
  process.stdout.write(`\n===== ${title} (80×24) =====\n${rows.join('\n')}\n`);
}

/** Hangs up the terminal and waits for the program to leave (the tool finishes a card operation first); kills it after 10 s. */
export async function endSession(s: PtySession): Promise<void> {
  s.kill();
  try {
    await s.waitForExit(10_000);
  } catch {
    s.kill('SIGKILL');
    await s.waitForExit(5_000);
  }
}
