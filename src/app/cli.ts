// The command line, parsed by hand: a handful of options, French messages, exit code 2 on misuse.
// Codes are never taken from the command line (they would end up in the shell's history and in
// the process list).

export type Command =
  | { readonly kind: 'run'; readonly demo: boolean; readonly card: string; readonly reader?: string }
  | { readonly kind: 'simulate'; readonly args: readonly string[] }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'error'; readonly message: string };

export const DEFAULT_DEMO_CARD = 'seed';

export function parseArgs(argv: readonly string[]): Command {
  if (argv[0] === 'simulate') return { kind: 'simulate', args: argv.slice(1) };
  let demo = false;
  let card: string | undefined;
  let reader: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    switch (name) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--version':
      case '-V':
        return { kind: 'version' };
      case '--demo':
        demo = true;
        break;
      case '--card': {
        const v = value();
        if (!v) return { kind: 'error', message: "l'option --card attend un nom de carte simulée (par exemple : --card seed)." };
        card = v;
        break;
      }
      case '--reader': {
        const v = value();
        if (!v) return { kind: 'error', message: "l'option --reader attend le nom (ou une partie du nom) d'un lecteur." };
        reader = v;
        break;
      }
      default: {
        // Something made of digits may be a code typed in the wrong place: never echo it.
        const shown = /\d{4}/.test(arg) ? '(masqué : contient des chiffres)' : arg;
        return { kind: 'error', message: arg.startsWith('-') ? `option inconnue : ${shown}` : `commande inconnue : ${shown}` };
      }
    }
  }
  if (card !== undefined && !demo) return { kind: 'error', message: "l'option --card ne s'emploie qu'avec --demo." };
  return { kind: 'run', demo, card: card ?? DEFAULT_DEMO_CARD, ...(reader !== undefined ? { reader } : {}) };
}
