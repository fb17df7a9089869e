// One connection's worth of talking to a CPS, with verbs named for what the user wants.
// Status words stop here: callers get a CardReport, counters, or a CpsError.
// The card generation's differences (channel, sequences) come from its CardProfile.

import { ApduError, MalformedResponseError } from '../apdu/errors.js';
import { ApduProtocol } from '../apdu/protocol.js';
import type { TraceEntry } from '../apdu/trace.js';
import type { CardConnection } from '../transport/transport.js';
import { SW, triesLeftFromSw } from '../apdu/status-words.js';
import { fromHex } from '../bytes.js';
import type { AuthObject } from '../pkcs15/aodf.js';
import { parseCertificate, type ParsedCertificate } from '../pkcs15/certificate.js';
import type { DataObjectEntry } from '../pkcs15/dodf.js';
import type { PrivateKey } from '../pkcs15/prkdf.js';
import { isTransportError } from '../transport/errors.js';
import {
  findApplication,
  readCertificateEntries,
  readCodesObjects,
  readDataObjectEntries,
  readPrivateKeys,
  readTokenInfo,
  reasonOf,
  type Application,
  type Codes,
} from './application.js';
import { CardFiles, absolutePath } from './card-files.js';
import { assertValidCode } from './codes.js';
import { emptyVerifyCommand, getDataCountersCommand, parseCountersResponse, triesFromEmptyVerify } from './counters.js';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  NotSupportedError,
  PukExhaustedError,
  UnexpectedCardResponseError,
  WrongCodeError,
  type CodeName,
  type CpsError,
} from './errors.js';
import { parseActivity, parseIdCard, parseInfoPs, parseNamePs, undecodedActivity, UnknownLayoutError, type IdCard } from './holder-data.js';
import { parseLastUpdate } from './last-update.js';
import { buildHolder } from './holder.js';
import { identifyCard, unsupportedReason } from './identify.js';
import { DATA_OBJECT_LABELS, KEY_LABELS } from './ours.js';
import { buildPinBlock, PinFormatError } from './pin-block.js';
import { profileFor, type CardProfile } from './profile.js';
import type { CardIdentity, CardReport, CertificateInfo, CertificateUse, CodeStatus, LastUpdate, PracticeSituation, Readable, ReportSection, UndecodedObject } from './report.js';
import { parseSnIcc } from './sn-icc.js';
import { CommandChannel } from './recovery.js';
import { cps4Change, cps4Unblock, type Cps4PinContext } from './cps4-pin.js';
import type { Response } from '../apdu/protocol.js';

const EF_SN_ICC = fromHex('3F00D003');
/** EF_ACTUA, the date of the card's last update (absent, 6A 82, until the first one). */
const EF_ACTUA = fromHex('3F00D010');
const PIN_NEEDED = 'code porteur nécessaire';

/** Sends a command that writes; see whileWriting. */
type Write = (send: () => Promise<Response>, staysChanged?: boolean) => Promise<Response>;

export interface CodesStatus {
  readonly pin: CodeStatus;
  readonly puk: CodeStatus;
}

export class CpsSession {
  readonly identity: CardIdentity;
  private readonly profile: CardProfile | null;
  private readonly files: CardFiles;
  private readonly protocol: CommandChannel;
  private readonly reader: string;
  private prepared = false;
  private app: Application | null = null;
  private codes: Codes | null = null;
  /** A code went to the card: the connection must be released with a reset. */
  private presented = false;

  constructor(connection: CardConnection, options: { readonly onTrace?: (e: TraceEntry) => void } = {}) {
    this.reader = connection.reader;
    this.identity = identifyCard(connection.atr);
    this.profile = profileFor(this.identity.model);
    // The profile decides the logical channel of every command, GET RESPONSE included.
    const protocol = new ApduProtocol(connection, { channel: this.profile?.channel ?? 0, ...(options.onTrace ? { onTrace: options.onTrace } : {}) });
    this.protocol = new CommandChannel(protocol, this.profile?.recovery ?? null);
    this.files = new CardFiles(this.protocol);
  }

