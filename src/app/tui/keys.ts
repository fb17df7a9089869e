// Every key of the tool, as data: the key bar, the help screen, `--help` and the dispatch are all
// built from this one table (screens.md, "Keys"). A key never sends a code to the card by itself:
// only Enter on the focused button does ("submit", active on a button alone).

import { t, tr, type Key } from '../../i18n/index.js';

/** One key press, decoded from the terminal (see key-decoder.ts). */
export type KeyPress =
  | { readonly kind: 'char'; readonly char: string }
  /** Ctrl and a letter (Ctrl-C aside): the save field's editing keys (Ctrl-U, Ctrl-A, Ctrl-E, Ctrl-K, Ctrl-W). */
  | { readonly kind: 'ctrl'; readonly char: string }
  | {
      readonly kind:
        | 'ctrl-c'
        | 'f1'
        | 'enter'
        | 'tab'
        | 'shift-tab'
        | 'backspace'
        | 'escape'
        | 'up'
        | 'down'
        | 'left'
        | 'right'
        | 'page-up'
        | 'page-down'
        | 'home'
        | 'end'
        | 'delete';
    };

/** Where the user is, as far as keys are concerned (derived from the machine's snapshot). */
export interface KeyMode {
  /**
   * help: the help screen; form: a code form; confirm: a last-try confirmation; message: the
   * final message of a form; readers: the list of readers; card: the card screen; other: any
   * other screen (no card, errors, waiting for the card); busy: codes on their way to the card
   * (only help, scrolling and Ctrl-C, which waits for the card); save: the save dialog's path
   * field (the app's own, not the machine's); save-confirm: "replace the file?"; save-done: the
   * report was written.
   */
  readonly view: 'help' | 'form' | 'confirm' | 'message' | 'readers' | 'card' | 'other' | 'busy' | 'save' | 'save-confirm' | 'save-done';
  /** In a form: a code field or the button has focus. */
  readonly focus?: 'field' | 'button';
  readonly demo: boolean;
  /** Which actions the current state offers (the machine decides, keys only ask). */
  readonly canUnblock?: boolean;
  readonly canChange?: boolean;
  readonly canChooseReader?: boolean;
  readonly canRemoveCard?: boolean;
  /** The "Situation d'exercice" tab shows and its PIN prompt can open. */
  readonly canAskSituations?: boolean;
  /** A failed read (or an unrecognised card, a card in use) can be read again. */
  readonly canRetry?: boolean;
  /** A notice is shown on the card screen. */
  readonly hasNotice?: boolean;
  /** In the reader list: how many readers are offered (1 to 9 pick one). */
  readonly readerCount?: number;
  /** The reader list can be left (a card is already loaded). */
  readonly canCancelChoice?: boolean;
  /** The content is taller than the screen: the bar offers scrolling. */
  readonly scrollable?: boolean;
  /** A card report is on screen: `s` can save it. */
  readonly canSave?: boolean;
  /** Issue 20: the form can switch its codes between the reader's keypad and the keyboard. */
  readonly canToggleKeypad?: boolean;
  /** Issue 21: the card test can start (`t`). */
  readonly canTest?: boolean;
  /** Issue 21: the certificates tab shows the card's certificates: `e` writes them to files. */
  readonly canExportCerts?: boolean;
}

export type Intent =
  | 'quit'
  | 'help'
  | 'close-help'
  | 'open-unblock'
  | 'open-change'
  | 'start-test'
  | 'export-certs'
  | 'tab-1'
  | 'tab-2'
  | 'tab-3'
  | 'tab-previous'
  | 'tab-next'
  | 'choose-reader'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'digit'
  | 'backspace'
  | 'next-field'
  | 'previous-field'
  | 'submit'
  | 'close-form'
  | 'toggle-keypad'
  | 'confirm'
  | 'cancel'
  | 'toggle-card'
  | 'ask-situations'
  | 'retry'
  | 'dismiss-notice'
  | 'close-message'
  | 'select-reader'
  | 'cancel-choice'
  | 'open-save'
  | 'open-bundle'
  | 'save-submit'
  | 'save-cursor'
  | 'save-start'
  | 'save-end'
  | 'save-kill-before'
  | 'save-kill-after'
  | 'save-kill-word'
  | 'save-erase-at'
  | 'save-cancel'
  | 'save-replace'
  | 'save-keep'
  | 'save-close';

