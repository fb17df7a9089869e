// The root component: the title bar, the scrolling body, the key bar. It reads the machine's
// snapshot and turns keys into events; the machine owns the flow and the typed digits (so a
// burst of keys is never lost to a stale React closure). In named parts:
// - useScreenSize: the terminal's size (or a fixed one), followed on resize;
// - useSaveDialog: the save dialog's state (key s), the app's own, never the machine's;
// - bodyLayout / useScroll: the key bar's height, the body's rows, and where it is scrolled;
// - handleSaveKey / handleScreenKey / scrolled: what one key does (read against the latest
//   snapshot, from the actor, at the time of the key);
// - useKeys: Ink's input and the raw F1 sequence, each key through the handler;
// - App: title bar, Body (save dialog, help or the audit screen), key bar.

import { ExportedCertificates } from '../screens/exported-certificates.js';
import { Box, useInput, useStdin, useStdout, type Key } from 'ink';
import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actor } from 'xstate';
import type { AuditMachine } from '../machine/machine.js';
import { AuditScreen } from '../screens/audit-screen.js';
import { HelpScreen } from '../screens/help-screen.js';
import { KeyBar } from '../screens/key-bar.js';
import { ScrollView } from '../screens/scroll-view.js';
import { present, type Presentation } from '../view/present.js';
import { SaveDialog } from '../screens/save-dialog.js';
import { TitleBar } from '../screens/title-bar.js';
import { MIN_COLUMNS, MIN_ROWS, TooSmall } from '../screens/too-small.js';
import type { AuditView, ScreenEnv } from '../screens/view.js';
import { eventFor } from './dispatch.js';
import { KeyDecoder, isF1Sequence, stripPasteMarkers } from './key-decoder.js';
import { pressChunk } from './key-hint.js';
import { keyMode } from './key-mode.js';
import { helpSections, keyBar, resolveKey, type Intent, type KeyMode, type KeyPress } from './keys.js';
import { safeText } from '../card/safe-text.js';
import { defaultReportName, reportFromScreen, saveReport } from './save-report.js';
import { defaultBundleName, saveBundleFromScreen } from './commands/bundle.js';
import { t } from '../i18n/index.js';

/** The save dialog (key s): the app's own state, never the machine's. */
interface SaveState {
  /** bundle (key b, issue 22): the file for the support ticket instead of the card's report. */
  readonly kind?: 'bundle';
  readonly step: 'edit' | 'confirm' | 'done';
  readonly path: string;
  readonly error?: string;
  readonly existing?: readonly string[];
  readonly saved?: { readonly text: string; readonly json: string };
}

const SAVE_VIEW = { edit: 'save', confirm: 'save-confirm', done: 'save-done' } as const;

/**
 * A burst of Retour arrière (held key, slow SSH link) reaches the field as one chunk of DEL
 * characters, which ink-text-input inserts as text: apply each as an erasure of the character
 * before it, and drop every other control character (a paste keeps its printable text only).
 */
export function applyErasures(value: string): string {
  let out = '';
  // A bracketed paste's markers reach ink-text-input as text ("[200~", ESC stripped): never part of a name.
  for (const ch of stripPasteMarkers(value)) {
    if (ch === '\u007f' || ch === '\b') out = [...out].slice(0, -1).join('');
    else out += ch;
  }
  return safeText(out.replace(/[\t\n\r\v\f]/g, '')); // a pasted line break is no character of the field
}

export interface AppProps {
  readonly actor: Actor<AuditMachine>;
  readonly env: ScreenEnv;
  /** Ctrl-C or q: the app decides when it is safe to leave (see run.tsx). */
  readonly onQuit: () => void;
  /** --demo: removes or reinserts the simulated card. */
  readonly onToggleCard?: () => void;
  /** Shown in the title while waiting for an operation to end before quitting. */
  readonly quitting?: boolean;
  /** A fixed size instead of the terminal's (component tests: their stdout has no rows). */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** The folder a relative save path is taken from (default: the current folder). */
  readonly cwd?: string;
}

type Size = { readonly columns: number; readonly rows: number };

/** The terminal's size, followed on resize; a fixed `size` wins (component tests). */
function useScreenSize(fixed: Size | undefined): Size {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return fixed ?? size;
}