  /** APDUs exchanged on this connection so far. */
  get apduCount(): number {
    return this.protocol.apduCount;
  }

  /** true once a VERIFY, CHANGE or RESET RETRY COUNTER carrying a code has been sent. */
  get codePresented(): boolean {
    return this.presented;
  }

  // ——— Reading ———

  async readAll(): Promise<CardReport> {
    const profile = this.profile;
    if (!profile || !this.identity.supported) return unsupportedReport(this.reader, this.identity);
    return inCardTerms(() => this.readReport(profile));
  }

  private async readReport(profile: CardProfile): Promise<CardReport> {
    await this.prepare();
    const warnings: string[] = [];

    const sn = await this.readField(EF_SN_ICC, parseSnIcc);
    const snFailure = !sn.ok ? `EF.SN.ICC illisible (${sn.reason})` : !sn.value.ok ? sn.value.reason : '';
    const serial: Readable<string> = sn.ok && sn.value.ok ? { ok: true, value: sn.value.serial } : { ok: false, reason: snFailure };
    const issuer: Readable<string> = sn.ok && sn.value.ok ? { ok: true, value: sn.value.issuer } : { ok: false, reason: snFailure };
    const lastUpdate = await this.readLastUpdate(warnings);

    const app = await this.application();
    const token = await readTokenInfo(this.files, app);
    if (token?.label !== undefined && !token.label.includes(profile.model.slice(0, 4))) {
      warnings.push(`Le libellé de la carte (« ${token.label} ») ne correspond pas au modèle ${profile.model}.`);
    }
    let counters: CodesStatus = { pin: unknownStatus(), puk: { ...unknownStatus(), unblocksLeft: null } };
    if (this.identity.hasPin) {
      try {
        counters = await this.counters();
      } catch (e) {
        warnings.push(`Compteurs d’essais illisibles (${reasonOf(e)}).`);
      }
    }

    const objects = await readDataObjectEntries(this.files, app);
    const undecoded: UndecodedObject[] = [];
    const idCard = await this.readObject(objects, DATA_OBJECT_LABELS.idCard, parseIdCard, { section: 'carte', into: undecoded });
    const name = await this.readObject(objects, DATA_OBJECT_LABELS.name, parseNamePs, { section: 'porteur', into: undecoded });
    const info = await this.readObject(objects, DATA_OBJECT_LABELS.info, parseInfoPs, { section: 'porteur', into: undecoded });
    // An object in an unknown layout is listed once in `undecoded`, not warned about as well.
    const undecodedLabels = new Set(undecoded.map((u) => u.label));
    for (const [o, label] of [[idCard, DATA_OBJECT_LABELS.idCard], [name, DATA_OBJECT_LABELS.name], [info, DATA_OBJECT_LABELS.info]] as const) {
      if (!o.ok && !undecodedLabels.has(label)) warnings.push(o.reason);
    }

    const keys = await readPrivateKeys(this.files, app);
    const certificates = await this.readCertificates(keys);
    const authEntry = certificates.find((c) => c.info.ok && c.info.value.use === 'authentification' && c.parsed) ?? certificates.find((c) => c.parsed);
    const auth = authEntry?.parsed ?? null;
    const authUse: CertificateUse = authEntry?.info.ok ? authEntry.info.value.use : 'inconnu';
    const holder = buildHolder(name, info, auth, warnings, authUse);

    const id = <K extends keyof IdCard>(key: K): IdCard[K] => (idCard.ok ? idCard.value[key] : ({ ok: false, reason: idCard.reason } as IdCard[K]));
    return {
      reader: this.reader,
      identity: this.identity,
      serial,
      issuer,
      category: id('category'),
      cardType: id('cardType'),
      logicalId: id('logicalId'),
      validFrom: id('validFrom'),
      validTo: id('validTo'),
      holder,
      pin: counters.pin,
      puk: counters.puk,
      certificates: certificates.map((c) => c.info),
      undecoded,
      ...(lastUpdate ? { lastUpdate } : {}),
      warnings: [...app.warnings, ...warnings],
    };
  }

