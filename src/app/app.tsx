// The root component: the title bar, the scrolling body, the key bar. It reads the machine's
// snapshot and turns keys into events; the machine owns the flow and the typed digits (so a
// burst of keys is never lost to a stale React closure).

import { Box, useInput, useStdin, useStdout, type Key } from 'ink';
import { useSelector } from '@xstate/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Actor } from 'xstate';
import type { AuditMachine } from '../machine/machine.js';
import { AuditScreen } from '../screens/audit-screen.js';
import { HelpScreen } from '../screens/help-screen.js';
import { KeyBar } from '../screens/key-bar.js';
import { ScrollView } from '../screens/scroll-view.js';
import { statusOf } from '../screens/status.js';
import { SaveDialog } from '../screens/save-dialog.js';
import { TitleBar } from '../screens/title-bar.js';
import { MIN_COLUMNS, MIN_ROWS, TooSmall } from '../screens/too-small.js';
import type { AuditView, ScreenEnv } from '../screens/view.js';
import { eventFor } from './dispatch.js';
import { decodeInput, isF1Sequence } from './key-decoder.js';
import { keyMode } from './key-mode.js';
import { mode } from '../machine/selectors.js';
import { helpSections, keyBar, resolveKey, type KeyMode, type KeyPress } from './keys.js';
import { cleanText } from '../report/clean.js';
import { defaultReportName, reportFromScreen, saveReport } from './save-report.js';
import { t } from '../i18n/index.js';

/** The save dialog (key s): the app's own state, never the machine's. */
interface SaveState {
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
  for (const ch of value) {
    if (ch === '\u007f' || ch === '\b') out = [...out].slice(0, -1).join('');
    else out += ch;
  }
  return cleanText(out);
}