type SetSave = (next: SaveState | undefined | ((prev: SaveState | undefined) => SaveState | undefined)) => void;

/** The save dialog's state, with a ref that keys read at once (a paste followed by Enter in one chunk). */
function useSaveDialog(): {
  readonly save: SaveState | undefined;
  readonly saveRef: { readonly current: SaveState | undefined };
  readonly setSave: SetSave;
} {
  const [save, setSaveState] = useState<SaveState | undefined>(undefined);
  const saveRef = useRef<SaveState | undefined>(undefined);
  const setSave = useCallback<SetSave>((next) => {
    const value = typeof next === 'function' ? next(saveRef.current) : next;
    saveRef.current = value;
    setSaveState(value);
  }, []);
  return { save, saveRef, setSave };
}

interface Layout {
  readonly mode: KeyMode;
  readonly barItems: ReturnType<typeof keyBar>;
  readonly bodyRows: number;
  readonly maxOffset: number;
}

/** The key bar is one line (src/screens/key-bar.tsx gives up its least needed keys to fit): the body gets the rest. */
function bodyLayout(baseMode: KeyMode, { rows }: Size, contentRows: number): Layout {
  const scrollable = contentRows > rows - 2;
  const mode = { ...baseMode, scrollable };
  const bodyRows = Math.max(1, rows - 2);
  return { mode, barItems: keyBar(mode), bodyRows, maxOffset: Math.max(0, contentRows - bodyRows) };
}

/**
 * Where the body is scrolled. A form, a confirmation or a final message sits at the bottom of the
 * card screen: brought into view when it opens; back to the top for the card screen and every other state.
 */
function useScroll(mode: KeyMode): [number, (edit: (offset: number) => number) => void] {
  const [offset, setOffset] = useState(0);
  const place =
    mode.view === 'form' || mode.view === 'confirm' || mode.view === 'message'
      ? 'bottom'
      : `top:${mode.view.startsWith('save') ? 'save' : mode.view}`;
  useEffect(() => {
    setOffset(place === 'bottom' ? Number.MAX_SAFE_INTEGER : 0);
  }, [place]);
  return [offset, setOffset];
}

/** The offset after a scrolling key, or undefined for any other key. */
function scrolled(intent: Intent, offset: number, max: number, page: number): number | undefined {
  switch (intent) {
    case 'scroll-up':
      return Math.max(0, Math.min(offset, max) - 1);
    case 'scroll-down':
      return Math.min(max, offset + 1);
    case 'page-up':
      return Math.max(0, Math.min(offset, max) - Math.max(1, page - 1));
    case 'page-down':
      return Math.min(max, offset + Math.max(1, page - 1));
    default:
      return undefined;
  }
}

interface KeyContext {
  readonly actor: Actor<AuditMachine>;
  readonly demo: boolean;
  readonly version: string;
  readonly cwd: string;
  readonly onQuit: () => void;
  readonly onToggleCard: (() => void) | undefined;
  readonly setSave: SetSave;
  /** Issue 21: the certificates written from tab 3 (`e`), shown until closed. */
  readonly setExported: (lines: readonly string[] | undefined) => void;
}

/** A key while the save dialog is open: submit, replace or keep an existing file, close. */
function handleSaveKey(press: KeyPress, dialog: SaveState, current: AuditView, k: KeyContext): void {
  const intent = resolveKey(press, { demo: k.demo, view: SAVE_VIEW[dialog.step] });
  const card = current.context.report;
  const attempt = (replace: boolean) => {
    if (card === undefined) return k.setSave(undefined);
    if (dialog.kind === 'bundle') {
      const b = saveBundleFromScreen(dialog.path, card, current.context.readers, k.demo, k.version, k.cwd);
      if (b.kind === 'saved') k.setSave({ kind: 'bundle', step: 'done', path: dialog.path, saved: { text: b.text, json: b.json } });
      else k.setSave({ kind: 'bundle', step: 'edit', path: dialog.path, error: b.message });
      return;
    }
    const result = saveReport(dialog.path, reportFromScreen(card, k.demo, k.version, new Date(), current.context.cardTest), replace, k.cwd);
    if (result.kind === 'saved') k.setSave({ step: 'done', path: dialog.path, saved: { text: result.text, json: result.json } });
    else if (result.kind === 'exists') k.setSave({ step: 'confirm', path: dialog.path, existing: result.paths });
    else k.setSave({ step: 'edit', path: dialog.path, error: result.message });
  };
  switch (intent) {
    case 'quit':
      k.onQuit();
      return;
    case 'save-submit':
      attempt(false);
      return;
    case 'save-replace':
      attempt(true);
      return;
    case 'save-keep':
      k.setSave({ ...(dialog.kind ? { kind: dialog.kind } : {}), step: 'edit', path: dialog.path });
      return;
    case 'save-cancel':
    case 'save-close':
      k.setSave(undefined);
      return;
    default:
      return;
  }
}

