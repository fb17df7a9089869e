// Every exit code of cps-audit, in one table: `report`, `diagnose`, the interactive tool and its
// exit line all take theirs from here; `--help` and the README print this table. Distinct codes,
// stable across versions (scripts on many workstations test them).

export type ExitName =
  | 'ok'
  | 'usage'
  | 'notTerminal'
  | 'pinBlocked'
  | 'cannotUnblock'
  | 'lastTry'
  | 'serviceUnavailable'
  | 'accessRefused'
  | 'bindingMissing'
  | 'noReader'
  | 'noCard'
  | 'cardInUse'
  | 'cardUnrecognised'
  | 'readFailed'
  | 'operationFailed'
  | 'mayHaveApplied'
  | 'nothingChanged'
  | 'stillRunning'
  | 'problemsFound'
  | 'fileError'
  | 'internal';

export interface ExitCodeRow {
  readonly name: ExitName;
  readonly code: number;
  /** French, a few words (the first screen of --help). */
  readonly short: string;
  /** French, short: what it means (--help, README). */
  readonly means: string;
}

export const EXIT_TABLE: readonly ExitCodeRow[] = [
  { name: 'ok', short: 'succès', code: 0, means: 'succès : carte lue, code porteur utilisable, opération réussie' },
  { name: 'usage', short: 'usage', code: 2, means: "erreur d'utilisation (option, commande ou carte simulée inconnue)" },
  { name: 'notTerminal', short: 'pas un terminal', code: 3, means: "l'écran interactif demande un terminal (utiliser « report »)" },
  { name: 'pinBlocked', short: 'porteur bloqué', code: 10, means: 'code porteur bloqué (déblocage possible)' },
  {
    name: 'cannotUnblock',
    short: 'déblocage impossible',
    code: 11,
    means: 'carte qui ne peut plus être débloquée (code de déblocage bloqué ou épuisé)',
  },
  { name: 'lastTry', short: 'dernier essai', code: 12, means: 'carte lue, mais un seul essai restant (code porteur ou de déblocage)' },
  { name: 'serviceUnavailable', short: 'pcscd absent', code: 20, means: 'service PC/SC (pcscd) arrêté ou injoignable' },
  { name: 'accessRefused', short: 'accès refusé', code: 21, means: 'accès refusé par pcscd (polkit, session SSH)' },
  { name: 'bindingMissing', short: 'module PC/SC absent', code: 22, means: 'bibliothèque PC/SC ou module pcsclite absent' },
  { name: 'noReader', short: 'aucun lecteur', code: 30, means: 'aucun lecteur (ou le lecteur demandé par --reader est absent)' },
  { name: 'noCard', short: 'aucune carte', code: 31, means: 'aucune carte dans le lecteur' },
  { name: 'cardInUse', short: 'carte occupée', code: 32, means: 'carte utilisée par un autre programme' },
  { name: 'cardUnrecognised', short: 'carte non reconnue', code: 33, means: 'carte non reconnue (pas une CPS prise en charge)' },
  { name: 'readFailed', short: 'lecture impossible', code: 34, means: 'lecture de la carte impossible ou inachevée' },
  { name: 'operationFailed', short: 'opération refusée', code: 40, means: 'dernière opération refusée : code erroné, essais restants' },
  { name: 'mayHaveApplied', short: 'a pu être appliquée', code: 41, means: 'dernière opération interrompue : a pu être appliquée ou non' },
  { name: 'nothingChanged', short: 'rien de modifié', code: 42, means: 'dernière opération interrompue : aucun code modifié' },
  { name: 'stillRunning', short: 'encore en cours', code: 43, means: "sortie alors qu'une opération était encore en cours" },
  { name: 'problemsFound', short: 'problèmes (diagnose)', code: 50, means: 'diagnose : au moins un problème trouvé' },
  { name: 'fileError', short: 'fichier impossible', code: 60, means: 'fichier de trace ou de rapport impossible à créer' },
  { name: 'internal', short: 'erreur interne', code: 70, means: 'erreur inattendue de l’outil' },
];

export const EXIT: Readonly<Record<ExitName, number>> = Object.fromEntries(EXIT_TABLE.map((r) => [r.name, r.code])) as Record<
  ExitName,
  number
>;

/** The table as lines of at most 80 columns, one code a line, for --help and the README. */
export function exitCodeLines(indent = '  '): string[] {
  return EXIT_TABLE.map((r) => `${indent}${String(r.code).padStart(2)}  ${r.means}`);
}

/** The table in three columns (7 lines), for the first screen of --help. */
export function exitCodeColumns(): string[] {
  const cells = EXIT_TABLE.map((r) => `${String(r.code).padStart(2)} ${r.short}`.padEnd(25));
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 3) rows.push(`  ${cells.slice(i, i + 3).join(' ')}`.trimEnd());
  return rows;
}

/**
 * When several cards give several codes (report on many readers), the one that needs a human
 * most wins: a card that cannot be unblocked before a blocked PIN, before a last try, etc.
 */
const SEVERITY: readonly ExitName[] = [
  'internal',
  'cannotUnblock',
  'mayHaveApplied',
  'stillRunning',
  'pinBlocked',
  'operationFailed',
  'lastTry',
  'readFailed',
  'cardUnrecognised',
  'cardInUse',
  'nothingChanged',
  'bindingMissing',
  'accessRefused',
  'serviceUnavailable',
  'noReader',
  'noCard',
  'fileError',
  'problemsFound',
  'notTerminal',
  'usage',
  'ok',
];

export function worstOf(names: readonly ExitName[]): ExitName {
  let best: ExitName = 'ok';
  for (const n of names) if (SEVERITY.indexOf(n) < SEVERITY.indexOf(best)) best = n;
  return best;
}
