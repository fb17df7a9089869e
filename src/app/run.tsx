// Runs the interactive tool: the machine, the full screen, and every way out. Quitting waits for
// a PIN operation in flight (bounded), so that the card is never left half-way.

import { render } from 'ink';
import type { Actor } from 'xstate';
import type { AuditMachine } from '../machine/machine.js';
import { themeFor, ThemeContext } from '../screens/theme.js';
import type { ScreenEnv } from '../screens/view.js';
import { App } from './app.js';
import { operationInFlight } from './key-mode.js';
import { exitCodeFor, exitLine, trackOutcomes } from './outcome.js';
import { t } from '../i18n/index.js';
import { whenSafeToQuit } from './quit.js';
import { enterFullScreen } from './terminal.js';

export interface RunOptions {
  readonly actor: Actor<AuditMachine>;
  readonly env: ScreenEnv;
  /** Releases the card layer (transport close); bounded by the caller's own timeout. */
  readonly close: () => Promise<void>;
  readonly onToggleCard?: () => void;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
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

/**
 * Resolves with the process exit code once the terminal has been given back: the code of the
 * last thing shown (exit-codes.ts), the same whether q, Ctrl-C, SIGTERM or SIGHUP ended it, and
 * after an operation waited for, the code of its outcome. One line on stderr says it.
 */
export function runInteractive(options: RunOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const stderr = options.stderr ?? process.stderr;
  const { actor } = options;

  return new Promise<number>((resolveExit) => {
    let quitting = false;
    const outcomes = trackOutcomes(actor);

    const session = enterFullScreen(
      stdout,
      stdin,
      () => requestQuit(),
      (error) => {
        // The terminal is already restored here: say what happened, then leave.
        stderr.write(t('cli.run.unexpected', { detail: error instanceof Error ? error.message : String(error) }));
        process.exit(70);
      },
    );

    const tree = (quittingNow: boolean) => (
      <ThemeContext.Provider value={themeFor(process.env)}>
        <App
          actor={actor}
          env={options.env}
          onQuit={() => requestQuit()}
          quitting={quittingNow}
          {...(options.onToggleCard ? { onToggleCard: options.onToggleCard } : {})}
        />
      </ThemeContext.Provider>
    );
    const ink = render(tree(false), { stdout, stdin, stderr, exitOnCtrlC: false, patchConsole: true });
    // An error thrown while rendering ends Ink's app: give the terminal back and say so.
    ink.waitUntilExit().catch((error: unknown) => {
      if (quitting) return;
      quitting = true;
      actor.stop();
      session.restore();
      stderr.write(t('cli.run.unexpectedDisplay', { detail: error instanceof Error ? error.message : String(error) }));
      void withTimeout(options.close(), 2_000).then(() => resolveExit(70));
    });

    async function finish(timedOut: boolean) {
      // The last thing shown, read before the actor stops.
      const last = actor.getSnapshot();
      const running = outcomes.sending();
      const outcome = timedOut && running !== undefined ? { kind: 'stillRunning' as const, op: running } : outcomes.last();
      const code = exitCodeFor(last, outcome, timedOut);
      outcomes.stop();
      ink.unmount();
      actor.stop();
      await withTimeout(options.close(), 2_000);
      session.restore();
      stderr.write(`${exitLine(last, outcome, code)}\n`);
      resolveExit(code);
    }

    function requestQuit() {
      if (quitting) return;
      quitting = true;
      actor.send({ type: 'QUIT' });
      if (!operationInFlight(actor.getSnapshot())) {
        void finish(false);
        return;
      }
      ink.rerender(tree(true));
      void whenSafeToQuit(actor).then((safe) => finish(!safe));
    }
  });
}
