// What the reading and the code operations of one connection share: the card's identity and
// profile, the command channel, the files read so far, the PKCS#15 application, the AODF entries
// of the codes, the serial number read on this connection, and the counters (read without
// spending a try). Status words stop in the card layer: nothing here returns one.

import { ApduError, MalformedResponseError } from '../apdu/errors.js';
import { ApduProtocol } from '../apdu/protocol.js';
import type { TraceEntry } from '../apdu/trace.js';
import { SW } from '../apdu/status-words.js';
import { fromHex, hex } from '../bytes.js';
import type { CardConnection } from '../transport/transport.js';
import { readReaderFeatures, type ReaderFeatures } from '../transport/part10.js';
import { isTransportError } from '../transport/errors.js';
import { findApplication, readCodesObjects, reasonOf, type Application, type Codes } from './application.js';
import { CardFiles } from './card-files.js';
import { codeLength, type ChvSizes, type CodeLengths } from './codes.js';
import {
  emptyVerifyCommand,
  getDataChvCommand,
  getDataCountersCommand,
  parseChvResponse,
  parseCountersResponse,
  triesFromEmptyVerify,
} from './counters.js';
import { NotSupportedError, UnexpectedCardResponseError } from './errors.js';
import { identifyCard } from './identify.js';
import { profileFor, type CardProfile } from './profile.js';
import { CommandChannel } from './recovery.js';
import type { CardIdentity, CodeStatus, Readable } from './report.js';
import { parseSnIcc, type SnIcc } from './sn-icc.js';

export const EF_SN_ICC = fromHex('3F00D003');
/** EF.SN.ICC's size: the Cryptolib refuses any other (docs/card.md §2). */
const SN_ICC_LENGTH = 12;

/** The AODF entries read with a card, by its serial number. */
export interface KnownCodes {
  readonly serial: string;
  readonly codes: Codes;
  /** The codes' lengths read with them (AODF and CHV objects), when they were. */
  readonly lengths?: CodeLengths;
}

export interface SessionOptions {
  readonly onTrace?: (e: TraceEntry) => void;
  readonly onSent?: (seq: number, command: string, masked: boolean) => void;
  /** Bound on one command and its answer (ms). */
  readonly transmitMs?: number;
  /** What an earlier session learnt of a card's codes (used only for the same serial). */
  readonly knownCodes?: KnownCodes;
  /** The language the reader's keypad display is asked for (PC/SC part 10 wLangId); French by default. */
  readonly keypadLanguage?: 'fr' | 'en';
}

export interface CodesStatus {
  readonly pin: CodeStatus;
  readonly puk: CodeStatus;
}

export class SessionContext {
  readonly identity: CardIdentity;
  readonly profile: CardProfile | null;
  readonly files: CardFiles;
  readonly channel: CommandChannel;
  readonly reader: string;
  /** The reader's keypad display language (SessionOptions.keypadLanguage). */
  readonly keypadLanguage: 'fr' | 'en';
  readonly known: KnownCodes | undefined;
  private prepared = false;
  private app: Application | null = null;
  private codes: Codes | null = null;
  /** EF.SN.ICC as read on this connection (undefined: not read yet). */
  private sn: Readable<SnIcc> | undefined;
  /** The codes' lengths as this connection read them (AODF and CHV objects). */
  private lengths: CodeLengths | undefined;
  private readonly connection: CardConnection;
  private features: Promise<ReaderFeatures> | undefined;
  /** Bound on one command and its answer (ms), for the keypad's bound too. */
  readonly transmitMs: number;

  constructor(connection: CardConnection, options: SessionOptions = {}) {
    this.connection = connection;
    this.transmitMs = options.transmitMs ?? 15_000;
    this.reader = connection.reader;
    this.known = options.knownCodes;
    this.keypadLanguage = options.keypadLanguage ?? 'fr';
    this.identity = identifyCard(connection.atr);
    this.profile = profileFor(this.identity.model);
    // The profile decides the logical channel of every command, GET RESPONSE included.
    const protocol = new ApduProtocol(connection, {
      channel: this.profile?.channel ?? 0,
      ...(options.onTrace ? { onTrace: options.onTrace } : {}),
      ...(options.onSent ? { onSent: options.onSent } : {}),
      ...(options.transmitMs !== undefined ? { transmitMs: options.transmitMs } : {}),
    });
    this.channel = new CommandChannel(protocol, this.profile?.recovery ?? null);
    this.files = new CardFiles(this.channel);
  }

