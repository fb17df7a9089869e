// The command line: the verbs, their options and their refusals, read by the one reader of the
// line (args.ts, node:util's parseArgs), messages from the catalogue, the usage exit code on misuse.
// Options may come before or after the verb (`cps-audit --lang en report --help`). Codes are never
// taken from the command line (they would end up in the shell's history and in the process list),
// and no argument is echoed with its digits: a run of 4 digits or more may be a code typed in the
// wrong place.

import { maskDigits } from '../../view/mask.js';
import { t } from '../../i18n/index.js';
import { readArgs, type Arg, type OptionTable } from './args.js';
import { SIMULATE_OPTIONS } from './simulate-args.js';

export interface CommonOptions {
  /** `--lang fr|en`: the language of every word shown (src/i18n); else from the locale. */
  readonly lang?: 'fr' | 'en';
  /** `--trace FILE`: the APDU trace for a support escalation (src/app/trace-file.ts). */
  readonly trace?: string;
}

export type Command =
  | ({
      readonly kind: 'run';
      readonly demo: boolean;
      readonly card: string;
      readonly reader?: string;
      /** --real-speed (with --demo): the simulated card answers at its link's speed. */
      readonly realSpeed?: boolean;
      readonly accessible?: true;
      /** Issue 20: `--no-pinpad`, codes typed on the computer even on a reader with a keypad. */
      readonly noPinpad?: true;
      /** --no-journal: no line in the journal of operations (src/app/commands/journal.ts). */
      readonly noJournal?: true;
    } & CommonOptions)
  | ({
      readonly kind: 'report';
      readonly json: boolean;
      readonly demo: boolean;
      readonly card: string;
      readonly reader?: string;
      readonly realSpeed?: boolean;
    } & CommonOptions)
  | ({ readonly kind: 'diagnose'; readonly json: boolean } & CommonOptions)
  /** `test` (issue 21, card-test-command.ts): the card test; `certs`: the certificates to files. */
  | ({
      readonly kind: 'test';
      readonly json: boolean;
      readonly demo: boolean;
      readonly card: string;
      readonly reader?: string;
      readonly realSpeed?: boolean;
      readonly noPin: boolean;
      /** Test only: a PEM file of test authorities trusted for this run (never a default). */
      readonly trustTestRoot?: string;
    } & CommonOptions)
  | ({
      readonly kind: 'certs';
      readonly demo: boolean;
      readonly card: string;
      readonly reader?: string;
      readonly out?: string;
      readonly der: boolean;
      readonly trustTestRoot?: string;
    } & CommonOptions)
  /** `journal [--json]`: the journal of operations (issue 22). */
  | { readonly kind: 'journal'; readonly json: boolean; readonly lang?: 'fr' | 'en' }
  /** `bundle [FILE]`: report, diagnosis, journal and last trace in one file for a ticket (issue 22). */
  | ({
      readonly kind: 'bundle';
      readonly file?: string;
      readonly demo: boolean;
      readonly card: string;
      readonly reader?: string;
    } & CommonOptions)
  | { readonly kind: 'simulate'; readonly args: readonly string[] }
  /** `verb`: `report --help` or `diagnose --help`, that command's own help; else the whole help. */
  | { readonly kind: 'help'; readonly lang?: 'fr' | 'en'; readonly verb?: 'report' | 'diagnose' | 'journal' | 'bundle' | 'test' | 'certs' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

export const DEFAULT_DEMO_CARD = 'seed';

type Verb = 'run' | 'report' | 'diagnose' | 'journal' | 'bundle' | 'test' | 'certs';

const VERBS: Record<string, Verb | 'help' | 'simulate'> = {
  report: 'report',
  diagnose: 'diagnose',
  journal: 'journal',
  bundle: 'bundle',
  test: 'test',
  certs: 'certs',
  help: 'help',
  simulate: 'simulate',
};

/** Every option of the tool's verbs; `simulate` reads its own (simulate-args.ts). */
const OPTIONS = {
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  demo: { type: 'boolean' },
  card: { type: 'string' },
  reader: { type: 'string' },
  trace: { type: 'string' },
  json: { type: 'boolean' },
  'real-speed': { type: 'boolean' },
  accessible: { type: 'boolean' },
  'no-journal': { type: 'boolean' },
  'no-pinpad': { type: 'boolean' },
  'no-pin': { type: 'boolean' },
  'trust-test-root': { type: 'string' },
  out: { type: 'string' },
  der: { type: 'boolean' },
} as const satisfies OptionTable;

type Option = keyof typeof OPTIONS;
type VerbOption = Exclude<Option, 'lang' | 'help' | 'version'>;

/** Options each verb takes (--lang, --help and --version go with all). */
const ALLOWED: Record<Verb, readonly VerbOption[]> = {
  run: ['demo', 'card', 'reader', 'trace', 'real-speed', 'accessible', 'no-journal', 'no-pinpad'],
  report: ['demo', 'card', 'reader', 'trace', 'json', 'real-speed'],
  diagnose: ['trace', 'json'],
  test: ['demo', 'card', 'reader', 'trace', 'json', 'real-speed', 'no-pin', 'trust-test-root'],
  certs: ['demo', 'card', 'reader', 'trace', 'out', 'der', 'trust-test-root'],
  journal: ['json'],
  bundle: ['demo', 'card', 'reader'],
};

/** What a string option says when its value is missing. */
const MISSING: Record<'card' | 'reader' | 'trace' | 'trust-test-root' | 'out', () => string> = {
  card: () => t('cli.cardValue'),
  reader: () => t('cli.readerValue'),
  trace: () => t('cli.traceValue'),
  'trust-test-root': () => t('cli.trustValue'),
  out: () => t('cli.outValue'),
};

/**
 * The verb's word: the first word that is not an option's value, when it is a verb, or when only
 * `--lang` comes before it (`cps-audit --lang en lire`: an unknown command, not a stray word).
 */
function verbWord(args: readonly Arg[]): Extract<Arg, { kind: 'word' }> | undefined {
  for (const [i, arg] of args.entries()) {
    if (arg.kind === 'option') {
      if (arg.raw === '--') return undefined;
      continue;
    }
    const onlyLang = args.slice(0, i).every((a) => a.kind === 'option' && a.name === 'lang');
    return Object.hasOwn(VERBS, arg.value) || onlyLang ? arg : undefined;
  }
  return undefined;
}

/** A string option's value; one that starts with `--` is the next option, not a value. */
function valueOf(arg: Extract<Arg, { kind: 'option' }>): string | undefined {
  if (arg.inline || arg.value === undefined || !arg.value.startsWith('--')) return arg.value;
  return undefined;
}

export function parseArgs(line: readonly string[]): Command {
  // Simulate's options are read here too, so that their values are never taken for the verb.
  const args = readArgs(line, { ...SIMULATE_OPTIONS, ...OPTIONS });
  const word = verbWord(args);
  const named = word === undefined ? 'run' : VERBS[word.value];
  if (named === undefined) return { kind: 'error', message: t('cli.unknownCommand', { command: maskDigits(word!.value) }) };
  if (named === 'help') return { kind: 'help' };
  if (named === 'simulate') return { kind: 'simulate', args: line.filter((_, i) => i !== word!.index) };
  const verb: Verb = named;
  const seen = new Set<VerbOption>();
  const values: Partial<Record<VerbOption, string>> = {};
  let lang: 'fr' | 'en' | undefined;
  let file: string | undefined;
  for (const arg of args) {
    if (arg.kind === 'word') {
      if (arg.index === word?.index) continue;
      // bundle takes one file name (typed, so echoed only masked if ever refused).
      if (verb === 'bundle' && file === undefined) {
        file = arg.value;
        continue;
      }
      return { kind: 'error', message: t('cli.unexpectedArgument', { argument: maskDigits(arg.value) }) };
    }
    // Something made of digits may be a code typed in the wrong place: never echo it.
    if (!arg.known || !Object.hasOwn(OPTIONS, arg.name))
      return { kind: 'error', message: t('cli.unknownOption', { option: maskDigits(arg.raw) }) };
    const name = arg.name as Option;
    if (name === 'lang') {
      const v = valueOf(arg);
      if (v !== 'fr' && v !== 'en') return { kind: 'error', message: t('cli.langValue') };
      lang = v;
      continue;
    }
    if (name === 'help') return { kind: 'help', ...(lang !== undefined ? { lang } : {}), ...(verb !== 'run' ? { verb } : {}) };
    if (name === 'version') return { kind: 'version' };
    if (!ALLOWED[verb].includes(name)) {
      const option = `--${name}`;
      const message = verb === 'run' ? t('cli.optionNotWithScreen', { option }) : t('cli.optionNotWithCommand', { option, command: verb });
      return { kind: 'error', message };
    }
    if (OPTIONS[name].type === 'string') {
      const v = valueOf(arg);
      if (!v) return { kind: 'error', message: MISSING[name as keyof typeof MISSING]() };
      values[name] = v;
    }
    seen.add(name);
  }
  return command(verb, seen, values, lang, file);
}

function command(
  verb: Verb,
  seen: ReadonlySet<VerbOption>,
  values: Partial<Record<VerbOption, string>>,
  lang: 'fr' | 'en' | undefined,
  file: string | undefined,
): Command {
  const demo = seen.has('demo');
  const json = seen.has('json');
  const realSpeed = seen.has('real-speed');
  const { card, reader, trace, out, 'trust-test-root': trustTestRoot } = values;
  if (card !== undefined && !demo) return { kind: 'error', message: t('cli.cardNeedsDemo') };
  if (realSpeed && !demo) return { kind: 'error', message: t('cli.realSpeedNeedsDemo') };
  const common = { ...(trace !== undefined ? { trace } : {}), ...(lang !== undefined ? { lang } : {}) };
  if (verb === 'diagnose') return { kind: 'diagnose', json, ...common };
  if (verb === 'journal') return { kind: 'journal', json, ...(lang !== undefined ? { lang } : {}) };
  const where = {
    demo,
    card: card ?? DEFAULT_DEMO_CARD,
    ...(reader !== undefined ? { reader } : {}),
    ...(realSpeed ? { realSpeed } : {}),
    ...common,
  };
  if (verb === 'report') return { kind: 'report', json, ...where };
  const trust = trustTestRoot !== undefined ? { trustTestRoot } : {};
  if (verb === 'test') return { kind: 'test', json, noPin: seen.has('no-pin'), ...trust, ...where };
  if (verb === 'certs') {
    const { realSpeed: _speed, ...rest } = where;
    return { kind: 'certs', der: seen.has('der'), ...(out !== undefined ? { out } : {}), ...trust, ...rest };
  }
  if (verb === 'bundle') {
    const { realSpeed: _unused, ...rest } = where;
    void _unused;
    return { kind: 'bundle', ...rest, ...(file !== undefined ? { file } : {}) };
  }
  return {
    kind: 'run',
    ...where,
    ...(seen.has('accessible') ? { accessible: true as const } : {}),
    ...(seen.has('no-journal') ? { noJournal: true as const } : {}),
    ...(seen.has('no-pinpad') ? { noPinpad: true as const } : {}),
  };
}