/** Where a binding works; the help screen groups by this. */
export type KeyScope =
  | 'everywhere'
  | 'help'
  | 'card'
  | 'readers'
  | 'scroll'
  | 'field'
  | 'button'
  | 'form'
  | 'confirm'
  | 'message'
  | 'waiting'
  | 'save'
  | 'save-confirm'
  | 'save-done'
  | 'demo';

export interface KeyBinding {
  readonly intent: Intent;
  readonly scope: KeyScope;
  /** As shown to the user. */
  readonly keys: readonly string[];
  /** What it does, for the help screen (from the catalogue). */
  readonly does: string;
  /** Short label for the key bar; omitted: not shown in the bar. */
  readonly bar?: string;
  /** The keys as the bar shows them, when shorter than `keys` (the help gives them in full). */
  readonly barKeys?: string;
  readonly matches: (k: KeyPress) => boolean;
  /** Extra condition on the mode (e.g. `d` only when the PIN is blocked). */
  readonly when?: (m: KeyMode) => boolean;
}

/** A binding as written in the table: its words are in the catalogue, under key.<scope>.<intent>. */
type RawBinding = Omit<KeyBinding, 'does' | 'bar'> & { readonly bar?: true };

const ch = (c: string) => (k: KeyPress) => k.kind === 'char' && k.char === c;
const kind =
  (...kinds: KeyPress['kind'][]) =>
  (k: KeyPress) =>
    kinds.includes(k.kind);
const either =
  (...tests: ((k: KeyPress) => boolean)[]) =>
  (k: KeyPress) =>
    tests.some((t) => t(k));

/** A scope's title in the help, in the chosen language. */
export function scopeTitle(scope: KeyScope): string {
  return tr(`scope.${scope}`);
}