  /** Issue 20: the reader's part 10 features, asked once per connection (none: {}). */
  readerFeatures(): Promise<ReaderFeatures> {
    this.features ??= readReaderFeatures(this.connection);
    return this.features;
  }

  /** The profile of a card this tool reads; the callers have checked `supported` first. */
  get cardProfile(): CardProfile {
    if (!this.profile) throw new NotSupportedError('unsupported', this.identity.model);
    return this.profile;
  }

  /** The card's PIN can be used here (a supported card, on its contact interface). */
  requirePin(): void {
    if (!this.profile || !this.identity.supported) throw new NotSupportedError('unsupported', this.identity.model);
    if (!this.identity.hasPin) throw new NotSupportedError('contactless', this.identity.model);
  }

  /** The profile's own selections (e.g. the CPS4's applet on its channel), once per connection. */
  async prepare(): Promise<void> {
    if (this.prepared || !this.profile) return;
    for (const c of this.profile.prepare) await this.channel.send(c, 'SELECT application');
    this.prepared = true;
  }

  async application(): Promise<Application> {
    this.app ??= await findApplication(this.files, this.cardProfile);
    return this.app;
  }

  /** The PKCS#15 application once found (the reading found it before reading any object). */
  get foundApplication(): Application {
    if (!this.app) throw new Error('application PKCS#15 pas encore trouvée');
    return this.app;
  }

  async codeObjects(): Promise<Codes> {
    this.codes ??= await readCodesObjects(this.files, await this.application());
    return this.codes;
  }

  /** The codes' entries are to be read again at the next operation (they were not usable). */
  forgetCodes(): void {
    this.codes = null;
    this.lengths = undefined;
  }

  /** The AODF entries an earlier session read with this very card (same serial). */
  useKnownCodes(serial: string | null): void {
    if (this.known !== undefined && serial !== null && this.known.serial === serial) {
      this.codes = this.known.codes;
      if (this.known.lengths) this.lengths = this.known.lengths;
    }
  }

  /** What this connection learnt of the card's codes, for the next operation on the same card. */
  get knownCodes(): KnownCodes | undefined {
    const serial = this.serialNow;
    return serial !== undefined && serial !== null && this.codes?.pin
      ? { serial, codes: this.codes, ...(this.lengths ? { lengths: this.lengths } : {}) }
      : undefined;
  }

  /** EF.SN.ICC, read once per connection: by its short identifier when the profile knows it, else (or if that fails) by path. */
  async serialNumber(): Promise<Readable<SnIcc>> {
    this.sn ??= (await this.serialByShortId()) ?? (await this.readField(EF_SN_ICC, parseSnIcc, SN_ICC_LENGTH));
    return this.sn;
  }

  /** One READ BINARY by SFI from the MF; undefined when the card refuses it or the bytes are not a serial number. */
  private async serialByShortId(): Promise<Readable<SnIcc> | undefined> {
    const sfi = this.profile?.snIccSfi;
    if (sfi === null || sfi === undefined) return undefined;
    try {
      const sn = parseSnIcc(await this.files.readShort(sfi, SN_ICC_LENGTH));
      return sn.ok ? { ok: true, value: sn } : undefined;
    } catch (e) {
      if (isTransportError(e)) throw e;
      return undefined;
    }
  }

  /** The serial number in EF.SN.ICC now (null: unreadable). */
  async currentSerial(): Promise<string | null> {
    const sn = await this.serialNumber();
    return sn.ok && sn.value.ok ? sn.value.serial : null;
  }

  private get serialNow(): string | null | undefined {
    if (this.sn === undefined) return undefined;
    return this.sn.ok && this.sn.value.ok ? this.sn.value.serial : null;
  }

  pinRef(codes: Codes): number {
    return codes.pin?.pin.reference ?? this.cardProfile.references.pin;
  }

  pukRef(codes: Codes): number {
    return codes.puk?.pin.reference ?? this.cardProfile.references.puk;
  }

  /** The PIN's and PUK's references: the AODF's, else the profile's. */
  references(codes: Codes): { readonly pin: number; readonly puk: number } {
    return { pin: this.pinRef(codes), puk: this.pukRef(codes) };
  }

