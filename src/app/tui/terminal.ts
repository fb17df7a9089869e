// Full screen on the alternate buffer, and the terminal given back as it was on every way out:
// normal quit, Ctrl-C, SIGTERM, SIGHUP, an uncaught error. Restoring twice is harmless.
// Bracketed paste is on while the full screen is (issue 17): a paste then arrives between
// ESC[200~ and ESC[201~ and is taken whole or refused (key-decoder.ts, key-hint.ts); off again
// on every way out, before the alternate buffer is left.
// A terminal that went away (hangup.ts: EIO or EPIPE on its streams, SIGHUP with no controlling
// terminal left) is a hangup, told to `onHangup`, never a fatal error.

import { isHangupError, terminalGone, watchForHangup } from './hangup.js';

/** Bracketed paste mode (xterm, DEC private mode 2004). */
export const PASTE_ON = '\u001b[?2004h';
export const PASTE_OFF = '\u001b[?2004l';
const ENTER = `\u001b[?1049h\u001b[?25l\u001b[H\u001b[2J${PASTE_ON}`;
const LEAVE = `${PASTE_OFF}\u001b[?25h\u001b[?1049l`;

export interface TerminalSession {
  /** Gives the terminal back (normal buffer, cursor, cooked mode). Idempotent. */
  restore(): void;
}

export function enterFullScreen(
  stdout: NodeJS.WriteStream,
  stdin: NodeJS.ReadStream,
  onSignal: (signal: 'SIGTERM' | 'SIGHUP' | 'SIGINT') => void,
  onFatal: (error: unknown) => void,
  onHangup: () => void = () => onSignal('SIGHUP'),
): TerminalSession {
  let restored = false;
  // Errors of the terminal's streams: a gone terminal is a hangup; anything else is fatal.
  watchForHangup(stdout, onHangup, (e) => fatal(e));
  watchForHangup(stdin, onHangup, (e) => fatal(e));
  stdin.once('end', onHangup);
  stdout.write(ENTER);

  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    } catch {
      // stdin may already be closed (SIGHUP): nothing left to restore there.
    }
    try {
      stdout.write(LEAVE);
    } catch {
      // idem for stdout
    }
    process.off('SIGTERM', term);
    process.off('SIGHUP', hup);
    process.off('SIGINT', int);
    process.off('uncaughtException', fatal);
    process.off('unhandledRejection', fatal);
    process.off('exit', restore);
  };
  const term = () => onSignal('SIGTERM');
  // kill -HUP with the terminal still there is a quit like SIGTERM; a real hangup is not.
  const hup = () => (terminalGone() ? onHangup() : onSignal('SIGHUP'));
  const int = () => onSignal('SIGINT');
  const fatal = (error: unknown) => {
    if (isHangupError(error)) return onHangup();
    restore();
    onFatal(error);
  };
  process.on('SIGTERM', term);
  process.on('SIGHUP', hup);
  // Raw mode turns Ctrl-C into a key; SIGINT still comes from `kill -INT`.
  process.on('SIGINT', int);
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  process.on('exit', restore);
  return { restore };
}