const RAW_TABLE: readonly RawBinding[] = [
  {
    intent: 'quit',
    scope: 'everywhere',
    keys: ['Ctrl-C'],
    matches: kind('ctrl-c'),
  },
  {
    intent: 'help',
    scope: 'everywhere',
    keys: ['?', 'F1'],
    bar: true,
    barKeys: '?',
    matches: either(ch('?'), kind('f1')),
  },
  {
    intent: 'close-help',
    scope: 'help',
    keys: ['Échap', 'q'],
    bar: true,
    matches: either(kind('escape'), ch('q')),
  },
  { intent: 'quit', scope: 'card', keys: ['q'], bar: true, matches: ch('q') },
  {
    intent: 'open-unblock',
    scope: 'card',
    keys: ['d'],
    bar: true,
    matches: ch('d'),
    when: (m) => m.canUnblock === true,
  },
  {
    intent: 'open-change',
    scope: 'card',
    keys: ['c'],
    bar: true,
    matches: ch('c'),
    when: (m) => m.canChange === true,
  },
  // Issue 21: the card test.
  { intent: 'start-test', scope: 'card', keys: ['t'], bar: true, matches: ch('t'), when: (m) => m.canTest === true },
  { intent: 'export-certs', scope: 'card', keys: ['e'], bar: true, matches: ch('e'), when: (m) => m.canExportCerts === true },
  {
    intent: 'tab-1',
    scope: 'card',
    keys: ['1'],
    bar: true,
    barKeys: '1-3',
    matches: ch('1'),
  },
  { intent: 'tab-2', scope: 'card', keys: ['2'], matches: ch('2') },
  { intent: 'tab-3', scope: 'card', keys: ['3'], matches: ch('3') },
  { intent: 'tab-previous', scope: 'card', keys: ['←'], matches: kind('left') },
  { intent: 'tab-next', scope: 'card', keys: ['→'], matches: kind('right') },
  {
    intent: 'choose-reader',
    scope: 'card',
    keys: ['l'],
    bar: true,
    matches: ch('l'),
    when: (m) => m.canChooseReader === true,
  },
  {
    intent: 'ask-situations',
    scope: 'card',
    keys: ['Entrée'],
    bar: true,
    matches: kind('enter'),
    when: (m) => m.canAskSituations === true,
  },
  {
    intent: 'open-save',
    scope: 'card',
    keys: ['s'],
    bar: true,
    matches: ch('s'),
    when: (m) => m.canSave === true,
  },
  // Issue 22: the file for the support ticket (cps-audit bundle), from the card screen; in the help, not the bar.
  { intent: 'open-bundle', scope: 'card', keys: ['b'], matches: ch('b'), when: (m) => m.canSave === true },
  {
    intent: 'dismiss-notice',
    scope: 'card',
    keys: ['Échap'],
    bar: true,
    matches: kind('escape'),
    when: (m) => m.hasNotice === true,
  },
  {
    intent: 'retry',
    scope: 'card',
    keys: ['r'],
    bar: true,
    matches: ch('r'),
    when: (m) => m.canRetry === true,
  },
  {
    intent: 'retry',
    scope: 'waiting',
    keys: ['r'],
    bar: true,
    matches: ch('r'),
    when: (m) => m.canRetry === true,
  },
  { intent: 'quit', scope: 'waiting', keys: ['q'], bar: true, matches: ch('q') },
  {
    intent: 'select-reader',
    scope: 'readers',
    keys: ['1-9'],
    bar: true,
    matches: (k) => k.kind === 'char' && k.char >= '1' && k.char <= '9',
    when: (m) => (m.readerCount ?? 0) > 0,
  },
  {
    intent: 'cancel-choice',
    scope: 'readers',
    keys: ['Échap'],
    bar: true,
    matches: kind('escape'),
    when: (m) => m.canCancelChoice === true,
  },
  { intent: 'quit', scope: 'readers', keys: ['q'], bar: true, matches: ch('q') },
  {
    intent: 'close-message',
    scope: 'message',
    keys: ['Entrée', 'Échap'],
    bar: true,
    matches: kind('enter', 'escape'),
  },
  {
    intent: 'scroll-up',
    scope: 'scroll',
    keys: ['↑'],
    bar: true,
    barKeys: '↑↓',
    matches: kind('up'),
    when: (m) => m.scrollable !== false,
  },
  { intent: 'scroll-down', scope: 'scroll', keys: ['↓'], matches: kind('down') },
  { intent: 'page-up', scope: 'scroll', keys: ['PgUp'], matches: kind('page-up') },
  { intent: 'page-down', scope: 'scroll', keys: ['PgDn'], matches: kind('page-down') },
  {
    intent: 'digit',
    scope: 'field',
    keys: ['0-9'],
    bar: true,
    matches: (k) => k.kind === 'char' && k.char >= '0' && k.char <= '9',
  },
  {
    intent: 'backspace',
    scope: 'field',
    keys: ['Retour arrière'],
    bar: true,
    barKeys: '⌫',
    matches: kind('backspace'),
  },
  { intent: 'next-field', scope: 'field', keys: ['Entrée', 'Tab'], bar: true, matches: kind('enter', 'tab') },
  { intent: 'previous-field', scope: 'form', keys: ['Maj-Tab'], bar: true, matches: kind('shift-tab') },
  {
    intent: 'submit',
    scope: 'button',
    keys: ['Entrée'],
    bar: true,
    matches: kind('enter'),
  },
  {
    intent: 'close-form',
    scope: 'form',
    keys: ['Échap'],
    bar: true,
    matches: kind('escape'),
  },
  // Issue 20: the reader's keypad or the computer's keyboard for this form's codes.
  {
    intent: 'toggle-keypad',
    scope: 'form',
    keys: ['c'],
    bar: true,
    matches: either(ch('c'), ch('C')),
    when: (m) => m.canToggleKeypad === true,
  },
  // A distinct key, not Enter: a double Enter on the button must not spend the last try.
  // The yes key follows the language (issue 17): o in French, y in English (keyname.yes).
  {
    intent: 'confirm',
    scope: 'confirm',
    keys: ['yes'],
    bar: true,
    matches: (k) => k.kind === 'char' && k.char.toLowerCase() === yesKey(),
  },
  {
    intent: 'cancel',
    scope: 'confirm',
    keys: ['Échap', 'n'],
    bar: true,
    matches: either(kind('escape'), ch('n'), ch('N')),
  },
  // The save dialog's path field: letters and a paste are typed, the editing keys act as a shell's
  // (line-edit.ts, applied by key-handler.ts); this entry puts them in the help.
  { intent: 'save-cursor', scope: 'save', keys: ['← →'], matches: kind('left', 'right') },
  {
    intent: 'save-start',
    scope: 'save',
    keys: ['Home', 'Ctrl-A'],
    matches: (k) => k.kind === 'home' || (k.kind === 'ctrl' && k.char === 'a'),
  },
  { intent: 'save-end', scope: 'save', keys: ['End', 'Ctrl-E'], matches: (k) => k.kind === 'end' || (k.kind === 'ctrl' && k.char === 'e') },
  { intent: 'save-kill-before', scope: 'save', keys: ['Ctrl-U'], matches: (k) => k.kind === 'ctrl' && k.char === 'u' },
  { intent: 'save-kill-after', scope: 'save', keys: ['Ctrl-K'], matches: (k) => k.kind === 'ctrl' && k.char === 'k' },
  { intent: 'save-kill-word', scope: 'save', keys: ['Ctrl-W'], matches: (k) => k.kind === 'ctrl' && k.char === 'w' },
  { intent: 'save-erase-at', scope: 'save', keys: ['Delete'], matches: kind('delete') },
  {
    intent: 'save-submit',
    scope: 'save',
    keys: ['Entrée'],
    bar: true,
    matches: kind('enter'),
  },
  { intent: 'save-cancel', scope: 'save', keys: ['Échap'], bar: true, matches: kind('escape') },
  {
    intent: 'save-replace',
    scope: 'save-confirm',
    keys: ['yes'],
    bar: true,
    matches: (k) => k.kind === 'char' && k.char.toLowerCase() === yesKey(),
  },
  {
    intent: 'save-keep',
    scope: 'save-confirm',
    keys: ['Échap', 'n'],
    bar: true,
    matches: either(kind('escape'), ch('n'), ch('N')),
  },
  {
    intent: 'save-close',
    scope: 'save-done',
    keys: ['Entrée', 'Échap'],
    bar: true,
    matches: kind('enter', 'escape'),
  },
  {
    intent: 'toggle-card',
    scope: 'demo',
    keys: ['i'],
    bar: true,
    matches: ch('i'),
    when: (m) => m.canRemoveCard !== false,
  },
];