/** The app's own intents (save, quit, scroll, the demo's card); every other one becomes a machine event. */
function handleScreenKey(
  intent: Intent,
  press: KeyPress,
  current: AuditView,
  k: KeyContext,
  scroll: (edit: (offset: number) => number) => void,
  page: { readonly max: number; readonly rows: number },
): void {
  switch (intent) {
    case 'open-save':
      k.setSave({ step: 'edit', path: defaultReportName(current.context.report, new Date()) });
      return;
    case 'open-bundle':
      k.setSave({ kind: 'bundle', step: 'edit', path: defaultBundleName(new Date()) });
      return;
    case 'export-certs': {
      // Issue 21: the code that writes them is loaded only now.
      const report = current.context.report;
      if (report === undefined) return;
      void import('./certs-export.js')
        .then((m) => m.exportCertificates(report, k.cwd))
        .then(k.setExported, (e: unknown) => k.setExported([e instanceof Error ? e.message : String(e)]));
      return;
    }
    case 'quit':
      k.onQuit();
      return;
    case 'scroll-up':
    case 'scroll-down':
    case 'page-up':
    case 'page-down':
      scroll((o) => scrolled(intent, o, page.max, page.rows) ?? o);
      return;
    case 'toggle-card':
      k.onToggleCard?.();
      return;
    default: {
      const event = eventFor(intent, press, current);
      if (event === undefined) return;
      if (event.type === 'SUBMIT' && !current.can(event)) return;
      k.actor.send(event);
    }
  }
}

/** Ink's input, and F1 (it reaches useInput as an empty input with no flag set: its raw sequence is recognised here). */
function useKeys(handlePress: (press: KeyPress) => void, actor: Actor<AuditMachine>, setKeyHint: (hint: string | undefined) => void): void {
  // One decoder for the session: a bracketed paste may arrive over several inputs (key-decoder.ts).
  const decoder = useRef(new KeyDecoder()).current;
  const onInput = useCallback(
    (input: string, key: Key) => {
      const decoded = decoder.decode(input, key);
      if (decoded.length === 0) return; // inside a paste: nothing pressed yet
      // The code field's hint (key-hint.ts): a non-digit key, a full field, a paste refused.
      setKeyHint(pressChunk(decoded, actor, handlePress));
    },
    [handlePress, actor, setKeyHint, decoder],
  );
  useInput(onInput);
  const { internal_eventEmitter: rawInput } = useStdin();
  useEffect(() => {
    const onRaw = (raw: string) => {
      if (!isF1Sequence(raw)) return;
      setKeyHint(undefined);
      handlePress({ kind: 'f1' });
    };
    rawInput.on('input', onRaw);
    return () => {
      rawInput.off('input', onRaw);
    };
  }, [rawInput, handlePress, setKeyHint]);
}

/** What the body shows: the save dialog, the help, or the audit screen. */
function Body({
  p,
  save,
  setSave,
  cwd,
  exported,
}: {
  /** The presentation model (src/view/present.ts): the same the accessible mode prints. */
  p: Presentation;
  save: SaveState | undefined;
  setSave: SetSave;
  cwd: string;
  exported: readonly string[] | undefined;
}) {
  if (exported !== undefined) return <ExportedCertificates lines={exported} />;
  if (save !== undefined) {
    return (
      <SaveDialog
        step={save.step}
        path={save.path}
        cwd={cwd}
        onChange={(p) =>
          setSave((prev) =>
            prev === undefined || prev.step !== 'edit'
              ? prev
              : { ...(prev.kind ? { kind: prev.kind } : {}), step: 'edit', path: applyErasures(p) },
          )
        }
        {...(save.kind ? { kind: save.kind } : {})}
        {...(save.error !== undefined ? { error: save.error } : {})}
        {...(save.existing !== undefined ? { existing: save.existing } : {})}
        {...(save.saved !== undefined ? { saved: save.saved } : {})}
      />
    );
  }
  if (p.help !== undefined) return <HelpScreen help={p.help} />;
  return <AuditScreen p={p} />;
}

