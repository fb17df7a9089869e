// Every PC/SC return code the tool can meet, mapped to a TransportError kind and a French
// message with a remedy, in one table. The node binding reports failures as Error objects whose
// message ends with the code, e.g. "SCardConnect error: Card was removed.(0x80100069)".

import { TransportError, type TransportErrorKind } from './errors.js';

export const SCARD = {
  F_INTERNAL_ERROR: 0x80100001,
  E_CANCELLED: 0x80100002,
  E_INVALID_HANDLE: 0x80100003,
  E_INVALID_PARAMETER: 0x80100004,
  E_NO_MEMORY: 0x80100006,
  E_INSUFFICIENT_BUFFER: 0x80100008,
  E_UNKNOWN_READER: 0x80100009,
  E_TIMEOUT: 0x8010000a,
  E_SHARING_VIOLATION: 0x8010000b,
  E_NO_SMARTCARD: 0x8010000c,
  E_PROTO_MISMATCH: 0x8010000f,
  E_NOT_READY: 0x80100010,
  E_NOT_TRANSACTED: 0x80100016,
  E_SYSTEM_CANCELLED: 0x80100012,
  F_COMM_ERROR: 0x80100013,
  F_UNKNOWN_ERROR: 0x80100014,
  E_READER_UNAVAILABLE: 0x80100017,
  P_SHUTDOWN: 0x80100018,
  E_CARD_UNSUPPORTED: 0x8010001c,
  E_NO_SERVICE: 0x8010001d,
  E_SERVICE_STOPPED: 0x8010001e,
  E_UNEXPECTED: 0x8010001f,
  E_NO_ACCESS: 0x80100027,
  E_NO_READERS_AVAILABLE: 0x8010002e,
  E_COMM_DATA_LOST: 0x8010002f,
  E_SERVER_TOO_BUSY: 0x80100031,
  W_UNSUPPORTED_CARD: 0x80100065,
  W_UNRESPONSIVE_CARD: 0x80100066,
  W_UNPOWERED_CARD: 0x80100067,
  W_RESET_CARD: 0x80100068,
  W_REMOVED_CARD: 0x80100069,
  W_SECURITY_VIOLATION: 0x8010006a,
} as const;

const START_PCSCD =
  'Démarrez-le : sudo systemctl start pcscd (ou, sans systemd : sudo pcscd). ' +
  'S’il n’est pas installé : sudo apt-get install pcscd libpcsclite1';
const SERVICE_DOWN = `Le service PC/SC (pcscd) n’est pas démarré ou ne répond pas. ${START_PCSCD}`;
const ACCESS =
  'Le service PC/SC (pcscd) refuse l’accès au lecteur pour cet utilisateur (règle polkit, ' +
  'fréquent en session SSH). Demandez à l’administrateur d’autoriser les actions ' +
  'org.debian.pcsc-lite.access_pcsc et access_card pour votre compte.';
const REMOVED = 'La carte a été retirée ou n’est pas insérée. Insérez la carte CPS dans le lecteur.';
const INTERRUPTED = 'La communication avec la carte a été interrompue (carte retirée ou mal insérée). Retirez la carte, puis réinsérez-la.';
const IN_USE =
  'La carte est utilisée par un autre programme. Fermez les autres logiciels de carte ' +
  '(navigateur, logiciel métier, lecteur Sesam-Vitale), puis réessayez.';
const UNRESPONSIVE = 'La carte ne répond pas. Retirez-la, vérifiez son sens d’insertion et la propreté de la puce, puis réinsérez-la.';
const READER_GONE = 'Le lecteur a été débranché ou n’est plus disponible. Rebranchez-le, puis réessayez.';
const NO_READER = 'Aucun lecteur de carte n’est branché, ou le lecteur demandé est absent. Branchez le lecteur.';

interface Entry {
  readonly kind: TransportErrorKind;
  readonly message: string;
}