const KEY_NAMES: readonly string[] = ['Entrée', 'Échap', 'Maj-Tab', 'Retour arrière', 'yes', 'Home', 'End', 'Delete'];

/** The last-try confirmation's yes key in the chosen language: o (oui), y (yes). */
export function yesKey(): string {
  return t('keyname.yes');
}

/** A key's name on screen: Entrée, Échap, Maj-Tab… in the chosen language; letters as they are. */
export function keyName(k: string): string {
  return KEY_NAMES.includes(k) ? tr(`keyname.${k}` as Key) : k;
}

/** The table with its words read from the catalogue when shown (the language is chosen at start). */
function withWords(b: RawBinding): KeyBinding {
  const id = `key.${b.scope}.${b.intent}`;
  const { bar, ...rest } = b;
  const out = {
    ...rest,
    get keys() {
      return b.keys.map(keyName);
    },
    get does() {
      return tr(`${id}.does` as Key);
    },
  };
  if (bar !== true) return out;
  return Object.defineProperty(out, 'bar', { enumerable: true, get: () => tr(`${id}.bar` as Key) });
}

export const KEY_TABLE: readonly KeyBinding[] = RAW_TABLE.map(withWords);

/** The scopes whose keys work in this mode, most specific first. */
export function activeScopes(m: KeyMode): KeyScope[] {
  const scopes: KeyScope[] = [];
  switch (m.view) {
    case 'help':
      scopes.push('help', 'scroll');
      break;
    case 'form':
      scopes.push(m.focus === 'button' ? 'button' : 'field', 'form', 'scroll');
      break;
    case 'confirm':
      scopes.push('confirm', 'scroll');
      break;
    case 'message':
      scopes.push('message', 'scroll');
      break;
    case 'readers':
      scopes.push('readers', 'scroll');
      break;
    case 'card':
      scopes.push('card', 'scroll');
      break;
    case 'other':
      scopes.push('waiting', 'scroll');
      break;
    case 'busy':
      scopes.push('scroll');
      break;
    case 'save':
    case 'save-confirm':
    case 'save-done':
      scopes.push(m.view);
      break;
  }
  if (m.demo && (m.view === 'card' || m.view === 'other' || m.view === 'readers' || m.view === 'message')) scopes.push('demo');
  scopes.push('everywhere');
  return scopes;
}

