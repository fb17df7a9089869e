// The accessible mode (--accessible, and by itself when TERM is dumb or unset): no alternate
// screen, no cursor moves, no spinner, no colour; linear text, each change told once as a line,
// for screen readers, braille displays and terminals that cannot draw a full screen. A code field
// is a plain prompt with the count of digits typed; the digits themselves are never written.
// The same machine, the same words (src/i18n) and the same keys (keys.ts) as the full screen.

import { safeLines } from '../card/safe-text.js';
import type { Actor } from 'xstate';
import type { Key as InkKey } from 'ink';
import type { AuditMachine } from '../machine/machine.js';
import { present } from '../view/present.js';
import { viewLines } from '../view/lines.js';
import type { AuditView, ScreenEnv } from '../screens/view.js';
import { eventFor } from './dispatch.js';
import { decodeInput, LONE_ESC_MS, PasteReader, type Decoded, type Part } from './key-decoder.js';
import { splitKeys, TerminalInput } from './key-stream.js';
import { keyMode, operationInFlight } from './key-mode.js';
import { pressChunk } from './key-hint.js';
import { helpSections, keyBar, resolveKey, type KeyPress } from './keys.js';
import { exitCodeFor, exitLine, trackOutcomes } from './outcome.js';
import { HANGUP_GRACE_MS, QUIT_GRACE_MS, whenSafeToQuit } from './quit.js';
import { detachStdio, ignoreFurtherHangups, muteStream, terminalGone, watchForHangup } from './hangup.js';
import type { LastRunKeeper } from './last-run.js';

/** --accessible, or a terminal that says it cannot draw (TERM dumb or unset). */
export function accessibleWanted(flag: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return flag || env.TERM === undefined || env.TERM === '' || env.TERM === 'dumb';
}

/**
 * What the screen says now, as lines of plain text: the same presentation as the full screen
 * (src/view/present.ts), every section, the open tab, the form, the help when open, the keys.
 */
export function describeView(v: AuditView, env: ScreenEnv): string[] {
  const keys = keyBar(keyMode(v, env.demo));
  return viewLines(
    present(v, v.context.report, {
      now: env.now,
      keys,
      help: helpSections(),
      ...(env.lastRun !== undefined ? { lastRun: env.lastRun } : {}),
    }),
  );
}

const NO_KEY = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
} as unknown as InkKey;

export interface AccessibleOptions {
  readonly actor: Actor<AuditMachine>;
  readonly env: ScreenEnv;
  readonly close: () => Promise<void>;
  readonly onToggleCard?: () => void;
  readonly stdout?: NodeJS.WriteStream;
  readonly stdin?: NodeJS.ReadStream;
  readonly stderr?: NodeJS.WriteStream;
  readonly lastRun?: LastRunKeeper;
}