export function App({ actor, env, onQuit, onToggleCard, quitting, size, cwd = process.cwd() }: AppProps) {
  // Card events reach the screen through the machine: its snapshot, re-rendered on each change.
  const snapshot = useSelector(actor, (s) => s);
  const view: AuditView = snapshot;
  const screen = useScreenSize(size);
  const { columns, rows } = screen;
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const [keyHint, setKeyHint] = useState<string | undefined>(undefined);
  const [contentRows, setContentRows] = useState(0);
  const { save, saveRef, setSave } = useSaveDialog();
  const [exported, setExportedState] = useState<readonly string[] | undefined>(undefined);
  const exportedRef = useRef<readonly string[] | undefined>(undefined);
  const setExported = useCallback((lines: readonly string[] | undefined) => {
    exportedRef.current = lines;
    setExportedState(lines);
  }, []);
  const baseMode: KeyMode =
    save !== undefined
      ? { demo: env.demo, view: SAVE_VIEW[save.step] }
      : exported !== undefined
        ? { demo: env.demo, view: 'save-done' }
        : keyMode(view, env.demo);
  const { mode, barItems, bodyRows, maxOffset } = bodyLayout(baseMode, screen, contentRows);
  const [offset, setOffset] = useScroll(mode);
  const shown = Math.min(offset, maxOffset);

  // Keys are handled against the latest snapshot, read from the actor at the time of each key
  // (never from a render's closure): a burst of 8 digits is 8 events on the machine.
  const latest = useRef({ tooSmall, bodyRows, maxOffset });
  latest.current = { tooSmall, bodyRows, maxOffset };

  const handlePress = useCallback(
    (press: KeyPress) => {
      const { tooSmall: small, bodyRows: page, maxOffset: max } = latest.current;
      if (small) {
        if (press.kind === 'ctrl-c' || (press.kind === 'char' && press.char === 'q')) onQuit();
        return;
      }
      const k: KeyContext = { actor, demo: env.demo, version: env.version, cwd, onQuit, onToggleCard, setSave, setExported };
      const current: AuditView = actor.getSnapshot();
      const dialog = saveRef.current;
      if (dialog !== undefined) return handleSaveKey(press, dialog, current, k);
      if (exportedRef.current !== undefined) {
        // Issue 21: the certificates' message, closed as the save's is.
        const closing = resolveKey(press, { demo: env.demo, view: 'save-done' });
        if (closing === 'quit') onQuit();
        else if (closing === 'save-close') setExported(undefined);
        return;
      }
      const m = { ...keyMode(current, env.demo), scrollable: max > 0 };
      const intent = resolveKey(press, m);
      if (intent !== undefined) handleScreenKey(intent, press, current, k, setOffset, { max, rows: page });
    },
    [actor, env.demo, env.version, onQuit, onToggleCard, setSave, saveRef, setOffset, cwd, setExported],
  );
  useKeys(handlePress, actor, setKeyHint);

  if (tooSmall) return <TooSmall columns={columns} rows={rows} />;

  const p = present(view, view.context.report, {
    now: env.now,
    keys: barItems,
    help: helpSections(),
    ...(keyHint !== undefined ? { keyHint } : {}),
    ...(env.lastRun !== undefined ? { lastRun: env.lastRun } : {}),
  });
  const moreBelow = shown < maxOffset;
  const moreAbove = shown > 0;
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <TitleBar version={env.version} status={quitting ? { name: t('cli.quittingWait'), tone: 'warning' } : p.status} />
      <ScrollView height={bodyRows} offset={shown} onContentHeight={setContentRows}>
        <Body p={p} save={save} setSave={setSave} cwd={cwd} exported={exported} />
      </ScrollView>
      <KeyBar items={barItems} scroll={{ above: moreAbove, below: moreBelow }} width={columns} />
    </Box>
  );
}
