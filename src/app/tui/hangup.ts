// The terminal going away (an SSH session dropped, a window closed: the pseudo-terminal is gone)
// is a hangup, not an error. What is written to it then fails with EIO (EPIPE, ENXIO on some
// systems), its input ends, and SIGHUP comes; the tool then writes nothing more to it, lets an
// operation the user confirmed run to its end, records the outcome (last-run.ts) and leaves.
//
// Node 20 restores the terminal's modes when the process exits (ResetStdio) and aborts when
// that fails, as it does on a terminal that is gone: that abort would dump core with the codes
// typed in memory. Before leaving after a hangup, the standard streams that were the terminal
// are pointed at /dev/null (detachStdio), so that the exit is a clean one with its exit code.

import { closeSync, fstatSync, openSync, statSync } from 'node:fs';

/** Errors that mean the terminal is gone (or its reader closed), not a fault of the tool. */
const HANGUP_CODES: ReadonlySet<string> = new Set(['EIO', 'EPIPE', 'ENXIO', 'ECONNRESET', 'EBADF', 'ERR_STREAM_DESTROYED']);

export function isHangupError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && HANGUP_CODES.has(code);
}

/**
 * Whether the process still has its controlling terminal. After a real hangup the kernel takes
 * it away (opening /dev/tty fails with ENXIO); `kill -HUP` with the terminal still there leaves it.
 */
export function terminalGone(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENXIO' || code === 'EIO';
  }
}

let ignoring = false;

/**
 * After a hangup, more SIGHUPs may come (the terminal's owner sends its own after closing it):
 * they must not kill the process while it finishes the operation or writes its state file.
 */
export function ignoreFurtherHangups(): void {
  if (ignoring) return;
  ignoring = true;
  process.on('SIGHUP', () => undefined);
}

const muted = new WeakSet<NodeJS.WritableStream>();

/** From now on, what is written to `stream` goes nowhere (the terminal behind it is gone). */
export function muteStream(stream: NodeJS.WritableStream): void {
  if (muted.has(stream)) return;
  muted.add(stream);
  const swallow = (...args: unknown[]): boolean => {
    const done = args.find((a) => typeof a === 'function') as ((e?: Error | null) => void) | undefined;
    if (done) queueMicrotask(() => done(null));
    return true;
  };
  (stream as { write: unknown }).write = swallow;
}

/** Keeps a stream's errors of a gone terminal from ending the process; calls `onHangup` for them. */
export function watchForHangup(stream: NodeJS.EventEmitter, onHangup: () => void, onOther: (e: unknown) => void): void {
  stream.on('error', (e: unknown) => (isHangupError(e) ? onHangup() : onOther(e)));
}

/**
 * Before exiting after a hangup: standard input, output and error, where they were the terminal
 * (a character device other than /dev/null), now /dev/null. A file or a pipe the user redirected
 * them to is kept (the exit line still reaches it).
 */
export function detachStdio(stdin?: { destroy(): void }): void {
  // No more reads on the terminal's descriptor before it changes under libuv.
  stdin?.destroy();
  let nul: number;
  try {
    nul = statSync('/dev/null').rdev;
  } catch {
    return;
  }
  for (const fd of [0, 1, 2]) {
    try {
      const st = fstatSync(fd);
      if (!st.isCharacterDevice() || st.rdev === nul) continue;
    } catch {
      continue;
    }
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      // open(2) takes the lowest free descriptor: the one just closed.
      const got = openSync('/dev/null', fd === 0 ? 'r' : 'w');
      if (got !== fd) closeSync(got);
    } catch {
      // nothing better to do: Node's exit may then complain about this descriptor
    }
  }
}
