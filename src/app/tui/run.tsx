// Runs the interactive tool: the machine, the full screen, and every way out. Quitting waits for
// a PIN operation in flight (bounded), so that the card is never left half-way. When the terminal
// goes away (hangup.ts), nothing more is written to it, the operation the user confirmed runs to
// its end (the card layer's own bounds), its outcome goes to the state file (last-run.ts), and
// the process leaves cleanly.

import { render, type Instance } from 'ink';
import { themeFor, ThemeContext } from '../../screens/theme.js';
import { App } from './app.js';
import { CLOSE_BOUND_MS, exitPath, streamsOf, withTimeout, type RuntimeOptions } from './exit-path.js';
import { t } from '../../i18n/index.js';
import { enterFullScreen } from './terminal.js';
import { watchForHangup } from './hangup.js';
import { afterReactWork, KeyStream } from './key-stream.js';

/** What runs the full screen: the same as the accessible mode's (exit-path.ts, RuntimeOptions). */
export type RunOptions = RuntimeOptions;

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

/**
 * Resolves with the process exit code once the terminal has been given back: the code of the
 * last thing shown (exit-codes.ts), the same whether q, Ctrl-C, SIGTERM or SIGHUP ended it, and
 * after an operation waited for, the code of its outcome. One line on stderr says it. The way
 * out is exit-path.ts's, the accessible mode's too.
 */
export function runInteractive(options: RunOptions): Promise<number> {
  const { stdout, stdin, stderr } = streamsOf(options);
  const { actor } = options;

  const session = enterFullScreen(
    stdout,
    stdin,
    () => exit.requestQuit(),
    (error) => {
      sayUnexpected(stderr, 'cli.run.unexpected', error);
      process.exit(70);
    },
    () => exit.hangup(),
  );
  // Ink reads one key at a time, once React has settled (key-stream.ts): no string holds a pasted or burst code.
  const keys = new KeyStream(stdin, afterReactWork) as unknown as NodeJS.ReadStream;
  const quit = () => exit.requestQuit();
  const ink: Instance = render(appTree(options, false, quit), { stdout, stdin: keys, stderr, exitOnCtrlC: false, patchConsole: true });
  const exit = exitPath(options, {
    release: () => ink.unmount(),
    restore: () => session.restore(),
    waiting: () => ink.rerender(appTree(options, true, quit)),
  });
  if (stderr.isTTY)
    watchForHangup(
      stderr,
      () => exit.hangup(),
      () => undefined,
    );
  // An error thrown while rendering ends Ink's app: give the terminal back and say so.
  const crashed = ink.waitUntilExit().then(
    () => new Promise<number>(() => undefined),
    (error: unknown) => {
      if (!exit.takeOver()) return new Promise<number>(() => undefined);
      actor.stop();
      session.restore();
      sayUnexpected(stderr, 'cli.run.unexpectedDisplay', error);
      return withTimeout(options.close(), CLOSE_BOUND_MS).then(() => 70);
    },
  );
  return Promise.race([exit.done, crashed]);
}