export function activeBindings(m: KeyMode): KeyBinding[] {
  const scopes = activeScopes(m);
  return KEY_TABLE.filter((b) => scopes.includes(b.scope) && (b.when === undefined || b.when(m)));
}

/**
 * The intent of a key in this mode, or undefined when the key does nothing here. In a code field,
 * a printable key that is not a digit is swallowed (`?` and `q` included): typing a code must
 * never open the help or quit.
 */
export function resolveKey(k: KeyPress, m: KeyMode): Intent | undefined {
  if (m.view === 'form' && m.focus === 'field' && k.kind === 'char' && !(k.char >= '0' && k.char <= '9')) return undefined;
  // The path field takes every printable key (q and ? included): they are part of a name.
  if (m.view === 'save' && k.kind === 'char') return undefined;
  for (const scope of activeScopes(m)) {
    const found = KEY_TABLE.find((b) => b.scope === scope && b.matches(k) && (b.when === undefined || b.when(m)));
    if (found) return found.intent;
  }
  return undefined;
}

/**
 * The key bar's entries that give way first when the bar is too long (src/screens/key-bar.tsx
 * fits it), in this order: the demo's card key, the scroll keys (the "↓ suite" mark stays), the
 * tab keys (the tab bar shows their numbers), the report, then Ctrl-C (Échap or q is there), the
 * field's own keys (digits: the field counts them; erase; Maj-Tab last), the notice's Échap (the
 * notice stays on screen), relire on a card, the reader list. The help, the actions and the ways
 * out of a form or a confirmation never go.
 */
const GIVE_WAY: readonly (Intent | 'ctrl-c')[] = [
  'toggle-card',
  'scroll-up',
  'tab-1',
  'open-save',
  'ctrl-c',
  'digit',
  'backspace',
  'previous-field',
  'dismiss-notice',
  'retry',
  'choose-reader',
];

/** One entry of the key bar. */
export interface BarEntry {
  readonly keys: string;
  readonly label: string;
  readonly intent: Intent;
  /** Its rank in GIVE_WAY; absent: it never gives way. */
  readonly giveWay?: number;
}

function ranked(entry: Omit<BarEntry, 'giveWay'>, id: Intent | 'ctrl-c' = entry.intent): BarEntry {
  const rank = GIVE_WAY.indexOf(id);
  return rank < 0 ? entry : { ...entry, giveWay: rank };
}

/** The key bar: "touches : libellé" for each binding that works now and has a bar label. */
export function keyBar(m: KeyMode): BarEntry[] {
  const items: BarEntry[] = [];
  for (const b of activeBindings(m)) {
    if (b.bar === undefined) continue;
    // Short forms: the bar must fit 80 columns; the help screen gives every key in full. In a
    // code field `?` types nothing, so the bar offers F1 there.
    const inField = m.view === 'form' && m.focus === 'field';
    // A notice on the card screen brings its own long entry: s keeps working, the bar gives it up
    // so that the bar stays on one line (the help lists it).
    if (b.intent === 'open-save' && m.hasNotice === true) continue;
    // In the save dialog's path field, ? is a character of the name: no help key there.
    if (b.intent === 'help' && m.view === 'save') continue;
    const keys = b.intent === 'help' && inField ? 'F1' : (b.barKeys ?? b.keys.join('/'));
    items.push(ranked({ keys, label: b.bar, intent: b.intent }));
  }
  // In a form, Échap then q quits: the bar keeps its room for the form's own keys.
  if (m.view !== 'form') items.push(ranked({ keys: 'Ctrl-C', label: t('key.quit'), intent: 'quit' }, 'ctrl-c'));
  // One entry per label (Ctrl-C and q both say "quitter").
  return items.filter((it, i) => items.findIndex((o) => o.label === it.label) === i);
}

/** Help text lines, grouped by scope, for the help screen and `--help`. */
export function helpSections(): { title: string; rows: { keys: string; does: string }[] }[] {
  const order: KeyScope[] = [
    'everywhere',
    'card',
    'scroll',
    'field',
    'button',
    'form',
    'confirm',
    'message',
    'save',
    'save-confirm',
    'save-done',
    'readers',
    'waiting',
    'help',
    'demo',
  ];
  return order.map((scope) => ({
    title: scopeTitle(scope),
    rows: KEY_TABLE.filter((b) => b.scope === scope).map((b) => ({ keys: b.keys.join(', '), does: b.does })),
  }));
}