  /** EF_ACTUA when the card has one; a card never updated answers 6A 82 and shows nothing. */
  private async readLastUpdate(warnings: string[]): Promise<LastUpdate | undefined> {
    try {
      return parseLastUpdate(await this.files.read(EF_ACTUA));
    } catch (e) {
      if (e instanceof ApduError && e.sw === SW.FILE_NOT_FOUND) return undefined;
      warnings.push(`Date de mise à jour de la carte (EF_ACTUA) illisible (${reasonOf(e)}).`);
      return undefined;
    }
  }

  /** PIN and PUK counters, spending no try. */
  async readCodes(): Promise<CodesStatus> {
    this.requirePin();
    return inCardTerms(async () => {
      await this.prepare();
      return this.counters();
    });
  }

  // ——— Codes ———

  /** Presents the PIN. WrongCodeError(pin, left) / CodeBlockedError(pin). */
  async verifyPin(pin: string): Promise<void> {
    assertValidCode('pin', pin);
    this.requirePinSequences();
    await inCardTerms(async () => {
      await this.prepare();
      const codes = await this.codeObjects();
      await this.presentCode('pin', this.pinRef(codes), buildBlock(pin, codes.pin), 'VERIFY PIN');
    });
  }

  /** Presents the PIN then reads every practice situation (CPS_ACTIVITY_nn_PS). */
  async readSituations(pin: string): Promise<Readable<PracticeSituation>[]> {
    await this.verifyPin(pin);
    const app = await this.application();
    const objects = await readDataObjectEntries(this.files, app);
    const activities = objects
      .map((o) => ({ o, m: DATA_OBJECT_LABELS.activity.exec(o.common.label ?? '') }))
      .filter((x) => x.m)
      .sort((a, b) => Number(a.m![1]) - Number(b.m![1]));
    const out: Readable<PracticeSituation>[] = [];
    for (const { o } of activities) {
      let r = await this.readActivity(o);
      if (!r.ok && r.reason.endsWith(PIN_NEEDED) && this.protocol.recoveries > 0) {
        // The applet was reselected (CPS4) and forgot the PIN: present it again (the card just
        // accepted it, so this costs no try), then read once more.
        await this.verifyPin(pin);
        r = await this.readActivity(o);
      }
      out.push(r.ok ? { ok: true, value: r.value, source: 'data' } : r);
    }
    return out;
  }

  /**
   * VERIFY the PUK (ref 02), then RESET RETRY COUNTER P1=02 on the PIN (new PIN only).
   * A blocked or exhausted PUK is refused before any try is spent.
   */
  async unblockPin(puk: string, newPin: string): Promise<void> {
    assertValidCode('puk', puk);
    assertValidCode('pin', newPin);
    this.requirePinSequences();
    await this.whileWriting(async (write) => {
      await this.prepare();
      const codes = await this.codeObjects();
      const pukBlock = buildBlock(puk, codes.puk);
      const pinBlock = buildBlock(newPin, codes.pin);
      const status = await this.counters();
      if (status.puk.triesLeft === 0) throw new CodeBlockedError('puk');
      if (status.puk.unblocksLeft === 0) throw new PukExhaustedError();
      if (this.profile?.pinSequences === 'cps4') return cps4Unblock(this.cps4Context(codes, write), pukBlock, pinBlock);
      await this.presentCode('puk', this.pukRef(codes), pukBlock, 'VERIFY PUK');
      const r = await write(() => this.protocol.transmit({ cla: 0, ins: 0x2c, p1: 0x02, p2: this.pinRef(codes), data: pinBlock }, 'RESET RETRY COUNTER'));
      if (r.sw === SW.OK) return;
      if (r.sw === SW.REFERENCE_DATA_INVALIDATED) throw new PukExhaustedError();
      if (r.sw === SW.AUTH_METHOD_BLOCKED) throw new CodeBlockedError('puk');
      throw new UnexpectedCardResponseError('RESET RETRY COUNTER', r.sw);
    });
  }

