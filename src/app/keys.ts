// Every key of the tool, as data: the key bar, the help screen, `--help` and the dispatch are all
// built from this one table (screens.md, "Keys"). A key never sends a code to the card by itself:
// only Enter on the focused button does ("submit", active on a button alone).

/** One key press, decoded from the terminal (see key-decoder.ts). */
export type KeyPress =
  | { readonly kind: 'char'; readonly char: string }
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
        | 'page-down';
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
}

export type Intent =
  | 'quit'
  | 'help'
  | 'close-help'
  | 'open-unblock'
  | 'open-change'
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
  | 'save-submit'
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
  /** What it does, in French, for the help screen. */
  readonly does: string;
  /** Short label for the key bar; omitted: not shown in the bar. */
  readonly bar?: string;
  /** The keys as the bar shows them, when shorter than `keys` (the help gives them in full). */
  readonly barKeys?: string;
  readonly matches: (k: KeyPress) => boolean;
  /** Extra condition on the mode (e.g. `d` only when the PIN is blocked). */
  readonly when?: (m: KeyMode) => boolean;
}

const ch = (c: string) => (k: KeyPress) => k.kind === 'char' && k.char === c;
const kind =
  (...kinds: KeyPress['kind'][]) =>
  (k: KeyPress) =>
    kinds.includes(k.kind);
const either =
  (...tests: ((k: KeyPress) => boolean)[]) =>
  (k: KeyPress) =>
    tests.some((t) => t(k));

export const SCOPE_TITLES: Record<KeyScope, string> = {
  everywhere: 'Partout',
  help: 'Aide',
  card: 'Écran de la carte',
  readers: 'Choix du lecteur',
  message: "Message de fin d'opération",
  waiting: 'Autres écrans (pas de carte, erreur, attente)',
  scroll: 'Défilement',
  field: 'Champ de code',
  button: 'Bouton du formulaire',
  form: 'Formulaire',
  confirm: 'Confirmation',
  save: 'Enregistrer le rapport (s)',
  'save-confirm': 'Enregistrer : le fichier existe déjà',
  'save-done': 'Enregistrer : rapport enregistré',
  demo: 'Démonstration (--demo), hors formulaire',
};

