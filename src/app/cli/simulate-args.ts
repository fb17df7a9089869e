// `cps-audit simulate`'s options, read by the command line's one reader (args.ts): the card, where
// vpcd listens, the state file, a quirk, the link's speed. Refusals in the catalogue's words, never
// echoing a run of digits.

import { maskDigits } from '../../view/mask.js';
import { FIXTURE_NAMES, isFixtureName } from '../../card/simulator/fixtures.js';
import { QUIRK_NAMES, isQuirkName, type QuirkName } from '../../card/simulator/quirks.js';
import { VPCD_PORT } from '../../card/vpcd/virtual-card.js';
import { t } from '../../i18n/index.js';
import { readArgs, type OptionTable } from './args.js';

export interface SimulateArgs {
  readonly card: string;
  readonly host: string;
  readonly port: number;
  readonly state?: string;
  readonly quirk?: QuirkName;
  /** --real-speed [--card-ms N]: each answer held for its bytes' time on the card's link, plus N ms. */
  readonly realSpeed?: { readonly cardMs: number };
}

export const SIMULATE_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  lang: { type: 'string' },
  card: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  state: { type: 'string' },
  quirk: { type: 'string' },
  'real-speed': { type: 'boolean' },
  'card-ms': { type: 'string' },
} as const satisfies OptionTable;

export type Parsed = { ok: true; args: SimulateArgs } | { ok: false; message: string } | { ok: 'help' };

export function parseSimulateArgs(line: readonly string[]): Parsed {
  let card = 'seed';
  let host = '127.0.0.1';
  let port = VPCD_PORT;
  let state: string | undefined;
  let quirk: QuirkName | undefined;
  let realSpeed = false;
  let cardMs: number | undefined;
  for (const arg of readArgs(line, SIMULATE_OPTIONS)) {
    // A word, an option of another verb, `--help=…`: unknown here.
    if (arg.kind === 'word' || !arg.known || (arg.name === 'help' && arg.inline)) {
      return { ok: false, message: t('sim.arg.unknown', { option: maskDigits(arg.kind === 'word' ? arg.value : arg.raw) }) };
    }
    const v = arg.value;
    switch (arg.name as keyof typeof SIMULATE_OPTIONS) {
      case 'help':
        return { ok: 'help' };
      case 'card':
        if (!v) return { ok: false, message: t('sim.arg.card') };
        card = v;
        break;
      case 'host':
        if (!v) return { ok: false, message: t('sim.arg.host') };
        host = v;
        break;
      case 'port': {
        const n = Number(v);
        if (!v || !Number.isInteger(n) || n < 1 || n > 65535)
          return { ok: false, message: t('sim.arg.port', { value: maskDigits(v ?? '') }) };
        port = n;
        break;
      }
      case 'state':
        if (!v) return { ok: false, message: t('sim.arg.state') };
        state = v;
        break;
      case 'real-speed':
        realSpeed = true;
        break;
      case 'lang':
        // The language is chosen by main() before anything else: only its value is checked here.
        if (v !== 'fr' && v !== 'en') return { ok: false, message: t('cli.langValue') };
        break;
      case 'card-ms': {
        const n = Number(v);
        if (!v || !Number.isFinite(n) || n < 0 || n > 10_000)
          return { ok: false, message: t('sim.arg.cardMs', { value: maskDigits(v ?? '') }) };
        cardMs = n;
        break;
      }
      case 'quirk':
        if (!v || !isQuirkName(v)) return { ok: false, message: t('sim.arg.quirk', { quirks: QUIRK_NAMES.join(', ') }) };
        quirk = v;
        break;
    }
  }
  if (!isFixtureName(card)) {
    return { ok: false, message: t('sim.arg.unknownCard', { card: maskDigits(card), cards: FIXTURE_NAMES.join(', ') }) };
  }
  if (cardMs !== undefined && !realSpeed) return { ok: false, message: t('sim.arg.cardMsAlone') };
  return {
    ok: true,
    args: {
      card,
      host,
      port,
      ...(state === undefined ? {} : { state }),
      ...(quirk === undefined ? {} : { quirk }),
      ...(realSpeed ? { realSpeed: { cardMs: cardMs ?? 0 } } : {}),
    },
  };
}
