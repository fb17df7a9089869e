// The one reader of the command line's words, for the tool's verbs (command-line.ts) and for
// `simulate` (simulate-args.ts): node:util's parseArgs splits them into options and words, in the
// order typed; each table says what its options mean and which words it refuses, in the catalogue's
// words. An option's value is never echoed unmasked (a run of digits may be a code typed in the
// wrong place): a refusal names `raw`, the word as typed, through maskDigits.

import { parseArgs } from 'node:util';

export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  /** One letter after a single dash (`-h`), never grouped with another. */
  readonly short?: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** One word of the line, as read: an option of the table (or not), or a word that is not an option. */
export type Arg =
  | {
      readonly kind: 'option';
      /** The option's name without its dashes (`card`); for an option the table does not know, `raw`. */
      readonly name: string;
      /** `--card`, `-h`: as typed, without `=value`. */
      readonly flag: string;
      /** The whole word as typed (`--pin=1234`, `-hx`): what a refusal names, masked. */
      readonly raw: string;
      /** False for an option the table does not know, a group of short options, `-` and `--`. */
      readonly known: boolean;
      /** A string option's value: after `=`, else the next word (whatever it is), else undefined. */
      readonly value?: string;
      /** The value was given after `=` in the same word. */
      readonly inline: boolean;
      /** Where the word stands on the line (0 for the first). */
      readonly index: number;
    }
  | { readonly kind: 'word'; readonly value: string; readonly index: number };

/**
 * The line's words against `options`, in order. Nothing is refused here: an unknown option, a
 * missing value or a stray word is for the caller to word, at its place on the line.
 */
export function readArgs(line: readonly string[], options: OptionTable): Arg[] {
  const { tokens } = parseArgs({ args: [...line], options, strict: false, allowPositionals: true, tokens: true });
  const out: Arg[] = [];
  let last = -1;
  for (const token of tokens) {
    // A group of short options (`-hx`) gives one token per letter, all at the word's index: one refusal.
    if (token.index === last) continue;
    last = token.index;
    const raw = line[token.index]!;
    if (token.kind === 'positional') {
      // `-` alone is no word of ours: refused as an unknown option, as any other dash.
      if (raw.startsWith('-')) out.push({ kind: 'option', name: raw, flag: raw, raw, known: false, inline: false, index: token.index });
      else out.push({ kind: 'word', value: token.value, index: token.index });
      continue;
    }
    if (token.kind === 'option-terminator') {
      out.push({ kind: 'option', name: raw, flag: raw, raw, known: false, inline: false, index: token.index });
      continue;
    }
    const known = Object.hasOwn(options, token.name) && (raw === token.rawName || raw.startsWith(`${token.rawName}=`));
    const spec = known ? options[token.name] : undefined;
    out.push({
      kind: 'option',
      name: known ? token.name : raw,
      flag: known ? token.rawName : raw,
      raw,
      known,
      ...(spec?.type === 'string' && token.value !== undefined ? { value: token.value } : {}),
      inline: token.inlineValue === true,
      index: token.index,
    });
  }
  return out;
}

/**
 * The value of `--lang` as typed anywhere on the line, even where the line is refused, so that the
 * refusal is in the language asked for. Only `--lang` is read: no other option takes the word after it.
 */
export function langOf(line: readonly string[]): string | undefined {
  for (const arg of readArgs(line, { lang: { type: 'string' } })) if (arg.kind === 'option' && arg.name === 'lang') return arg.value;
  return undefined;
}