const TABLE: ReadonlyMap<number, Entry> = new Map<number, Entry>([
  [SCARD.E_NO_SERVICE, { kind: 'service-unavailable', message: SERVICE_DOWN }],
  [SCARD.E_SERVICE_STOPPED, { kind: 'service-unavailable', message: SERVICE_DOWN }],
  [SCARD.F_COMM_ERROR, { kind: 'service-unavailable', message: SERVICE_DOWN }],
  [SCARD.E_INVALID_HANDLE, { kind: 'service-unavailable', message: SERVICE_DOWN }],
  [SCARD.P_SHUTDOWN, { kind: 'service-unavailable', message: SERVICE_DOWN }],
  [SCARD.E_SYSTEM_CANCELLED, { kind: 'service-unavailable', message: SERVICE_DOWN }],
  [SCARD.E_SERVER_TOO_BUSY, { kind: 'service-unavailable', message: `Le service PC/SC (pcscd) est surchargé. Réessayez dans un instant.` }],
  [SCARD.E_NO_ACCESS, { kind: 'access-refused', message: ACCESS }],
  [SCARD.W_SECURITY_VIOLATION, { kind: 'access-refused', message: ACCESS }],
  [SCARD.E_NO_READERS_AVAILABLE, { kind: 'no-reader', message: NO_READER }],
  [SCARD.E_UNKNOWN_READER, { kind: 'no-reader', message: NO_READER }],
  [SCARD.E_READER_UNAVAILABLE, { kind: 'reader-removed', message: READER_GONE }],
  [SCARD.E_NOT_READY, { kind: 'reader-removed', message: READER_GONE }],
  [SCARD.W_REMOVED_CARD, { kind: 'card-removed', message: REMOVED }],
  [SCARD.E_NO_SMARTCARD, { kind: 'card-removed', message: REMOVED }],
  [SCARD.W_UNPOWERED_CARD, { kind: 'card-removed', message: REMOVED }],
  [SCARD.E_SHARING_VIOLATION, { kind: 'card-in-use', message: IN_USE }],
  // Another program reset the card under us (only possible in shared mode): same remedy.
  [SCARD.W_RESET_CARD, { kind: 'card-in-use', message: IN_USE }],
  [SCARD.E_TIMEOUT, { kind: 'timeout', message: 'Le lecteur n’a pas répondu à temps. Retirez puis réinsérez la carte, et réessayez.' }],
  [SCARD.W_UNRESPONSIVE_CARD, { kind: 'card-unresponsive', message: UNRESPONSIVE }],
  [SCARD.W_UNSUPPORTED_CARD, { kind: 'card-unresponsive', message: UNRESPONSIVE }],
  [SCARD.E_PROTO_MISMATCH, { kind: 'card-unresponsive', message: UNRESPONSIVE }],
  [SCARD.E_CARD_UNSUPPORTED, { kind: 'card-unresponsive', message: UNRESPONSIVE }],
  [SCARD.E_COMM_DATA_LOST, { kind: 'card-unresponsive', message: UNRESPONSIVE }],
  // The reader driver lost the exchange (pcsc-lite's IFD_COMMUNICATION_ERROR), which is what a
  // card pulled in the middle of an APDU gives (vpcd, and CCID readers too). Reported as a
  // removal so that the card layer tells the honest "the change may or may not have applied".
  [SCARD.E_NOT_TRANSACTED, { kind: 'card-removed', message: INTERRUPTED }],
]);

/** The PC/SC code carried by a binding error ("…(0x80100069)"), if any. */
export function pcscCode(error: unknown): number | undefined {
  const text = error instanceof Error ? error.message : String(error);
  const m = /\(0x([0-9a-fA-F]{1,8})\)\s*$/.exec(text) ?? /0x(8010[0-9a-fA-F]{4})/.exec(text);
  return m?.[1] === undefined ? undefined : parseInt(m[1], 16);
}

export function fromPcscCode(code: number): TransportError {
  const entry = TABLE.get(code);
  const hexCode = `0x${code.toString(16).toUpperCase().padStart(8, '0')}`;
  if (entry) return new TransportError(entry.kind, entry.message, code);
  return new TransportError(
    'unknown',
    `Erreur PC/SC inattendue (${hexCode}). Retirez et réinsérez la carte ; si l’erreur persiste, redémarrez le service pcscd.`,
    code,
  );
}

/** Any failure from the binding, as a TransportError (already-mapped errors pass through). */
export function toTransportError(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const code = pcscCode(error);
  if (code !== undefined) return fromPcscCode(code);
  const text = error instanceof Error ? error.message : String(error);
  if (/not connected/i.test(text)) return new TransportError('card-removed', REMOVED);
  return new TransportError('unknown', `Erreur PC/SC inattendue : ${text}. Retirez et réinsérez la carte, puis réessayez.`);
}

/** The exchange with the card broke off: treated as a removal (the card may have run the command). */
export function interrupted(): TransportError {
  return new TransportError('card-removed', INTERRUPTED, SCARD.E_NOT_TRANSACTED);
}

/**
 * What fixes a missing libpcsclite or pcsclite module: the module is native, built at install
 * time only where libpcsclite-dev and a compiler were there, so it must be built again.
 */
export const PCSC_INSTALL_REMEDY =
  'Installez-les : sudo apt-get install pcscd libpcsclite1 libpcsclite-dev python3 make g++, ' +
  'reconstruisez l’outil (bash scripts/install.sh), puis démarrez le service : sudo systemctl start pcscd.';

/** The binding or libpcsclite is missing: what to install. */
export function bindingMissingError(detail: string): TransportError {
  return new TransportError(
    'service-unavailable',
    `La bibliothèque PC/SC (libpcsclite) ou son module Node (pcsclite) est absent. ${PCSC_INSTALL_REMEDY} (Détail : ${detail})`,
  );
}