/** Runs the tool as linear text; resolves with the exit code, like runInteractive. */
export function runAccessible(options: AccessibleOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  // The terminal read into a buffer of the tool's own, zeroed after each read (key-stream.ts).
  const stdin = options.stdin ?? new TerminalInput();
  const stderr = options.stderr ?? process.stderr;
  const { actor, env } = options;
  return new Promise<number>((resolveExit) => {
    let said = new Set<string>();
    let quitting = false;
    let gone = false;
    let lostMidOperation = false;
    let finished = false;
    const outcomes = trackOutcomes(actor);
    // Each change once: a line already said in the last description is not said again.
    const tell = () => {
      const lines = describeView(actor.getSnapshot(), env).map(safeLines); // nothing from outside drives the terminal
      const fresh = lines.filter((l) => !said.has(l));
      said = new Set(lines);
      if (fresh.length > 0) stdout.write(fresh.join('\n') + '\n\n');
    };
    const sub = actor.subscribe(tell);
    tell();

    const finish = async (timedOut: boolean) => {
      if (finished) return;
      finished = true;
      const last = actor.getSnapshot();
      const running = outcomes.sending();
      const outcome = timedOut && running !== undefined ? { kind: 'stillRunning' as const, op: running } : outcomes.last();
      const code = exitCodeFor(last, outcome, timedOut);
      outcomes.stop();
      options.lastRun?.leave(outcome, lostMidOperation);
      sub.unsubscribe();
      stdin.off('data', onData);
      if (loneEsc !== undefined) clearTimeout(loneEsc);
      process.off('SIGTERM', requestQuit);
      process.off('SIGHUP', onHup);
      try {
        if (stdin.isTTY) stdin.setRawMode(false);
      } catch {
        // the terminal is gone
      }
      stdin.pause();
      actor.stop();
      await Promise.race([options.close(), new Promise((r) => setTimeout(r, 2_000))]);
      stderr.write(`${exitLine(last, outcome, code)}\n`);
      // Node would try to restore the gone terminal on exit, and abort (hangup.ts).
      if (gone) detachStdio(stdin);
      resolveExit(code);
    };
    /** Waits for the operation in flight: 5 s for a person waiting, to its end when nobody is there any more. */
    const waitThenFinish = async () => {
      let safe = await whenSafeToQuit(actor, gone ? HANGUP_GRACE_MS : QUIT_GRACE_MS);
      if (!safe && gone) safe = await whenSafeToQuit(actor, HANGUP_GRACE_MS);
      await finish(!safe);
    };
    const requestQuit = () => {
      if (quitting) return;
      quitting = true;
      actor.send({ type: 'QUIT' });
      void waitThenFinish();
    };
    const pastes = new PasteReader();
    /** The terminal went away (hangup.ts): nothing more written to it, the operation in flight runs to its end. */
    const hangup = () => {
      if (gone) return;
      gone = true;
      ignoreFurtherHangups();
      lostMidOperation = operationInFlight(actor.getSnapshot());
      muteStream(stdout);
      if (stderr.isTTY) muteStream(stderr);
      requestQuit();
    };
    const onHup = () => (terminalGone() ? hangup() : requestQuit());
    watchForHangup(stdout, hangup, () => undefined);
    watchForHangup(stdin, hangup, () => undefined);
    if (stderr.isTTY) watchForHangup(stderr, hangup, () => undefined);
    stdin.once('end', hangup);
    let loneEsc: NodeJS.Timeout | undefined;
    const onData = (data: Buffer) => {
      if (loneEsc !== undefined) clearTimeout(loneEsc);
      loneEsc = undefined;
      // A bracketed paste is one Paste, its markers never keys (key-decoder.ts), wherever a read cuts them.
      // Key by key, never the read as one string: a paste's digits never share a string (key-stream.ts).
      const parts: Part[] = [];
      for (const key of splitKeys(data)) parts.push(...pastes.read(key));
      deliver(parts);
      // An Esc typed alone is held as the start of a marker: it is an Esc once nothing follows.
      if (pastes.holding) {
        loneEsc = setTimeout(() => {
          loneEsc = undefined;
          deliver(pastes.flush());
        }, LONE_ESC_MS);
      }
    };
    const deliver = (parts: readonly Part[]) => {
      const presses: Decoded[] = [];
      for (const part of parts) {
        if (part.kind === 'paste') presses.push(part);
        else if (part.text === '\u001b[Z') presses.push({ kind: 'shift-tab' });
        else if (!part.text.startsWith('\u001b[')) presses.push(...decodeInput(part.text, NO_KEY));
      }
      if (presses.length === 0) return;
      let quit = false;
      const handle = (press: KeyPress) => {
        if (quit) return;
        const v = actor.getSnapshot();
        const intent = resolveKey(press, keyMode(v, env.demo));
        if (intent === undefined) return;
        if (intent === 'quit') {
          quit = true;
          return;
        }
        if (intent === 'toggle-card') return options.onToggleCard?.();
        const event = eventFor(intent, press, v);
        if (event !== undefined) actor.send(event);
      };
      // The code field's hint (key-hint.ts), told as a line of its own, once per chunk.
      const hint = pressChunk(presses, actor, handle);
      if (hint !== undefined) stdout.write(`${hint}\n\n`);
      if (quit) requestQuit();
    };
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
    process.once('SIGTERM', requestQuit);
    process.on('SIGHUP', onHup);
  });
}