export const KEY_TABLE: readonly KeyBinding[] = [
  {
    intent: 'quit',
    scope: 'everywhere',
    keys: ['Ctrl-C'],
    does: "quitte et rétablit le terminal ; pendant une opération sur le code, attend d'abord la fin de l'échange en cours avec la carte (quelques secondes au plus)",
    matches: kind('ctrl-c'),
  },
  {
    intent: 'help',
    scope: 'everywhere',
    keys: ['?', 'F1'],
    does: "affiche l'aide (dans un champ de code : F1 seulement)",
    bar: 'aide',
    barKeys: '?',
    matches: either(ch('?'), kind('f1')),
  },
  {
    intent: 'close-help',
    scope: 'help',
    keys: ['Échap', 'q'],
    does: "ferme l'aide",
    bar: "fermer l'aide",
    matches: either(kind('escape'), ch('q')),
  },
  { intent: 'quit', scope: 'card', keys: ['q'], does: 'quitte', bar: 'quitter', matches: ch('q') },
  {
    intent: 'open-unblock',
    scope: 'card',
    keys: ['d'],
    does: 'ouvre « Débloquer votre code porteur » (code porteur bloqué, ou dernier déblocage interrompu)',
    bar: 'débloquer',
    matches: ch('d'),
    when: (m) => m.canUnblock === true,
  },
  {
    intent: 'open-change',
    scope: 'card',
    keys: ['c'],
    does: 'ouvre « Changer votre code porteur » (code porteur non bloqué)',
    bar: 'changer',
    matches: ch('c'),
    when: (m) => m.canChange === true,
  },
  {
    intent: 'tab-1',
    scope: 'card',
    keys: ['1'],
    does: 'onglet « Informations sur la carte »',
    bar: 'onglets',
    barKeys: '1-3',
    matches: ch('1'),
  },
  { intent: 'tab-2', scope: 'card', keys: ['2'], does: "onglet « Situation d'exercice »", matches: ch('2') },
  { intent: 'tab-3', scope: 'card', keys: ['3'], does: 'onglet « Information sur les certificats »', matches: ch('3') },
  { intent: 'tab-previous', scope: 'card', keys: ['←'], does: 'onglet précédent', matches: kind('left') },
  { intent: 'tab-next', scope: 'card', keys: ['→'], does: 'onglet suivant', matches: kind('right') },
  {
    intent: 'choose-reader',
    scope: 'card',
    keys: ['l'],
    does: 'choisit le lecteur (quand il y en a plusieurs)',
    bar: 'lecteur',
    matches: ch('l'),
    when: (m) => m.canChooseReader === true,
  },
  {
    intent: 'ask-situations',
    scope: 'card',
    keys: ['Entrée'],
    does: "sur l'onglet « Situation d'exercice » : demande le code porteur pour lire les situations",
    bar: 'lire les situations',
    matches: kind('enter'),
    when: (m) => m.canAskSituations === true,
  },
  {
    intent: 'open-save',
    scope: 'card',
    keys: ['s'],
    does: 'enregistre le rapport de la carte (texte, et JSON à côté) dans un fichier dont vous tapez le nom',
    bar: 'rapport',
    matches: ch('s'),
    when: (m) => m.canSave === true,
  },
  {
    intent: 'dismiss-notice',
    scope: 'card',
    keys: ['Échap'],
    does: "masque l'avertissement affiché",
    bar: "masquer l'avertissement",
    matches: kind('escape'),
    when: (m) => m.hasNotice === true,
  },
  {
    intent: 'retry',
    scope: 'card',
    keys: ['r'],
    does: 'relit la carte',
    bar: 'relire',
    matches: ch('r'),
    when: (m) => m.canRetry === true,
  },
  {
    intent: 'retry',
    scope: 'waiting',
    keys: ['r'],
    does: 'relit la carte (après un échec de lecture, une carte occupée ou non reconnue)',
    bar: 'relire',
    matches: ch('r'),
    when: (m) => m.canRetry === true,
  },
  { intent: 'quit', scope: 'waiting', keys: ['q'], does: 'quitte', bar: 'quitter', matches: ch('q') },
  {
    intent: 'select-reader',
    scope: 'readers',
    keys: ['1-9'],
    does: 'choisit le lecteur de ce numéro',
    bar: 'choisir',
    matches: (k) => k.kind === 'char' && k.char >= '1' && k.char <= '9',
    when: (m) => (m.readerCount ?? 0) > 0,
  },
  {
    intent: 'cancel-choice',
    scope: 'readers',
    keys: ['Échap'],
    does: 'revient à la carte déjà lue',
    bar: 'annuler',
    matches: kind('escape'),
    when: (m) => m.canCancelChoice === true,
  },
  { intent: 'quit', scope: 'readers', keys: ['q'], does: 'quitte', bar: 'quitter', matches: ch('q') },
  {
    intent: 'close-message',
    scope: 'message',
    keys: ['Entrée', 'Échap'],
    does: 'ferme le message et revient à la carte',
    bar: 'fermer',
    matches: kind('enter', 'escape'),
  },
  {
    intent: 'scroll-up',
    scope: 'scroll',
    keys: ['↑'],
    does: "fait défiler vers le haut quand l'écran est plus court que son contenu",
    bar: 'défiler',
    barKeys: '↑↓',
    matches: kind('up'),
    when: (m) => m.scrollable !== false,
  },
  { intent: 'scroll-down', scope: 'scroll', keys: ['↓'], does: 'fait défiler vers le bas', matches: kind('down') },
  { intent: 'page-up', scope: 'scroll', keys: ['PgUp'], does: "remonte d'une page", matches: kind('page-up') },
  { intent: 'page-down', scope: 'scroll', keys: ['PgDn'], does: "descend d'une page", matches: kind('page-down') },
  {
    intent: 'digit',
    scope: 'field',
    keys: ['0-9'],
    does: 'saisit un chiffre (masqué) ; toute autre touche imprimable est ignorée, q et 1 2 3 compris',
    bar: 'chiffres',
    matches: (k) => k.kind === 'char' && k.char >= '0' && k.char <= '9',
  },
  {
    intent: 'backspace',
    scope: 'field',
    keys: ['Retour arrière'],
    does: 'efface le dernier chiffre',
    bar: 'effacer',
    barKeys: '⌫',
    matches: kind('backspace'),
  },
  { intent: 'next-field', scope: 'field', keys: ['Entrée', 'Tab'], does: 'champ suivant', bar: 'suivant', matches: kind('enter', 'tab') },
  { intent: 'previous-field', scope: 'form', keys: ['Maj-Tab'], does: 'champ précédent', matches: kind('shift-tab') },
  {
    intent: 'submit',
    scope: 'button',
    keys: ['Entrée'],
    does: 'envoie les codes à la carte (quand le bouton est actif)',
    bar: 'valider',
    matches: kind('enter'),
  },
  {
    intent: 'close-form',
    scope: 'form',
    keys: ['Échap'],
    does: "ferme le formulaire ; rien de ce qui a été saisi n'est gardé",
    bar: 'fermer',
    matches: kind('escape'),
  },
  // A distinct key, not Enter: a double Enter on the button must not spend the last try.
  {
    intent: 'confirm',
    scope: 'confirm',
    keys: ['o'],
    does: 'oui : confirme le dernier essai et envoie le code',
    bar: 'oui, envoyer',
    matches: either(ch('o'), ch('O')),
  },
  {
    intent: 'cancel',
    scope: 'confirm',
    keys: ['Échap', 'n'],
    does: "non : revient au formulaire, rien n'est envoyé à la carte",
    bar: 'non',
    matches: either(kind('escape'), ch('n'), ch('N')),
  },
  // The save dialog's path field: letters, ←→, Retour arrière and a paste edit the path (ink-text-input).
  {
    intent: 'save-submit',
    scope: 'save',
    keys: ['Entrée'],
    does: 'enregistre le rapport sous ce nom (le JSON à côté, en .json)',
    bar: 'enregistrer',
    matches: kind('enter'),
  },
  { intent: 'save-cancel', scope: 'save', keys: ['Échap'], does: "annule : rien n'est écrit", bar: 'annuler', matches: kind('escape') },
  {
    intent: 'save-replace',
    scope: 'save-confirm',
    keys: ['o'],
    does: 'oui : remplace le fichier existant',
    bar: 'oui, remplacer',
    matches: either(ch('o'), ch('O')),
  },
  {
    intent: 'save-keep',
    scope: 'save-confirm',
    keys: ['Échap', 'n'],
    does: 'non : garde le fichier existant et revient au nom',
    bar: 'non',
    matches: either(kind('escape'), ch('n'), ch('N')),
  },
  {
    intent: 'save-close',
    scope: 'save-done',
    keys: ['Entrée', 'Échap'],
    does: 'ferme et revient à la carte',
    bar: 'fermer',
    matches: kind('enter', 'escape'),
  },
  {
    intent: 'toggle-card',
    scope: 'demo',
    keys: ['i'],
    does: 'retire ou réinsère la carte simulée',
    bar: 'insérer/retirer',
    matches: ch('i'),
    when: (m) => m.canRemoveCard !== false,
  },
];

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

/** The key bar: "touches : libellé" for each binding that works now and has a bar label. */
export function keyBar(m: KeyMode): { keys: string; label: string }[] {
  const items: { keys: string; label: string }[] = [];
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
    items.push({ keys, label: b.bar });
  }
  // In a form, Échap then q quits: the bar keeps its room for the form's own keys.
  if (m.view !== 'form') items.push({ keys: 'Ctrl-C', label: 'quitter' });
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
    title: SCOPE_TITLES[scope],
    rows: KEY_TABLE.filter((b) => b.scope === scope).map((b) => ({ keys: b.keys.join(', '), does: b.does })),
  }));
}