  /**
   * PIN and PUK counters, spending no try, at the references the AODF gives (read once per
   * connection); `by: 'profile'`: at the profile's, before the AODF is read (the first part of a
   * read, which reads the AODF afterwards and the counters again if it names other references).
   */
  async counters(by: 'aodf' | 'profile' = 'aodf'): Promise<CodesStatus> {
    const refs = by === 'profile' ? this.cardProfile.references : this.references(await this.codeObjects());
    const profile = this.cardProfile;
    // GET DATA 3F FF wants the MF as current DF: one SELECT serves both counters.
    const getData = profile.counters === 'get-data' && (await this.selectMfForCounters());
    const pin = await this.counter(refs.pin, profile.maxTries.pin, getData);
    const puk = await this.counter(refs.puk, profile.maxTries.puk, getData);
    // The lengths when this connection already has them (the full read asks them once, after the first part).
    const lengths = this.lengths;
    return {
      pin: { triesLeft: pin.triesLeft, maxTries: pin.maxTries, ...(lengths ? { length: lengths.pin } : {}) },
      puk: {
        triesLeft: puk.triesLeft,
        maxTries: puk.maxTries,
        unblocksLeft: puk.usagesLeft ?? null,
        ...(lengths ? { length: lengths.puk } : {}),
      },
    };
  }

  /**
   * How many digits each code may have, from the card (codes.ts): the AODF entries, narrowed by
   * the CHV objects' sizes on a card that answers GET DATA 7F41; the default where it is silent.
   * Read once per connection; the code operations check every code against it before sending.
   */
  async codeLengths(): Promise<CodeLengths> {
    if (this.lengths) return this.lengths;
    const codes = await this.codeObjects();
    const refs = this.references(codes);
    const getData = this.cardProfile.counters === 'get-data' && (await this.selectMfForCounters());
    const pinChv = getData ? await this.chvSizes(refs.pin) : undefined;
    const pukChv = getData ? await this.chvSizes(refs.puk) : undefined;
    this.lengths = { pin: codeLength('pin', codes.pin?.pin, pinChv), puk: codeLength('puk', codes.puk?.pin, pukChv) };
    return this.lengths;
  }

  /** The CHV object's sizes of code `ref` (GET DATA 7F41); undefined when the card does not answer them. */
  private async chvSizes(ref: number): Promise<ChvSizes | undefined> {
    try {
      const r = await this.channel.transmit(getDataChvCommand(ref), `GET DATA BF81${hex(Uint8Array.of(ref))} 7F41`);
      return r.sw === SW.OK ? parseChvResponse(r.data, ref) : undefined;
    } catch (e) {
      if (isTransportError(e)) throw e;
      return undefined;
    }
  }

  /** false when the card refuses the SELECT: the counters then come from the empty VERIFY. */
  private async selectMfForCounters(): Promise<boolean> {
    try {
      await this.files.selectMf();
      return true;
    } catch (e) {
      if (isTransportError(e)) throw e;
      return false;
    }
  }

  private async counter(
    ref: number,
    knownMax: number | null,
    getData: boolean,
  ): Promise<{ triesLeft: number | null; maxTries: number | null; usagesLeft?: number }> {
    if (getData) {
      try {
        const r = await this.channel.transmit(getDataCountersCommand(ref), `GET DATA BF81${hex(Uint8Array.of(ref))}`);
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
    const r = await this.channel.transmit(emptyVerifyCommand(ref), 'VERIFY Lc=0');
    // 69 84, reference data invalidated: a PUK with no unblock left (docs/card.md §3), its tries unknown.
    if (r.sw === SW.REFERENCE_DATA_INVALIDATED) return { triesLeft: null, maxTries: knownMax, usagesLeft: 0 };
    const t = triesFromEmptyVerify(r.sw);
    return { triesLeft: t === 'verified' ? knownMax : t, maxTries: knownMax };
  }

  /** A whole EF (of `length` bytes when known), parsed; its reason when it cannot be read or parsed. */
  async readField<T>(path: Uint8Array, parse: (b: Uint8Array) => T, length?: number): Promise<Readable<T>> {
    try {
      return { ok: true, value: parse(await this.files.read(path, length !== undefined ? { length } : {})) };
    } catch (e) {
      return { ok: false, reason: reasonOf(e) };
    }
  }
}

/** APDU-level failures become UnexpectedCardResponseError; transport and CPS errors pass. */
export async function inCardTerms<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (e instanceof MalformedResponseError) throw new UnexpectedCardResponseError(e.step);
    if (e instanceof ApduError) throw new UnexpectedCardResponseError(e.step, e.sw);
    throw e;
  }
}

export function unknownStatus(): CodeStatus {
  return { triesLeft: null, maxTries: null };
}
