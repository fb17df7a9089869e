// One connection's worth of talking to a CPS, with verbs named for what the user wants.
// Status words stop here: callers get a CardReport, counters, or a CpsError.
// The card generation's differences (channel, sequences) come from its CardProfile.

import { ApduError, MalformedResponseError } from '../apdu/errors.js';
import { ApduProtocol } from '../apdu/protocol.js';
import type { TraceEntry } from '../apdu/trace.js';
import type { CardConnection } from '../transport/transport.js';
import { SW } from '../apdu/status-words.js';
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
import { CODE_LENGTH, validCode } from './codes.js';
import type { Code, CodeOperation } from './card-service.js';
import type { SecretCode } from './secret-code.js';
import { INS } from '../apdu/command.js';
import { emptyVerifyCommand, getDataCountersCommand, parseCountersResponse, triesFromEmptyVerify } from './counters.js';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  CodeFormatUnknownError,
  codeFailure,
  LastTryUnconfirmedError,
  OtherCardError,
  WriteOutcomeUnknownError,
  NotSupportedError,
  PukExhaustedError,
  UnexpectedCardResponseError,
  WrongCodeError,
  type CodeName,
} from './errors.js';
import { parseActivity, parseIdCard, parseInfoPs, parseNamePs, undecodedActivity, UnknownLayoutError, type IdCard } from './holder-data.js';
import { parseLastUpdate } from './last-update.js';
import { buildHolder } from './holder.js';
import { identifyCard, unsupportedReason } from './identify.js';
import { DATA_OBJECT_LABELS, KEY_LABELS } from './ours.js';
import { buildPinBlock, PinFormatError } from './pin-block.js';
import { profileFor, type CardProfile } from './profile.js';
import type {
  CardIdentity,
  CardReport,
  CertificateInfo,
  CertificateUse,
  CodeStatus,
  Holder,
  LastUpdate,
  PracticeSituation,
  Readable,
  ReportSection,
  UndecodedObject,
} from './report.js';
import { parseSnIcc } from './sn-icc.js';
import { CommandChannel } from './recovery.js';
import { CPS3_SEQUENCES } from './cps3-pin.js';
import { CPS4_SEQUENCES } from './cps4-pin.js';
import type { PinSequenceContext, PinSequences } from './pin-sequences.js';
import type { Response } from '../apdu/protocol.js';

const EF_SN_ICC = fromHex('3F00D003');
/** EF_ACTUA, the date of the card's last update (absent, 6A 82, until the first one). */
const EF_ACTUA = fromHex('3F00D010');
const PIN_NEEDED = 'code porteur nécessaire';

/** Sends a command that writes; see whileSending. */
type Write = (send: () => Promise<Response>, staysChanged?: boolean) => Promise<Response>;

/** The AODF entries read with a card, by its serial number. */
export interface KnownCodes {
  readonly serial: string;
  readonly codes: Codes;
}