/** Digits typed in the open code form, all fields together; undefined outside a code field. */
function typedDigits(v: AuditView): number | undefined {
  const form = v.context.form;
  if (form === undefined || mode(v) !== 'form' || form.focus >= form.fields.length) return undefined;
  return form.fields.reduce((n, f) => n + f.length, 0);
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

function useTerminalSize(): { columns: number; rows: number } {
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
  return size;
}

export function App({ actor, env, onQuit, onToggleCard, quitting, size, cwd = process.cwd() }: AppProps) {
  const snapshot = useSelector(actor, (s) => s);
  const view: AuditView = snapshot;
  const terminal = useTerminalSize();
  const { columns, rows } = size ?? terminal;
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const [offset, setOffset] = useState(0);
  const [keyHint, setKeyHint] = useState<string | undefined>(undefined);
  const [contentRows, setContentRows] = useState(0);
  const [save, setSaveState] = useState<SaveState | undefined>(undefined);
  // Keys read the dialog's latest state at once (a paste followed by Enter in one chunk).
  const saveRef = useRef<SaveState | undefined>(undefined);
  const setSave = useCallback((next: SaveState | undefined | ((prev: SaveState | undefined) => SaveState | undefined)) => {
    const value = typeof next === 'function' ? next(saveRef.current) : next;
    saveRef.current = value;
    setSaveState(value);
  }, []);
  const machineMode = keyMode(view, env.demo);
  const baseMode: KeyMode = save !== undefined ? { demo: env.demo, view: SAVE_VIEW[save.step] } : machineMode;
  // The key bar is one line (src/screens/key-bar.tsx gives up its least needed keys to fit).
  const scrollable = contentRows > rows - 2;
  const mode = { ...baseMode, scrollable };
  const barItems = keyBar(mode);
  const barRows = 1;
  const bodyRows = Math.max(1, rows - 1 - barRows);
  const maxOffset = Math.max(0, contentRows - bodyRows);
  const shown = Math.min(offset, maxOffset);

  // A form, a confirmation or a final message sits at the bottom of the card screen: bring it
  // into view when it opens; back to the top for the card screen and every other state.
  const place =
    mode.view === 'form' || mode.view === 'confirm' || mode.view === 'message'
      ? 'bottom'
      : `top:${mode.view.startsWith('save') ? 'save' : mode.view}`;
  useEffect(() => {
    setOffset(place === 'bottom' ? Number.MAX_SAFE_INTEGER : 0);
  }, [place]);

  // Keys are handled against the latest snapshot, read from the actor at the time of each key
  // (never from a render's closure): a burst of 8 digits is 8 events on the machine.
  const latest = useRef({ mode, tooSmall, bodyRows, maxOffset });
  latest.current = { mode, tooSmall, bodyRows, maxOffset };

  const handlePress = useCallback(
    (press: KeyPress) => {
      const { tooSmall: small, bodyRows: page, maxOffset: max } = latest.current;
      if (small) {
        if (press.kind === 'ctrl-c' || (press.kind === 'char' && press.char === 'q')) onQuit();
        return;
      }
      const current: AuditView = actor.getSnapshot();
      const dialog = saveRef.current;
      if (dialog !== undefined) {
        const intent = resolveKey(press, { demo: env.demo, view: SAVE_VIEW[dialog.step] });
        const card = current.context.report;
        const attempt = (replace: boolean) => {
          if (card === undefined) return setSave(undefined);
          const result = saveReport(dialog.path, reportFromScreen(card, env.demo, env.version), replace, cwd);
          if (result.kind === 'saved') setSave({ step: 'done', path: dialog.path, saved: { text: result.text, json: result.json } });
          else if (result.kind === 'exists') setSave({ step: 'confirm', path: dialog.path, existing: result.paths });
          else setSave({ step: 'edit', path: dialog.path, error: result.message });
        };
        switch (intent) {
          case 'quit':
            onQuit();
            return;
          case 'save-submit':
            attempt(false);
            return;
          case 'save-replace':
            attempt(true);
            return;
          case 'save-keep':
            setSave({ step: 'edit', path: dialog.path });
            return;
          case 'save-cancel':
          case 'save-close':
            setSave(undefined);
            return;
          default:
            return;
        }
      }
      const m = { ...keyMode(current, env.demo), scrollable: max > 0 };
      // AZERTY's top row types &é"'( without Shift: a non-digit in a code field gets a one-line
      // hint (never which key it was); any other key takes it away.
      setKeyHint(
        m.view === 'form' && m.focus === 'field' && press.kind === 'char' && !/^[0-9]$/.test(press.char) ? t('form.digitsOnly') : undefined,
      );
      const intent = resolveKey(press, m);
      if (intent === undefined) return;
      switch (intent) {
        case 'open-save':
          setSave({ step: 'edit', path: defaultReportName(current.context.report, new Date()) });
          return;
        case 'quit':
          onQuit();
          return;
        case 'scroll-up':
          setOffset((o) => Math.max(0, Math.min(o, max) - 1));
          return;
        case 'scroll-down':
          setOffset((o) => Math.min(max, o + 1));
          return;
        case 'page-up':
          setOffset((o) => Math.max(0, Math.min(o, max) - Math.max(1, page - 1)));
          return;
        case 'page-down':
          setOffset((o) => Math.min(max, o + Math.max(1, page - 1)));
          return;
        case 'toggle-card':
          onToggleCard?.();
          return;
        default: {
          const event = eventFor(intent, press, current);
          if (event === undefined) return;
          if (event.type === 'SUBMIT' && !current.can(event)) return;
          actor.send(event);
        }
      }
    },
    [actor, env.demo, env.version, onQuit, onToggleCard, setSave, cwd],
  );

  const onInput = useCallback(
    (input: string, key: Key) => {
      // A paste (several digits in one chunk) longer than the field: say how many digits were
      // kept, never which (the code stays out of every message).
      let pasted = 0;
      let kept = 0;
      for (const press of decodeInput(input, key)) {
        const digit = press.kind === 'char' && press.char >= '0' && press.char <= '9';
        const before = typedDigits(actor.getSnapshot());
        handlePress(press);
        if (!digit || before === undefined) continue;
        pasted += 1;
        kept += Math.max(0, (typedDigits(actor.getSnapshot()) ?? before) - before);
      }
      if (pasted > 1 && kept < pasted) setKeyHint(t('form.pasted', { pasted, kept }));
    },
    [handlePress, actor],
  );
  useInput(onInput);

  // F1 reaches useInput as an empty input with no flag set: recognise its raw sequence here.
  const { internal_eventEmitter: rawInput } = useStdin();
  useEffect(() => {
    const onRaw = (raw: string) => {
      if (isF1Sequence(raw)) handlePress({ kind: 'f1' });
    };
    rawInput.on('input', onRaw);
    return () => {
      rawInput.off('input', onRaw);
    };
  }, [rawInput, handlePress]);

  if (tooSmall) return <TooSmall columns={columns} rows={rows} />;

  const status = statusOf(view);
  const moreBelow = shown < maxOffset;
  const moreAbove = shown > 0;
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <TitleBar version={env.version} status={quitting ? { name: t('cli.quittingWait'), tone: 'warning' } : status} />
      <ScrollView height={bodyRows} offset={shown} onContentHeight={setContentRows}>
        {save !== undefined ? (
          <SaveDialog
            step={save.step}
            path={save.path}
            cwd={cwd}
            onChange={(p) =>
              setSave((prev) => (prev === undefined || prev.step !== 'edit' ? prev : { step: 'edit', path: applyErasures(p) }))
            }
            {...(save.error !== undefined ? { error: save.error } : {})}
            {...(save.existing !== undefined ? { existing: save.existing } : {})}
            {...(save.saved !== undefined ? { saved: save.saved } : {})}
          />
        ) : snapshot.context.helpOpen ? (
          <HelpScreen sections={helpSections()} />
        ) : (
          <AuditScreen view={view} env={keyHint !== undefined ? { ...env, keyHint } : env} />
        )}
      </ScrollView>
      <KeyBar items={barItems} scroll={{ above: moreAbove, below: moreBelow }} width={columns} />
    </Box>
  );
}
