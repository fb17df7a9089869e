// The one way out of an interactive run, the full screen's and the accessible mode's alike.
// Quitting (q, Ctrl-C, a signal) waits for a PIN operation in flight, bounded (quit.ts), so that
// the card is never left half-way. When the terminal goes away (hangup.ts), nothing more is
// written to it, the operation the user confirmed runs to its end (the card layer's own bounds),
// its outcome goes to the state file (last-run.ts), and the process leaves cleanly. Then: the exit
// code of the last thing shown (read before the actor stops), the runtime's display and input let
// go, the card layer released (bounded), the terminal given back, and the exit line.

import type { Actor } from 'xstate';
import type { AuditMachine } from '../../machine/machine.js';
import { detachStdio, ignoreFurtherHangups, muteStream } from './hangup.js';
import { isPinOperationInFlight as operationInFlight } from '../../machine/selectors.js';
import type { LastRunKeeper } from '../last-run.js';
import type { ScreenEnv } from '../../screens/view.js';
import { exitCodeFor, exitLine, trackOutcomes } from './outcome.js';
import { terminalInput } from './key-stream.js';
import { HANGUP_GRACE_MS, QUIT_GRACE_MS, whenSafeToQuit } from './quit.js';

/** How long the card layer has to release the reader on the way out. */
export const CLOSE_BOUND_MS = 2_000;

/** `p` settled, or `ms` passed: whichever comes first. */
export function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    p.then(done, done);
  });
}

/** What either runtime (the full screen, the accessible mode) is started with. */
export interface RuntimeOptions {
  readonly actor: Actor<AuditMachine>;
  readonly env: ScreenEnv;
  /** Releases the card layer (transport close); bounded here by CLOSE_BOUND_MS. */
  readonly close: () => Promise<void>;
  /** --demo: removes or reinserts the simulated card. */
  readonly onToggleCard?: () => void;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
  /** The state file's keeper (last-run.ts), told how the run ended. */
  readonly lastRun?: LastRunKeeper;
}

/**
 * The terminal's streams of a run: the options', else the process's; its input read into a buffer
 * of the tool's own, zeroed after each read (key-stream.ts, `terminalInput`).
 */
export function streamsOf(o: RuntimeOptions): { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream } {
  return { stdout: o.stdout ?? process.stdout, stdin: o.stdin ?? terminalInput(), stderr: o.stderr ?? process.stderr };
}

/** What the runtime does on the way out. */
export interface ExitHooks {
  /** Before the actor stops: the runtime stops drawing and reading keys. */
  readonly release: () => void;
  /** Once the card layer is released: the terminal given back (the full screen's own buffer). */
  readonly restore?: () => void;
  /** A quit waits for the PIN operation in flight: the runtime may say so (not after a hangup). */
  readonly waiting?: () => void;
}

export interface ExitPath {
  /** q, Ctrl-C, a signal: leave now, or once the operation in flight has ended (bounded). */
  readonly requestQuit: () => void;
  /** The terminal is gone: write nothing more to it, and leave once the operation in flight has ended. */
  readonly hangup: () => void;
  /** Something else ends the run (an error drawing the screen): no quit or hangup acts any more. Returns false if one already did. */
  readonly takeOver: () => boolean;
  readonly gone: () => boolean;
  /** Resolves with the process's exit code once the terminal has been given back. */
  readonly done: Promise<number>;
}

export function exitPath(o: RuntimeOptions, hooks: ExitHooks): ExitPath {
  const { actor } = o;
  const { stdout, stdin, stderr } = streamsOf(o);
  const outcomes = trackOutcomes(actor);
  let quitting = false;
  let gone = false;
  let lostMidOperation = false;
  let leaving = false;
  let resolveExit: (code: number) => void = () => undefined;
  const done = new Promise<number>((r) => (resolveExit = r));

  const leave = async (timedOut: boolean): Promise<number> => {
    const last = actor.getSnapshot();
    const running = outcomes.sending();
    const outcome = timedOut && running !== undefined ? { kind: 'stillRunning' as const, op: running } : outcomes.last();
    const code = exitCodeFor(last, outcome, timedOut);
    outcomes.stop();
    o.lastRun?.leave(outcome, lostMidOperation);
    hooks.release();
    actor.stop();
    await withTimeout(o.close(), CLOSE_BOUND_MS);
    hooks.restore?.();
    stderr.write(`${exitLine(last, outcome, code)}\n`);
    // Node would try to restore the gone terminal on exit, and abort (hangup.ts).
    if (gone) detachStdio(stdin);
    return code;
  };
  const finish = (timedOut: boolean) => {
    if (leaving) return;
    leaving = true;
    void leave(timedOut).then(resolveExit);
  };
  /** Waits for the operation in flight: 5 s for a person waiting, to its end when nobody is there any more. */
  const waitThenLeave = async () => {
    let safe = await whenSafeToQuit(actor, gone ? HANGUP_GRACE_MS : QUIT_GRACE_MS);
    if (!safe && gone) safe = await whenSafeToQuit(actor, HANGUP_GRACE_MS);
    finish(!safe);
  };
  const requestQuit = () => {
    if (quitting) return;
    quitting = true;
    actor.send({ type: 'QUIT' });
    if (!operationInFlight(actor.getSnapshot())) return finish(false);
    if (!gone) hooks.waiting?.();
    void waitThenLeave();
  };
  const hangup = () => {
    if (gone) return;
    gone = true;
    ignoreFurtherHangups();
    lostMidOperation = operationInFlight(actor.getSnapshot());
    muteStream(stdout);
    if (stderr.isTTY) muteStream(stderr);
    requestQuit();
  };
  const takeOver = () => {
    if (quitting || gone) return false;
    quitting = true;
    leaving = true;
    outcomes.stop();
    return true;
  };
  return { requestQuit, hangup, takeOver, gone: () => gone, done };
}