  /** CHANGE REFERENCE DATA 00 24 00 01 <old><new>. */
  async changePin(currentPin: string, newPin: string): Promise<void> {
    assertValidCode('pin', currentPin);
    assertValidCode('pin', newPin);
    this.requirePinSequences();
    await this.whileWriting(async (write) => {
      await this.prepare();
      const codes = await this.codeObjects();
      const oldBlock = buildBlock(currentPin, codes.pin);
      const newBlock = buildBlock(newPin, codes.pin);
      if (this.profile?.pinSequences === 'cps4') return cps4Change(this.cps4Context(codes, write), oldBlock, newBlock);
      const data = new Uint8Array(oldBlock.length + newBlock.length);
      data.set(oldBlock, 0);
      data.set(newBlock, oldBlock.length);
      this.presented = true;
      const r = await write(() => this.protocol.transmit({ cla: 0, ins: 0x24, p1: 0x00, p2: this.pinRef(codes), data }, 'CHANGE REFERENCE DATA'));
      if (r.sw !== SW.OK) throw codeFailure('pin', r.sw, 'CHANGE REFERENCE DATA');
    });
  }

  // ——— Inside ———

  private requirePin(): void {
    if (!this.profile || !this.identity.supported) throw new NotSupportedError(unsupportedReason(this.identity));
    if (!this.identity.hasPin) throw new NotSupportedError('la partie sans contact de la carte n’a pas de code porteur : insérez la carte dans un lecteur à contact');
  }

  private requirePinSequences(): void {
    this.requirePin();
    if (this.profile?.pinSequences !== 'cps3' && this.profile?.pinSequences !== 'cps4') {
      throw new NotSupportedError(`${this.identity.model} : cette opération sur le code n’est pas encore prise en charge par cet outil`);
    }
  }

  private async prepare(): Promise<void> {
    if (this.prepared || !this.profile) return;
    for (const c of this.profile.prepare) await this.protocol.send(c, 'sélection de l’application');
    this.prepared = true;
  }

  private async application(): Promise<Application> {
    this.app ??= await findApplication(this.files, this.profile!);
    return this.app;
  }

  private async codeObjects(): Promise<Codes> {
    if (!this.codes) this.codes = await readCodesObjects(this.files, await this.application());
    return this.codes;
  }

  private pinRef(codes: Codes): number {
    return codes.pin?.pin.reference ?? this.profile!.references.pin;
  }

  private pukRef(codes: Codes): number {
    return codes.puk?.pin.reference ?? this.profile!.references.puk;
  }

  private async counters(): Promise<CodesStatus> {
    const codes = await this.codeObjects();
    const pin = await this.counter(this.pinRef(codes), this.profile!.maxTries.pin);
    const puk = await this.counter(this.pukRef(codes), this.profile!.maxTries.puk);
    return {
      pin: { triesLeft: pin.triesLeft, maxTries: pin.maxTries },
      puk: { triesLeft: puk.triesLeft, maxTries: puk.maxTries, unblocksLeft: puk.usagesLeft ?? null },
    };
  }

  private async counter(ref: number, knownMax: number | null): Promise<{ triesLeft: number | null; maxTries: number | null; usagesLeft?: number }> {
    if (this.profile!.counters === 'get-data') {
      try {
        await this.files.selectMf();
        const r = await this.protocol.transmit(getDataCountersCommand(ref), 'GET DATA compteurs');
        if (r.sw === SW.OK) {
          const c = parseCountersResponse(r.data, ref);
          return { triesLeft: c.triesLeft, maxTries: c.maxTries ?? knownMax, ...(c.usagesLeft !== undefined ? { usagesLeft: c.usagesLeft } : {}) };
        }
      } catch (e) {
        if (isTransportError(e)) throw e;
        // Fall back to the empty VERIFY below.
      }
    }
    const r = await this.protocol.transmit(emptyVerifyCommand(ref), 'VERIFY (compteur)');
    // 69 84, reference data invalidated: a PUK with no unblock left (docs/card.md §3), its tries unknown.
    if (r.sw === SW.REFERENCE_DATA_INVALIDATED) return { triesLeft: null, maxTries: knownMax, usagesLeft: 0 };
    const t = triesFromEmptyVerify(r.sw);
    return { triesLeft: t === 'verified' ? knownMax : t, maxTries: knownMax };
  }

