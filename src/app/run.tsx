// Runs the interactive tool: the machine, the full screen, and every way out. Quitting waits for
// a PIN operation in flight (bounded), so that the card is never left half-way. When the terminal
// goes away (hangup.ts), nothing more is written to it, the operation the user confirmed runs to
// its end (the card layer's own bounds), its outcome goes to the state file (last-run.ts), and
// the process leaves cleanly.

import { render, type Instance } from 'ink';
import type { Actor } from 'xstate';
import type { AuditMachine } from '../machine/machine.js';
import { themeFor, ThemeContext } from '../screens/theme.js';
import type { ScreenEnv } from '../screens/view.js';
import { App } from './app.js';
import { operationInFlight } from './key-mode.js';
import { exitCodeFor, exitLine, trackOutcomes, type OutcomeTracker } from './outcome.js';
import { t } from '../i18n/index.js';
import { HANGUP_GRACE_MS, QUIT_GRACE_MS, whenSafeToQuit } from './quit.js';
import { enterFullScreen, type TerminalSession } from './terminal.js';
import { detachStdio, ignoreFurtherHangups, muteStream, watchForHangup } from './hangup.js';
import type { LastRunKeeper } from './last-run.js';
import { afterReactWork, KeyStream, TerminalInput } from './key-stream.js';

export interface RunOptions {
  readonly actor: Actor<AuditMachine>;
  readonly env: ScreenEnv;
  /** Releases the card layer (transport close); bounded by the caller's own timeout. */
  readonly close: () => Promise<void>;
  readonly onToggleCard?: () => void;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
  /** The state file's keeper (last-run.ts), told how the run ended. */
  readonly lastRun?: LastRunKeeper;
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    p.then(
      () => {
        clearTimeout(t);
        resolve();
      },
      () => {
        clearTimeout(t);
        resolve();
      },
    );
  });
}

/** The one line on stderr when something unexpected ends the tool (the terminal already given back). */
function sayUnexpected(stderr: NodeJS.WriteStream, key: 'cli.run.unexpected' | 'cli.run.unexpectedDisplay', error: unknown): void {
  stderr.write(t(key, { detail: error instanceof Error ? error.message : String(error) }));
}

/** The App in its theme; `quitting` shows the wait for an operation in flight. */
function appTree(options: RunOptions, quitting: boolean, onQuit: () => void) {
  return (
    <ThemeContext.Provider value={themeFor(process.env)}>
      <App
        actor={options.actor}
        env={options.env}
        onQuit={onQuit}
        quitting={quitting}
        {...(options.onToggleCard ? { onToggleCard: options.onToggleCard } : {})}
      />
    </ThemeContext.Provider>
  );
}

interface Running {
  readonly options: RunOptions;
  readonly outcomes: OutcomeTracker;
  readonly ink: Instance;
  readonly session: TerminalSession;
  readonly stderr: NodeJS.WriteStream;
  /** What the keys are read from (the terminal, key-stream.ts). */
  readonly stdin: NodeJS.ReadStream;
  /** The terminal went away. */
  readonly gone: () => boolean;
  /** It went away while a PIN operation was on its way: the next run must be told how it ended. */
  readonly lostMidOperation: () => boolean;
}

/**
 * The way out: the exit code of the last thing shown (read before the actor stops), the screen
 * and the card layer released (bounded), the terminal given back, and the exit line.
 */
async function leave(
  { options, outcomes, ink, session, stderr, stdin, gone, lostMidOperation }: Running,
  timedOut: boolean,
): Promise<number> {
  const { actor } = options;
  const last = actor.getSnapshot();
  const running = outcomes.sending();
  const outcome = timedOut && running !== undefined ? { kind: 'stillRunning' as const, op: running } : outcomes.last();
  const code = exitCodeFor(last, outcome, timedOut);
  outcomes.stop();
  options.lastRun?.leave(outcome, lostMidOperation());
  ink.unmount();
  actor.stop();
  await withTimeout(options.close(), 2_000);
  session.restore();
  stderr.write(`${exitLine(last, outcome, code)}\n`);
  // Node would try to restore the gone terminal on exit, and abort (hangup.ts).
  if (gone()) detachStdio(stdin);
  return code;
}

/**
 * Resolves with the process exit code once the terminal has been given back: the code of the
 * last thing shown (exit-codes.ts), the same whether q, Ctrl-C, SIGTERM or SIGHUP ended it, and
 * after an operation waited for, the code of its outcome. One line on stderr says it.
 */
export function runInteractive(options: RunOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  // The terminal read into a buffer of the tool's own, zeroed after each read (key-stream.ts).
  const stdin = options.stdin ?? new TerminalInput();
  const stderr = options.stderr ?? process.stderr;
  const { actor } = options;

  return new Promise<number>((resolveExit) => {
    let quitting = false;
    let gone = false;
    let lostMidOperation = false;
    let leaving = false;
    const outcomes = trackOutcomes(actor);
    const session = enterFullScreen(
      stdout,
      stdin,
      () => requestQuit(),
      (error) => {
        sayUnexpected(stderr, 'cli.run.unexpected', error);
        process.exit(70);
      },
      () => hangup(),
    );
    if (stderr.isTTY)
      watchForHangup(
        stderr,
        () => hangup(),
        () => undefined,
      );
    // Ink reads one key at a time, a turn each (key-stream.ts): no string holds a pasted or burst code.
    const keys = new KeyStream(stdin, afterReactWork) as unknown as NodeJS.ReadStream;
    const ink = render(appTree(options, false, requestQuit), { stdout, stdin: keys, stderr, exitOnCtrlC: false, patchConsole: true });
    const running: Running = { options, outcomes, ink, session, stderr, stdin, gone: () => gone, lostMidOperation: () => lostMidOperation };
    const finish = (timedOut: boolean) => {
      if (leaving) return;
      leaving = true;
      void leave(running, timedOut).then(resolveExit);
    };

    /** The terminal is gone: write nothing more to it, and leave once the operation in flight has ended. */
    function hangup() {
      if (gone) return;
      gone = true;
      ignoreFurtherHangups();
      lostMidOperation = operationInFlight(actor.getSnapshot());
      muteStream(stdout);
      if (stderr.isTTY) muteStream(stderr);
      requestQuit();
    }

    /** Waits for the operation in flight: 5 s for a person waiting, to its end when nobody is there any more. */
    async function waitThenLeave() {
      let safe = await whenSafeToQuit(actor, gone ? HANGUP_GRACE_MS : QUIT_GRACE_MS);
      if (!safe && gone) safe = await whenSafeToQuit(actor, HANGUP_GRACE_MS);
      finish(!safe);
    }

    // An error thrown while rendering ends Ink's app: give the terminal back and say so.
    ink.waitUntilExit().catch((error: unknown) => {
      if (quitting || gone) return;
      quitting = true;
      actor.stop();
      session.restore();
      sayUnexpected(stderr, 'cli.run.unexpectedDisplay', error);
      void withTimeout(options.close(), 2_000).then(() => resolveExit(70));
    });

    /** q, Ctrl-C, a signal: leave now, or once the operation in flight has ended (bounded). */
    function requestQuit() {
      if (quitting) return;
      quitting = true;
      actor.send({ type: 'QUIT' });
      if (!operationInFlight(actor.getSnapshot())) {
        finish(false);
        return;
      }
      if (!gone) ink.rerender(appTree(options, true, requestQuit));
      void waitThenLeave();
    }
  });
}
