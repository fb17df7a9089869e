// The accessible mode (--accessible, and by itself when TERM is dumb or unset): no alternate
// screen, no cursor moves, no spinner, no colour; linear text, each change told once as a line,
// for screen readers, braille displays and terminals that cannot draw a full screen. A code field
// is a plain prompt with the count of digits typed; the digits themselves are never written.
// The same machine, the same words (src/i18n) and the same keys (keys.ts) as the full screen.

import { safeLines } from '../../card/safe-text.js';
import { t } from '../../i18n/index.js';
import { present } from '../../view/present.js';
import { viewLines } from '../../view/lines.js';
import type { AuditView, ScreenEnv } from '../../screens/view.js';
import { keysLine, saveLines } from './accessible-lines.js';
import { exitPath, streamsOf, type RuntimeOptions } from './exit-path.js';
import { LONE_ESC_MS, PasteReader, type Decoded, type Part } from './key-decoder.js';
import { splitKeys } from './key-stream.js';
import { keyMode, pressKey, screenMode, type KeyScreen, type SaveState } from './key-handler.js';
import { pressChunk } from './key-hint.js';
import { helpSections, keyBar, type KeyPress } from './keys.js';
import { decodeRawKey } from './raw-keys.js';
import { terminalGone, watchForHangup } from './hangup.js';

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

/** What the app shows over the machine's screen: the save prompt, the certificates written (key e). */
export interface Overlay {
  readonly save?: SaveState | undefined;
  readonly exported?: readonly string[] | undefined;
  readonly cwd?: string;
}

/**
 * What the accessible mode says now: the machine's screen (describeView), then what the app shows
 * over it (the save prompt, the certificates written) with the keys that act there.
 */
export function describeScreen(v: AuditView, env: ScreenEnv, overlay: Overlay): string[] {
  const lines = describeView(v, env);
  const mode = screenMode({ view: v, demo: env.demo, save: overlay.save, exported: overlay.exported !== undefined });
  if (overlay.save !== undefined) lines.push(...saveLines(overlay.save, overlay.cwd ?? process.cwd()), keysLine(mode));
  else if (overlay.exported !== undefined) lines.push(...overlay.exported, t('a11y.i19.closeLine'), keysLine(mode));
  return lines;
}

export interface AccessibleOptions extends RuntimeOptions {
  /** The folder a relative save path is taken from (default: the current folder). */
  readonly cwd?: string;
}

/** Runs the tool as linear text; resolves with the exit code, like runInteractive (the same way out: exit-path.ts). */
export function runAccessible(options: AccessibleOptions): Promise<number> {
  const { stdout, stdin, stderr } = streamsOf(options);
  const cwd = options.cwd ?? process.cwd();
  const { actor, env } = options;
  let said = new Set<string>();
  let save: SaveState | undefined;
  let exported: readonly string[] | undefined;
  // Each change once: a line already said in the last description is not said again.
  const tell = () => {
    const lines = describeScreen(actor.getSnapshot(), env, { save, exported, cwd }).map(safeLines); // nothing from outside drives the terminal
    const fresh = lines.filter((l) => !said.has(l));
    said = new Set(lines);
    if (fresh.length > 0) stdout.write(fresh.join('\n') + '\n\n');
  };
  const sub = actor.subscribe(tell);
  tell();

  const pastes = new PasteReader();
  let loneEsc: NodeJS.Timeout | undefined;
  const exit = exitPath(options, {
    release: () => {
      sub.unsubscribe();
      stdin.off('data', onData);
      if (loneEsc !== undefined) clearTimeout(loneEsc);
      process.off('SIGTERM', exit.requestQuit);
      process.off('SIGHUP', onHup);
      try {
        if (stdin.isTTY) stdin.setRawMode(false);
      } catch {
        // the terminal is gone
      }
      stdin.pause();
    },
  });
  const onHup = () => (terminalGone() ? exit.hangup() : exit.requestQuit());
  watchForHangup(stdout, exit.hangup, () => undefined);
  watchForHangup(stdin, exit.hangup, () => undefined);
  if (stderr.isTTY) watchForHangup(stderr, exit.hangup, () => undefined);
  stdin.once('end', exit.hangup);
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
      else presses.push(...decodeRawKey(part.text));
    }
    if (presses.length === 0) return;
    let quit = false;
    // The one key handler (key-handler.ts), as the full screen's; nothing scrolls in linear text.
    const handle = (press: KeyPress) => {
      if (quit) return;
      const screen: KeyScreen = { view: actor.getSnapshot(), demo: env.demo, save, exported: exported !== undefined };
      pressKey(
        press,
        screen,
        {
          send: (event) => actor.send(event),
          quit: () => (quit = true),
          toggleCard: () => options.onToggleCard?.(),
          // Linear text has nothing to scroll: ↑ ↓ and the page keys say the whole screen again.
          scroll: () => {
            said = new Set();
            tell();
          },
          setSave: (next) => {
            save = next;
            tell();
          },
          exportCerts: (report) =>
            void import('../certs-export.js')
              .then((m) => m.exportCertificates(report, cwd))
              .then(
                (lines) => lines,
                (e: unknown) => [e instanceof Error ? e.message : String(e)],
              )
              .then((lines) => {
                exported = lines;
                tell();
              }),
          closeExported: () => {
            exported = undefined;
            tell();
          },
        },
        { version: env.version, cwd },
      );
    };
    // The code field's hint (key-hint.ts), told as a line of its own, once per chunk.
    const hint = pressChunk(presses, actor, handle);
    if (hint !== undefined) stdout.write(`${hint}\n\n`);
    if (quit) exit.requestQuit();
  };
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  process.once('SIGTERM', exit.requestQuit);
  process.on('SIGHUP', onHup);
  return exit.done;
}