  /** VERIFY ref <block>: 9000 or a CpsError. */
  private cps4Context(codes: Codes, write: Write): Cps4PinContext {
    return {
      channel: this.protocol,
      pinRef: this.pinRef(codes),
      pukRef: this.pukRef(codes),
      present: (code, ref, block, step) => this.presentCode(code, ref, block, step),
      write,
    };
  }

  private async presentCode(code: CodeName, ref: number, block: Uint8Array, step: string): Promise<void> {
    this.presented = true;
    const r = await this.protocol.transmit({ cla: 0, ins: 0x20, p1: 0x00, p2: ref, data: block }, step);
    if (r.sw !== SW.OK) throw codeFailure(code, r.sw, step);
  }

  /**
   * Runs a code operation. A card removed during it becomes CardRemovedDuringOperationError,
   * with mayHaveApplied true only when the writing command was sent and its answer never came
   * (or, CPS4 unblock, once its RESET RETRY COUNTER passed: the PIN's tries are back, the new
   * PIN not yet written).
   */
  private async whileWriting(op: (write: Write) => Promise<void>): Promise<void> {
    let inFlight = false;
    // A CPS4 unblock's RESET RETRY COUNTER changes the card by itself: what follows may not come.
    let changed = false;
    const write: Write = async (send, staysChanged = false) => {
      inFlight = true;
      const r = await send();
      inFlight = false;
      if (staysChanged && r.sw === SW.OK) changed = true;
      return r;
    };
    try {
      await inCardTerms(() => op(write));
    } catch (e) {
      if (isTransportError(e, 'card-removed') || isTransportError(e, 'reader-removed')) throw new CardRemovedDuringOperationError(inFlight || changed);
      throw e;
    }
  }

  private async readField<T>(path: Uint8Array, parse: (b: Uint8Array) => T): Promise<Readable<T>> {
    try {
      return { ok: true, value: parse(await this.files.read(path)) };
    } catch (e) {
      return { ok: false, reason: reasonOf(e) };
    }
  }

  private async readObject<T>(
    objects: readonly DataObjectEntry[],
    label: string,
    parse: (b: Uint8Array) => T,
    undecoded?: { readonly section: ReportSection; readonly into: UndecodedObject[] },
  ): Promise<Readable<T>> {
    const o = objects.find((x) => x.common.label === label);
    if (!o) return { ok: false, reason: `${label} absent de la carte` };
    return this.readObjectEntry(o, parse, undecoded);
  }

  /**
   * One data object. In a layout this tool does not know, its reason is "LABEL : format non
   * publié" and, with `undecoded`, it is listed there once with its generic view.
   */
  private async readObjectEntry<T>(
    o: DataObjectEntry,
    parse: (b: Uint8Array, label: string) => T,
    undecoded?: { readonly section: ReportSection; readonly into: UndecodedObject[] },
  ): Promise<Readable<T>> {
    const label = o.common.label ?? 'objet';
    try {
      const bytes = await this.files.read(absolutePath(this.app!.path, o.path.path), o.path);
      return { ok: true, value: parse(bytes, label) };
    } catch (e) {
      if (e instanceof UnknownLayoutError) {
        undecoded?.into.push({ label, section: undecoded.section, content: e.content });
        return { ok: false, reason: e.message };
      }
      if (e instanceof ApduError && e.sw === SW.SECURITY_STATUS_NOT_SATISFIED) return { ok: false, reason: `${label} : ${PIN_NEEDED}` };
      return { ok: false, reason: `${label} : ${reasonOf(e)}` };
    }
  }

  /** A practice situation; in an unknown layout, a situation that shows its content as it is. */
  private async readActivity(o: DataObjectEntry): Promise<Readable<PracticeSituation>> {
    const found: UndecodedObject[] = [];
    const r = await this.readObjectEntry(o, parseActivity, { section: 'situations', into: found });
    if (r.ok || found.length === 0) return r;
    return { ok: true, value: undecodedActivity(found[0]!.label, found[0]!.content), source: 'data' };
  }

