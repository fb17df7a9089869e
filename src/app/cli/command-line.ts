// The command line, parsed by hand: a handful of commands and options, messages from the catalogue, the
// usage exit code on misuse. Codes are never taken from the command line (they would end up in
// the shell's history and in the process list), and no argument is echoed with its digits: a
// run of 4 digits or more may be a code typed in the wrong place.

import { maskDigits } from '../../card/text.js';
import { t } from '../../i18n/index.js';

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

export { maskDigits };

type Verb = 'run' | 'report' | 'diagnose' | 'journal' | 'bundle' | 'test' | 'certs';

const VERBS: Record<string, Verb | 'help'> = {
  report: 'report',
  diagnose: 'diagnose',
  journal: 'journal',
  bundle: 'bundle',
  test: 'test',
  certs: 'certs',
  help: 'help',
};

const OPTIONS = [
  '--demo',
  '--card',
  '--reader',
  '--trace',
  '--json',
  '--real-speed',
  '--accessible',
  '--no-journal',
  '--no-pinpad',
  '--no-pin',
  '--trust-test-root',
  '--out',
  '--der',
];

/** Options each verb takes. */
const ALLOWED: Record<Verb, readonly string[]> = {
  run: ['--demo', '--card', '--reader', '--trace', '--real-speed', '--accessible', '--no-journal', '--no-pinpad'],
  report: ['--demo', '--card', '--reader', '--trace', '--json', '--real-speed'],
  diagnose: ['--trace', '--json'],
  test: ['--demo', '--card', '--reader', '--trace', '--json', '--real-speed', '--no-pin', '--trust-test-root'],
  certs: ['--demo', '--card', '--reader', '--trace', '--out', '--der', '--trust-test-root'],
  journal: ['--json'],
  bundle: ['--demo', '--card', '--reader'],
};

/** How many words at the start are global options (`--lang en`, `--lang=en`), which may come before the verb. */
function leadingGlobals(argv: readonly string[]): number {
  let i = 0;
  while (i < argv.length) {
    if (argv[i]!.startsWith('--lang=')) i += 1;
    else if (argv[i] === '--lang' && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('-')) i += 2;
    else break;
  }
  return i;
}

export function parseArgs(line: readonly string[]): Command {
  // `cps-audit --lang en report --help` is `cps-audit report --lang en --help`.
  const g = leadingGlobals(line);
  const verbWord = line[g];
  const argv = g > 0 && verbWord !== undefined && !verbWord.startsWith('-') ? [verbWord, ...line.slice(0, g), ...line.slice(g + 1)] : line;
  if (argv[0] === 'simulate') return { kind: 'simulate', args: argv.slice(1) };
  let verb: Verb = 'run';
  let start = 0;
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-')) {
    const v = VERBS[first];
    if (v === undefined) return { kind: 'error', message: t('cli.unknownCommand', { command: maskDigits(first) }) };
    if (v === 'help') return { kind: 'help' };
    verb = v;
    start = 1;
  }
  let demo = false;
  let json = false;
  let realSpeed = false;
  let card: string | undefined;
  let reader: string | undefined;
  let trace: string | undefined;
  let lang: 'fr' | 'en' | undefined;
  let accessible = false;
  let noPin = false;
  let der = false;
  let out: string | undefined;
  let trustTestRoot: string | undefined;
  let noPinpad = false;
  let noJournal = false;
  let file: string | undefined;
  for (let i = start; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    if (name === '--lang') {
      const v = value();
      if (v !== 'fr' && v !== 'en') return { kind: 'error', message: t('cli.langValue') };
      lang = v;
      continue;
    }
    if (name === '--help' || name === '-h')
      return { kind: 'help', ...(lang !== undefined ? { lang } : {}), ...(verb !== 'run' ? { verb } : {}) };
    if (name === '--version' || name === '-V') return { kind: 'version' };
    if (name.startsWith('-') && OPTIONS.includes(name) && !ALLOWED[verb].includes(name)) {
      const message =
        verb === 'run' ? t('cli.optionNotWithScreen', { option: name }) : t('cli.optionNotWithCommand', { option: name, command: verb });
      return { kind: 'error', message };
    }
    switch (name) {
      case '--demo':
        demo = true;
        break;
      case '--accessible':
        accessible = true;
        break;
      case '--no-pinpad':
        noPinpad = true;
        break;
      case '--no-journal':
        noJournal = true;
        break;
      case '--json':
        json = true;
        break;
      case '--real-speed':
        realSpeed = true;
        break;
      case '--no-pin':
        noPin = true;
        break;
      case '--der':
        der = true;
        break;
      case '--out': {
        const v = value();
        if (!v) return { kind: 'error', message: t('cli.outValue') };
        out = v;
        break;
      }
      case '--trust-test-root': {
        const v = value();
        if (!v) return { kind: 'error', message: t('cli.trustValue') };
        trustTestRoot = v;
        break;
      }
      case '--card': {
        const v = value();
        if (!v) return { kind: 'error', message: t('cli.cardValue') };
        card = v;
        break;
      }
      case '--reader': {
        const v = value();
        if (!v) return { kind: 'error', message: t('cli.readerValue') };
        reader = v;
        break;
      }
      case '--trace': {
        const v = value();
        if (!v)
          return {
            kind: 'error',
            message: t('cli.traceValue'),
          };
        trace = v;
        break;
      }
      default:
        // bundle takes one file name (typed, so echoed only masked if ever refused).
        if (verb === 'bundle' && !arg.startsWith('-') && file === undefined) {
          file = arg;
          break;
        }
        // Something made of digits may be a code typed in the wrong place: never echo it.
        return {
          kind: 'error',
          message: arg.startsWith('-')
            ? t('cli.unknownOption', { option: maskDigits(arg) })
            : t('cli.unexpectedArgument', { argument: maskDigits(arg) }),
        };
    }
  }
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
  if (verb === 'test') return { kind: 'test', json, noPin, ...trust, ...where };
  if (verb === 'certs') {
    const { realSpeed: _speed, ...rest } = where;
    return { kind: 'certs', der, ...(out !== undefined ? { out } : {}), ...trust, ...rest };
  }
  if (verb === 'bundle') {
    const { realSpeed: _unused, ...rest } = where;
    void _unused;
    return { kind: 'bundle', ...rest, ...(file !== undefined ? { file } : {}) };
  }
  return {
    kind: 'run',
    ...where,
    ...(accessible ? { accessible: true as const } : {}),
    ...(noJournal ? { noJournal: true as const } : {}),
    ...(noPinpad ? { noPinpad: true as const } : {}),
  };
}
