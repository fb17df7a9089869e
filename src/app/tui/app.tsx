// The root component: the title bar, the scrolling body, the key bar. It reads the machine's
// snapshot and turns keys into events; the machine owns the flow and the typed digits (so a
// burst of keys is never lost to a stale React closure). In named parts:
// - useScreenSize: the terminal's size (or a fixed one), followed on resize;
// - useSaveDialog: the save dialog's state (key s), the app's own, never the machine's;
// - bodyLayout / useScroll: the key bar's height, the body's rows, and where it is scrolled;
// - scrolled: where a scrolling key leaves the body;
// - useKeys: Ink's input and the raw F1 and Suppr sequences, each key through the one key handler
//   (key-handler.ts, the accessible mode's too), read against the latest snapshot, from the
//   actor, at the time of the key;
// - App: title bar, Body (save dialog, help or the audit screen), key bar.

import { ExportedCertificates } from '../../screens/exported-certificates.js';
import { Box, useInput, useStdin, useStdout, type Key } from 'ink';
import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actor } from 'xstate';
import type { AuditMachine } from '../../machine/machine.js';
import { AuditScreen } from '../../screens/audit-screen.js';
import { HelpScreen } from '../../screens/help-screen.js';
import { KeyBar } from '../../screens/key-bar.js';
import { ScrollView } from '../../screens/scroll-view.js';
import { present, type Presentation } from '../../view/present.js';
import { SaveDialog } from '../../screens/save-dialog.js';
import { TitleBar } from '../../screens/title-bar.js';
import { MIN_COLUMNS, MIN_ROWS, TooSmall } from '../../screens/too-small.js';
import type { AuditView, ScreenEnv } from '../../screens/view.js';
import { KeyDecoder, isF1Sequence } from './key-decoder.js';
import { pressKey, screenMode, type KeyScreen, type SaveState } from './key-handler.js';
import { pressChunk } from './key-hint.js';
import { helpSections, keyBar, type Intent, type KeyMode, type KeyPress } from './keys.js';
import { t } from '../../i18n/index.js';

/** A burst of keys as the file name field keeps it (line-edit.ts). */
export { applyErasures } from './line-edit.js';

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

/** Suppr's raw sequence (ESC [ 3 ~, with or without modifiers): Ink names it as it names Retour arrière. */
// eslint-disable-next-line no-control-regex -- an escape sequence is what is matched
const DELETE_SEQUENCE = /^\u001b\[3(;\d+)?~$/;

/**
 * Ink's input, and what Ink cannot tell: F1 (it reaches useInput as an empty input with no flag
 * set) and Suppr (Ink calls both it and Retour arrière "delete"), recognised from the raw
 * sequence, which is heard before useInput hears the same key.
 */
function useKeys(
  handlePress: (press: KeyPress) => void,
  actor: Actor<AuditMachine>,
  setKeyHint: (hint: string | undefined) => void,
  textField: () => boolean,
): void {
  // One decoder for the session: a bracketed paste may arrive over several inputs (key-decoder.ts).
  const decoder = useRef(new KeyDecoder()).current;
  const rawDelete = useRef(false);
  const onInput = useCallback(
    (input: string, key: Key) => {
      const decoded = decoder.decode(input, key, textField());
      if (decoded.length === 0) return; // inside a paste: nothing pressed yet
      const presses =
        rawDelete.current && decoded.length === 1 && decoded[0]?.kind === 'backspace' ? [{ kind: 'delete' as const }] : decoded;
      // The code field's hint (key-hint.ts): a non-digit key, a full field, a paste refused.
      setKeyHint(pressChunk(presses, actor, handlePress));
    },
    [handlePress, actor, setKeyHint, decoder, textField],
  );
  useInput(onInput);
  const { internal_eventEmitter: rawInput } = useStdin();
  useEffect(() => {
    const onRaw = (raw: string) => {
      rawDelete.current = DELETE_SEQUENCE.test(raw);
      if (!isF1Sequence(raw)) return;
      setKeyHint(undefined);
      handlePress({ kind: 'f1' });
    };
    rawInput.prependListener('input', onRaw);
    return () => {
      rawInput.off('input', onRaw);
    };
  }, [rawInput, handlePress, setKeyHint]);
}

/** What the body shows: the save dialog, the help, or the audit screen. */
function Body({
  p,
  save,
  cwd,
  exported,
}: {
  /** The presentation model (src/view/present.ts): the same the accessible mode prints. */
  p: Presentation;
  save: SaveState | undefined;
  cwd: string;
  exported: readonly string[] | undefined;
}) {
  if (exported !== undefined) return <ExportedCertificates lines={exported} />;
  if (save !== undefined) {
    return (
      <SaveDialog
        step={save.step}
        line={save.line}
        cwd={cwd}
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
  const baseMode: KeyMode = screenMode({ view, demo: env.demo, save, exported: exported !== undefined });
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
      const screen: KeyScreen = {
        view: actor.getSnapshot(),
        demo: env.demo,
        save: saveRef.current,
        exported: exportedRef.current !== undefined,
        scrollable: max > 0,
        tooSmall: small,
      };
      pressKey(
        press,
        screen,
        {
          send: (event) => actor.send(event),
          quit: onQuit,
          toggleCard: () => onToggleCard?.(),
          scroll: (intent) => setOffset((o) => scrolled(intent, o, max, page) ?? o),
          setSave,
          // Issue 21: the code that writes them is loaded only now.
          exportCerts: (report) =>
            void import('../certs-export.js')
              .then((m) => m.exportCertificates(report, cwd))
              .then(setExported, (e: unknown) => setExported([e instanceof Error ? e.message : String(e)])),
          closeExported: () => setExported(undefined),
        },
        { version: env.version, cwd },
      );
    },
    [actor, env.demo, env.version, onQuit, onToggleCard, setSave, saveRef, setOffset, cwd, setExported],
  );
  const inTextField = useCallback(() => saveRef.current?.step === 'edit', [saveRef]);
  useKeys(handlePress, actor, setKeyHint, inTextField);

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
        <Body p={p} save={save} cwd={cwd} exported={exported} />
      </ScrollView>
      <KeyBar items={barItems} scroll={{ above: moreAbove, below: moreBelow }} width={columns} />
    </Box>
  );
}