  private async readCertificates(keys: readonly PrivateKey[]): Promise<{ info: Readable<CertificateInfo>; parsed: ParsedCertificate | null }[]> {
    const entries = await readCertificateEntries(this.files, this.app!);
    const out: { info: Readable<CertificateInfo>; parsed: ParsedCertificate | null }[] = [];
    for (const e of entries) {
      if (!e.ok) {
        out.push({ info: { ok: false, reason: `entrée ${e.index + 1} du CDF illisible (${e.reason})` }, parsed: null });
        continue;
      }
      const label = e.value.common.label ?? 'certificat';
      try {
        const der = await this.files.read(absolutePath(this.app!.path, e.value.path.path), e.value.path);
        const c = parseCertificate(der);
        const key = keys.find((k) => bytesEqual(k.id, e.value.id));
        out.push({
          info: {
            ok: true,
            value: {
              label,
              use: certificateUse(key, label),
              subject: c.subject,
              holder: [c.surname, c.givenName].filter(Boolean).join(' ') || (c.commonName ?? ''),
              issuer: c.issuer,
              serial: c.serial,
              notBefore: c.notBefore,
              notAfter: c.notAfter,
              der: c.der,
            },
          },
          parsed: c,
        });
      } catch (err) {
        out.push({ info: { ok: false, reason: `${label} : ${reasonOf(err)}` }, parsed: null });
      }
    }
    return out;
  }
}

/** APDU-level failures become UnexpectedCardResponseError; transport and CPS errors pass. */
async function inCardTerms<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof MalformedResponseError) throw new UnexpectedCardResponseError(e.step);
    if (e instanceof ApduError) throw new UnexpectedCardResponseError(e.step, e.sw);
    throw e;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** nonRepudiation marks the signature key; a decrypting or signing key without it, authentication. */
function certificateUse(key: PrivateKey | undefined, certLabel: string): CertificateUse {
  if (key) {
    if (key.usage.has('nonRepudiation')) return 'signature';
    if (key.usage.has('decrypt') || key.usage.has('sign')) return 'authentification';
    if (key.common.label === KEY_LABELS.signature) return 'signature';
    if (key.common.label === KEY_LABELS.authentication) return 'authentification';
  }
  if (/SIG/i.test(certLabel)) return 'signature';
  if (/AUT/i.test(certLabel)) return 'authentification';
  return 'inconnu';
}

function buildBlock(code: string, auth: AuthObject | undefined): Uint8Array {
  try {
    return buildPinBlock(code, auth?.pin);
  } catch (e) {
    if (e instanceof PinFormatError) throw new UnexpectedCardResponseError(`format du code décrit par la carte : ${e.message}`);
    throw e;
  }
}

/** A refused code, in the user's terms. */
export function codeFailure(code: CodeName, sw: number, step: string): CpsError {
  const left = triesLeftFromSw(sw);
  if (left !== null) return new WrongCodeError(code, left);
  if (sw === SW.AUTH_METHOD_BLOCKED) return new CodeBlockedError(code);
  if (sw === SW.REFERENCE_DATA_INVALIDATED && code === 'puk') return new PukExhaustedError();
  return new UnexpectedCardResponseError(step, sw);
}

function unknownStatus(): CodeStatus {
  return { triesLeft: null, maxTries: null };
}

export function unsupportedReport(reader: string, identity: CardIdentity): CardReport {
  const no: Readable<never> = { ok: false, reason: unsupportedReason(identity) };
  return {
    reader,
    identity,
    serial: no,
    issuer: no,
    category: no,
    cardType: no,
    logicalId: no,
    validFrom: no,
    validTo: no,
    holder: { name: no, identifier: no, profession: no },
    pin: unknownStatus(),
    puk: { ...unknownStatus(), unblocksLeft: null },
    certificates: [],
    undecoded: [],
    warnings: [],
  };
}