export interface SessionOptions {
  readonly onTrace?: (e: TraceEntry) => void;
  /** Bound on one command and its answer (ms). */
  readonly transmitMs?: number;
  /** What an earlier session learnt of a card's codes (used only for the same serial). */
  readonly knownCodes?: KnownCodes;
}

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
  /** EF.SN.ICC's serial as read on this connection (null: unreadable; undefined: not read yet). */
  private serialRead: string | null | undefined = undefined;
  private readonly known: KnownCodes | undefined;
  /** A code went to the card: the connection must be released with a reset. */
  private presented = false;

  constructor(connection: CardConnection, options: SessionOptions = {}) {
    this.reader = connection.reader;
    this.known = options.knownCodes;
    this.identity = identifyCard(connection.atr);
    this.profile = profileFor(this.identity.model);
    // The profile decides the logical channel of every command, GET RESPONSE included.
    const protocol = new ApduProtocol(connection, {
      channel: this.profile?.channel ?? 0,
      ...(options.onTrace ? { onTrace: options.onTrace } : {}),
      ...(options.transmitMs !== undefined ? { transmitMs: options.transmitMs } : {}),
    });
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

  /**
   * The whole report. `onFirst`, when given, gets the first screen's part of it (reader, card,
   * holder, PIN and PUK) as soon as it is read, with no certificate yet; the read then goes on
   * with the private keys and certificates, and the report returned is the same as without it.
   * A holder that needs the authentication certificate (its data objects unreadable) waits for it.
   */
  async readAll(onFirst?: (partial: CardReport) => void): Promise<CardReport> {
    const profile = this.profile;
    if (!profile || !this.identity.supported) return unsupportedReport(this.reader, this.identity);
    return inCardTerms(() => this.readReport(profile, onFirst));
  }

  private async readReport(profile: CardProfile, onFirst?: (partial: CardReport) => void): Promise<CardReport> {
    await this.prepare();
    const warnings: string[] = [];

    const sn = await this.readField(EF_SN_ICC, parseSnIcc);
    this.serialRead = sn.ok && sn.value.ok ? sn.value.serial : null;
    const snFailure = !sn.ok ? `EF.SN.ICC illisible (${sn.reason})` : !sn.value.ok ? sn.value.reason : '';
    const serial: Readable<string> = sn.ok && sn.value.ok ? { ok: true, value: sn.value.serial } : { ok: false, reason: snFailure };
    const issuer: Readable<string> = sn.ok && sn.value.ok ? { ok: true, value: sn.value.issuer } : { ok: false, reason: snFailure };
    const lastUpdate = await this.readLastUpdate(warnings);

    const app = await this.application();
    // TokenInfo serves only a warning: read after the first part, its warning kept in its place.
    const tokenWarningAt = warnings.length;
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
    for (const [o, label] of [
      [idCard, DATA_OBJECT_LABELS.idCard],
      [name, DATA_OBJECT_LABELS.name],
      [info, DATA_OBJECT_LABELS.info],
    ] as const) {
      if (!o.ok && !undecodedLabels.has(label)) warnings.push(o.reason);
    }

    const id = <K extends keyof IdCard>(key: K): IdCard[K] => (idCard.ok ? idCard.value[key] : { ok: false, reason: idCard.reason });
    const report = (holder: Holder, certificates: readonly Readable<CertificateInfo>[], warnings: readonly string[]): CardReport => ({
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
      certificates,
      undecoded: [...undecoded],
      ...(lastUpdate ? { lastUpdate } : {}),
      warnings: [...app.warnings, ...warnings],
    });

    // The first screen needs no certificate when the data objects give the whole holder.
    if (onFirst) {
      const early = [...warnings];
      const holder = buildHolder(name, info, null, early);
      if (holder.name.ok && holder.identifier.ok && holder.profession.ok) onFirst(report(holder, [], early));
    }

    const token = await readTokenInfo(this.files, app);
    if (token?.label !== undefined && !token.label.includes(profile.model.slice(0, 4))) {
      warnings.splice(tokenWarningAt, 0, `Le libellé de la carte (« ${token.label} ») ne correspond pas au modèle ${profile.model}.`);
    }
    const keys = await readPrivateKeys(this.files, app);
    const certificates = await this.readCertificates(keys);
    const authEntry =
      certificates.find((c) => c.info.ok && c.info.value.use === 'authentification' && c.parsed) ?? certificates.find((c) => c.parsed);
    const auth = authEntry?.parsed ?? null;
    const authUse: CertificateUse = authEntry?.info.ok ? authEntry.info.value.use : 'inconnu';
    const holder = buildHolder(name, info, auth, warnings, authUse);
    return report(
      holder,
      certificates.map((c) => c.info),
      warnings,
    );
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
  //
  // Every operation that sends a code runs in one exclusive connection, in this order, and sends
  // nothing until each step has passed: the card is the one on screen (its serial number); the
  // format of its codes is known (AODF entries, of this card); the tries left, read now, are not
  // 0, and a last (or unknown) try was confirmed by the user. Each code then goes out once.

  /** Presents the PIN (spec: VERIFY 00 20 00 ref). WrongCodeError(pin, left) / CodeBlockedError(pin). */
  async verifyPin(pin: Code, op: CodeOperation = {}): Promise<void> {
    const code = validCode('pin', pin);
    this.requirePinSequences();
    await this.whileSending(async () => {
      const codes = await this.beforeSending(op);
      const status = await this.counters();
      if (status.pin.triesLeft === 0) throw new CodeBlockedError('pin');
      requireConfirmation('pin', status, op);
      await withBlocks([() => buildBlock(code, codes.pin)], ([block]) => this.presentCode('pin', this.pinRef(codes), block, 'VERIFY PIN'));
    });
  }

  /**
   * Presents the PIN then reads every practice situation (CPS_ACTIVITY_nn_PS). A CPS4 that loses
   * its applet meanwhile forgets the PIN: the situations it then refuses say so (the PIN is not
   * presented a second time).
   */
  async readSituations(pin: Code, op: CodeOperation = {}): Promise<Readable<PracticeSituation>[]> {
    await this.verifyPin(pin, op);
    const app = await this.application();
    const objects = await readDataObjectEntries(this.files, app);
    const activities = objects
      .map((o) => ({ o, m: DATA_OBJECT_LABELS.activity.exec(o.common.label ?? '') }))
      .filter((x) => x.m)
      .sort((a, b) => Number(a.m![1]) - Number(b.m![1]));
    const out: Readable<PracticeSituation>[] = [];
    for (const { o } of activities) {
      const r = await this.readActivity(o);
      out.push(r.ok ? { ok: true, value: r.value, source: 'data' } : r);
    }
    return out;
  }

  /**
   * The PUK, then the new PIN: cps3-pin.ts, cps4-pin.ts. A blocked or exhausted PUK is refused
   * before any try is spent.
   */
  async unblockPin(puk: Code, newPin: Code, op: CodeOperation = {}): Promise<void> {
    const pukCode = validCode('puk', puk);
    const pinCode = validCode('pin', newPin);
    this.requirePinSequences();
    await this.whileSending(async (write) => {
      const codes = await this.beforeSending(op);
      const status = await this.counters();
      if (status.puk.triesLeft === 0) throw new CodeBlockedError('puk');
      if (status.puk.unblocksLeft === 0) throw new PukExhaustedError();
      requireConfirmation('puk', status, op);
      await withBlocks(
        [() => buildBlock(pukCode, codes.puk ?? pukLikePin(codes.pin)), () => buildBlock(pinCode, codes.pin)],
        ([pukBlock, pinBlock]) => this.sequences().unblock(this.sequenceContext(codes, write), pukBlock, pinBlock),
      );
    });
  }

  /** The current PIN, then the new one: cps3-pin.ts, cps4-pin.ts. */
  async changePin(currentPin: Code, newPin: Code, op: CodeOperation = {}): Promise<void> {
    const oldCode = validCode('pin', currentPin);
    const newCode = validCode('pin', newPin);
    this.requirePinSequences();
    await this.whileSending(async (write) => {
      const codes = await this.beforeSending(op);
      const status = await this.counters();
      if (status.pin.triesLeft === 0) throw new CodeBlockedError('pin');
      requireConfirmation('pin', status, op);
      await withBlocks([() => buildBlock(oldCode, codes.pin), () => buildBlock(newCode, codes.pin)], ([oldBlock, newBlock]) =>
        this.sequences().change(this.sequenceContext(codes, write), oldBlock, newBlock),
      );
    });
  }

  /** What this session learnt of the card's codes, for the next operation on the same card. */
  get knownCodes(): KnownCodes | undefined {
    return this.serialRead !== undefined && this.serialRead !== null && this.codes?.pin
      ? { serial: this.serialRead, codes: this.codes }
      : undefined;
  }

  // ——— Inside ———

  private requirePin(): void {
    if (!this.profile || !this.identity.supported) throw new NotSupportedError(unsupportedReason(this.identity));
    if (!this.identity.hasPin)
      throw new NotSupportedError(
        'la partie sans contact de la carte n’a pas de code porteur : insérez la carte dans un lecteur à contact',
      );
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

  /** The serial number in EF.SN.ICC now (null: unreadable), read once per connection. */
  private async currentSerial(): Promise<string | null> {
    if (this.serialRead === undefined) {
      const sn = await this.readField(EF_SN_ICC, parseSnIcc);
      this.serialRead = sn.ok && sn.value.ok ? sn.value.serial : null;
    }
    return this.serialRead;
  }

  /**
   * The checks before any code goes out: the same card as on screen, and the AODF entries of
   * this card (those read with it, else read now). Returns the codes with a PIN entry.
   */
  private async beforeSending(op: CodeOperation): Promise<Codes & { readonly pin: AuthObject }> {
    await this.prepare();
    const serial = await this.currentSerial();
    if (op.expectedSerial !== undefined && serial !== op.expectedSerial) throw new OtherCardError(serial === null);
    if (this.known !== undefined && serial !== null && this.known.serial === serial) this.codes = this.known.codes;
    let codes: Codes;
    try {
      codes = await this.codeObjects();
    } catch (e) {
      if (isTransportError(e)) throw e;
      throw new CodeFormatUnknownError(e instanceof Error ? e.message : String(e));
    }
    if (!codes.pin) {
      this.codes = null; // read again next time
      throw new CodeFormatUnknownError('aucune entrée pour le code porteur dans l’AODF');
    }
    return codes as Codes & { readonly pin: AuthObject };
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

  private async counter(
    ref: number,
    knownMax: number | null,
  ): Promise<{ triesLeft: number | null; maxTries: number | null; usagesLeft?: number }> {
    if (this.profile!.counters === 'get-data') {
      try {
        await this.files.selectMf();
        const r = await this.protocol.transmit(getDataCountersCommand(ref), 'GET DATA compteurs');
        if (r.sw === SW.OK) {
          const c = parseCountersResponse(r.data, ref);
          return {
            triesLeft: c.triesLeft,
            maxTries: c.maxTries ?? knownMax,
            ...(c.usagesLeft !== undefined ? { usagesLeft: c.usagesLeft } : {}),
          };
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

  /** The PIN sequences of this card's generation (requirePinSequences has checked there are some). */
  private sequences(): PinSequences {
    return this.profile?.pinSequences === 'cps4' ? CPS4_SEQUENCES : CPS3_SEQUENCES;
  }

  private sequenceContext(codes: Codes, write: Write): PinSequenceContext {
    return {
      channel: this.protocol,
      pinRef: this.pinRef(codes),
      pukRef: this.pukRef(codes),
      present: (code, ref, block, step) => this.presentCode(code, ref, block, step),
      write,
    };
  }

  /** VERIFY ref <block>, sent once: 9000 or a CpsError. */
  private async presentCode(code: CodeName, ref: number, block: Uint8Array, step: string): Promise<void> {
    this.presented = true;
    const r = await this.protocol.transmit({ cla: 0, ins: INS.VERIFY, p1: 0x00, p2: ref, data: block }, step);
    if (r.sw !== SW.OK) throw codeFailure(code, r.sw, step);
  }

  /**
   * Runs a code operation and says how it ended in the user's terms. Before any write went out,
   * a failure is what it is (nothing was changed; a removal says so). Once a write went out
   * (on a CPS4, from its RESET RETRY COUNTER on, whose success alone gives the PIN its tries
   * back), any failure without a definite answer from the card means the change may or may not
   * have been applied: a removal, another program, a reset, a timeout, an answer this tool does
   * not understand, the service gone.
   */
  private async whileSending(op: (write: Write) => Promise<void>): Promise<void> {
    let wrote = false;
    // A CPS4 unblock's RESET RETRY COUNTER changes the card by itself: what follows may not come.
    let changed = false;
    const write: Write = async (send, staysChanged = false) => {
      wrote = true;
      this.presented = true; // a write of a code: the card is reset when released
      const r = await send();
      if (staysChanged && r.sw === SW.OK) changed = true;
      return r;
    };
    try {
      await inCardTerms(() => op(write));
    } catch (e) {
      const removal = isTransportError(e, 'card-removed') || isTransportError(e, 'reader-removed');
      if (!wrote) {
        if (removal) throw new CardRemovedDuringOperationError(false);
        throw e;
      }
      // The card's own refusal of a write is definite, unless a CPS4's unblock had already changed it.
      const definite = e instanceof WrongCodeError || e instanceof CodeBlockedError || e instanceof PukExhaustedError;
      if (definite && !changed) throw e;
      if (removal) throw new CardRemovedDuringOperationError(true);
      if (isTransportError(e)) throw new WriteOutcomeUnknownError(e.kind, e.message);
      throw new WriteOutcomeUnknownError('card-answer', e instanceof Error ? e.message : String(e));
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

  private async readCertificates(
    keys: readonly PrivateKey[],
  ): Promise<{ info: Readable<CertificateInfo>; parsed: ParsedCertificate | null }[]> {
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

function buildBlock(code: SecretCode, auth: AuthObject): Uint8Array {
  try {
    return buildPinBlock(code, auth.pin);
  } catch (e) {
    if (e instanceof PinFormatError) throw new CodeFormatUnknownError(`format du code décrit par la carte : ${e.message}`);
    throw e;
  }
}

/**
 * A PUK without an AODF entry of its own is encoded as the PIN is (type, padding, stored length),
 * as OpenSC takes the PIN's object for it; its length is the PUK's own rule (8 digits).
 */
function pukLikePin(pin: AuthObject): AuthObject {
  return { ...pin, pin: { ...pin.pin, minLength: CODE_LENGTH.puk, maxLength: CODE_LENGTH.puk } };
}

/** Builds the code blocks one after the other, runs `use`, then zeroes every block built. */
async function withBlocks<T, const B extends readonly (() => Uint8Array)[]>(
  builders: B,
  use: (blocks: { [K in keyof B]: Uint8Array }) => Promise<T>,
): Promise<T> {
  const blocks: Uint8Array[] = [];
  try {
    for (const b of builders) blocks.push(b());
    return await use(blocks as { [K in keyof B]: Uint8Array });
  } finally {
    for (const b of blocks) b.fill(0);
  }
}

/**
 * The last try of `code`, or a count the card did not give, is sent only once the user
 * confirmed it, on the numbers read just now in this connection.
 */
function requireConfirmation(code: CodeName, status: CodesStatus, op: CodeOperation): void {
  const left = status[code].triesLeft;
  if ((left === null || left === 1) && op.lastTryConfirmed !== true) throw new LastTryUnconfirmedError(code, status);
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
