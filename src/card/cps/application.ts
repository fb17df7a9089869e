// Finding the PKCS#15 application and its directory files: ODF (at the profile's path, else where
// EF.DIR says) → AODF/PrKDF/CDF/DODF; EF.DIR is checked after the first screen when not needed before.
// Only EF.DIR (2F00), ODF (5031) and TokenInfo (5032) are addressed by id (docs/card.md §2, §4 KNOWN);
// everything else is where the ODF says. Each file or entry that fails is a warning, not a stop.

import { fact, factOf, type CardFact } from '../fact.js';
import { equalBytes, fromHex, hex } from '../bytes.js';
import { ApduError, MalformedResponseError } from '../apdu/errors.js';
import { isTransportError } from '../transport/errors.js';
import { parseAodf, type AuthObject } from '../pkcs15/aodf.js';
import type { Entry } from '../pkcs15/asn1.js';
import { parseCdf, type CertificateEntry } from '../pkcs15/cdf.js';
import { parseEfDir } from '../pkcs15/dir.js';
import { parseDodf, type DataObjectEntry } from '../pkcs15/dodf.js';
import { parseOdf, type OdfEntry, type OdfKind } from '../pkcs15/odf.js';
import { parsePrkdf, type PrivateKey } from '../pkcs15/prkdf.js';
import { parseTokenInfo, type TokenInfo } from '../pkcs15/token-info.js';
import type { CardFiles } from './card-files.js';
import { absolutePath } from './card-files.js';
import { PIN_LABEL, PUK_LABEL } from './ours.js';
import type { CardProfile } from './profile.js';

const EF_DIR = fromHex('3F002F00');
const ODF_FID = fromHex('5031');
const TOKEN_INFO_FID = fromHex('5032');

export interface Application {
  readonly path: Uint8Array;
  readonly odf: readonly OdfEntry[];
  readonly warnings: CardFact[];
  /** EF.DIR was read to find it (else checkDirectory reads it, after the first screen). */
  readonly fromDirectory: boolean;
}

/** Anything but a transport failure becomes a reason (a fact); a transport failure propagates. */
export function reasonOf(e: unknown): CardFact {
  if (isTransportError(e)) throw e;
  if (e instanceof ApduError && e.sw === 0x6a82) return fact('card.file.absent');
  // A garbled answer (issue 18 point 6): in words, not its English developer message.
  if (e instanceof MalformedResponseError) {
    const m = e.malformation;
    const detail = m.reason === 'too-short' ? fact('card.apdu.tooShort', { n: m.n }) : fact('card.apdu.endlessChain');
    return fact('card.apdu.malformed', { step: e.step, detail });
  }
  return factOf(e);
}

/**
 * The application at the profile's path (docs/card.md §2, KNOWN) when its ODF reads there, with
 * EF.DIR left to checkDirectory; else where EF.DIR puts it, as readers do (§4).
 */
export async function findApplication(files: CardFiles, profile: CardProfile): Promise<Application> {
  try {
    const entries = parseOdf(await files.read(absolutePath(profile.applicationPath, ODF_FID)));
    const warnings: CardFact[] = [];
    const odf = okValues(entries, 'ODF', warnings);
    if (odf.length > 0) return { path: profile.applicationPath, odf, warnings, fromDirectory: false };
  } catch (e) {
    reasonOf(e); // a transport failure stops here; anything else: EF.DIR says where
  }
  const warnings: CardFact[] = [];
  let path = profile.applicationPath;
  try {
    const listed = await directoryPath(files, profile);
    if (listed) path = listed;
    else warnings.push(fact('card.dir.noApp', { aid: hex(profile.applicationAid, ''), path: hex(path, '') }));
  } catch (e) {
    warnings.push(fact('card.dir.unreadable', { reason: reasonOf(e), path: hex(path, '') }));
  }
  let odf: OdfEntry[] = [];
  try {
    const entries = parseOdf(await files.read(absolutePath(path, ODF_FID)));
    odf = okValues(entries, 'ODF', warnings);
  } catch (e) {
    warnings.push(fact('card.file.unreadable', { name: 'ODF', reason: reasonOf(e) }));
  }
  return { path, odf, warnings, fromDirectory: true };
}

/** Where EF.DIR puts the profile's application (undefined: EF.DIR does not list it with a path). */
async function directoryPath(files: CardFiles, profile: CardProfile): Promise<Uint8Array | undefined> {
  const apps = parseEfDir(await files.read(EF_DIR));
  const app = apps.find((a) => a.ok && equalBytes(a.value.aid, profile.applicationAid));
  return app?.ok ? app.value.path : undefined;
}

/** An application found at the profile's path: EF.DIR, read now, should say the same (each difference a warning). */
export async function checkDirectory(files: CardFiles, profile: CardProfile, app: Application): Promise<void> {
  if (app.fromDirectory) return;
  try {
    const listed = await directoryPath(files, profile);
    if (!listed) app.warnings.push(fact('card.dir.noApp', { aid: hex(profile.applicationAid, ''), path: hex(app.path, '') }));
    else if (!equalBytes(listed, app.path))
      app.warnings.push(
        fact('card.dir.elsewhere', { aid: hex(profile.applicationAid, ''), listed: hex(listed, ''), path: hex(app.path, '') }),
      );
  } catch (e) {
    app.warnings.push(fact('card.dir.unreadable', { reason: reasonOf(e), path: hex(app.path, '') }));
  }
}

export async function readTokenInfo(files: CardFiles, app: Application): Promise<TokenInfo | null> {
  try {
    return parseTokenInfo(await files.read(absolutePath(app.path, TOKEN_INFO_FID)));
  } catch (e) {
    app.warnings.push(fact('card.file.unreadable', { name: 'TokenInfo', reason: reasonOf(e) }));
    return null;
  }
}

/** Reads every directory file of one kind the ODF lists, returning all entries (good and bad). */
async function readDirectory<T>(
  files: CardFiles,
  app: Application,
  kind: OdfKind,
  parse: (b: Uint8Array) => Entry<T>[],
  name: string,
): Promise<Entry<T>[]> {
  const out: Entry<T>[] = [];
  for (const e of app.odf.filter((o) => o.kind === kind)) {
    try {
      const bytes = await files.read(absolutePath(app.path, e.path.path), e.path);
      out.push(...parse(bytes));
    } catch (err) {
      app.warnings.push(fact('card.file.unreadable', { name, reason: reasonOf(err) }));
    }
  }
  return out;
}

function okValues<T>(entries: readonly Entry<T>[], name: string, warnings: CardFact[]): T[] {
  const values: T[] = [];
  for (const e of entries) {
    if (e.ok) values.push(e.value);
    else warnings.push(fact('card.entry.unreadable', { name, n: e.index + 1, reason: e.reason }));
  }
  return values;
}

export interface Codes {
  readonly pin?: AuthObject;
  readonly puk?: AuthObject;
}

export async function readCodesObjects(files: CardFiles, app: Application): Promise<Codes> {
  const auth = okValues(await readDirectory(files, app, 'authObjects', parseAodf, 'AODF'), 'AODF', app.warnings);
  return pickCodes(auth);
}

/**
 * The PIN is the entry labelled as the card's holder code (KNOWN), else the first that is
 * neither an unblocking nor an SO PIN. Its CommonObjectAttributes authId names its PUK, as both
 * the Cryptolib and OpenSC read it; else the unblocking PIN, else the OURS label.
 */
export function pickCodes(auth: readonly AuthObject[]): Codes {
  const pin =
    auth.find((a) => a.common.label === PIN_LABEL) ??
    auth.find((a) => !a.pin.flags.has('unblockingPin') && !a.pin.flags.has('soPin')) ??
    undefined;
  const named = pin?.common.authId;
  const puk =
    (named ? auth.find((a) => a !== pin && equalBytes(a.authId, named)) : undefined) ??
    auth.find((a) => a !== pin && a.pin.flags.has('unblockingPin')) ??
    auth.find((a) => a !== pin && a.common.label === PUK_LABEL);
  return { ...(pin ? { pin } : {}), ...(puk ? { puk } : {}) };
}

export async function readPrivateKeys(files: CardFiles, app: Application): Promise<PrivateKey[]> {
  return okValues(await readDirectory(files, app, 'privateKeys', parsePrkdf, 'PrKDF'), 'PrKDF', app.warnings);
}

/** CDF entries, bad ones kept so that each is reported alone. */
export async function readCertificateEntries(files: CardFiles, app: Application): Promise<Entry<CertificateEntry>[]> {
  return readDirectory(files, app, 'certificates', parseCdf, 'CDF');
}

export async function readDataObjectEntries(files: CardFiles, app: Application): Promise<DataObjectEntry[]> {
  return okValues(await readDirectory(files, app, 'dataObjects', parseDodf, 'DODF'), 'DODF', app.warnings);
}
