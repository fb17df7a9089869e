// Reading a CPS without a code: the report of the card screen and its tabs (docs/card.md §4–5),
// in the order the first screen needs it (serial, holder, PIN and PUK) before the certificates;
// and the practice situations, once the code operations have presented the PIN.

import { keypadLengths, type KeypadLengths } from './keypad.js';
import { fact, type CardFact } from '../fact.js';
import { ApduError } from '../apdu/errors.js';
import { SW } from '../apdu/status-words.js';
import { fromHex, hex } from '../bytes.js';
import type { Entry } from '../pkcs15/asn1.js';
import type { CertificateEntry } from '../pkcs15/cdf.js';
import { parseCertificate, type ParsedCertificate } from '../pkcs15/certificate.js';
import type { DataObjectEntry } from '../pkcs15/dodf.js';
import type { PrivateKey } from '../pkcs15/prkdf.js';
import { checkDirectory, readCertificateEntries, readDataObjectEntries, readPrivateKeys, readTokenInfo, reasonOf } from './application.js';
import { absolutePath } from './card-files.js';
import { parseActivity, parseIdCard, parseInfoPs, parseNamePs, undecodedActivity, UnknownLayoutError, type IdCard } from './holder-data.js';
import { buildHolder } from './holder.js';
import { modelFact, unsupportedReason } from './identify.js';
import { parseLastUpdate } from './last-update.js';
import { DATA_OBJECT_LABELS, KEY_LABELS } from './ours.js';
import type { CardProfile } from './profile.js';
import type {
  CardIdentity,
  CardReport,
  CertificateInfo,
  CertificateUse,
  Holder,
  LastUpdate,
  PracticeSituation,
  Readable,
  ReportSection,
  UndecodedObject,
} from './report.js';
import { inCardTerms, unknownStatus, type CodesStatus, type SessionContext } from './session-context.js';

/** EF_ACTUA, the date of the card's last update (absent, 6A 82, until the first one). */
const EF_ACTUA = fromHex('3F00D010');

interface ReadCertificate {
  readonly info: Readable<CertificateInfo>;
  readonly parsed: ParsedCertificate | null;
}

export class CardReading {
  private cdf: Promise<Entry<CertificateEntry>[]> | undefined;
  private readonly parsed = new Map<string, Promise<ParsedCertificate>>();

  constructor(private readonly card: SessionContext) {}

  /**
   * The whole report. `onFirst`, when given, gets the first screen's part of it (reader, card,
   * holder, PIN and PUK) as soon as it is read, with no certificate yet; the read then goes on
   * with the private keys and certificates, and the report returned is the same as without it.
   * A holder that needs the authentication certificate (its data objects unreadable) waits for it.
   */
  async readAll(onFirst?: (partial: CardReport) => void): Promise<CardReport> {
    const { profile, identity } = this.card;
    if (!profile || !identity.supported) return unsupportedReport(this.card.reader, identity);
    return inCardTerms(() => this.readReport(profile, onFirst));
  }

  /** PIN and PUK counters, spending no try. */
  async readCodes(): Promise<CodesStatus> {
    this.card.requirePin();
    return inCardTerms(async () => {
      await this.card.prepare();
      return this.card.counters();
    });
  }

  /**
   * Every practice situation (CPS_ACTIVITY_nn_PS), in their order, once the PIN was presented. A
   * CPS4 that lost its applet meanwhile forgot the PIN: the situations it refuses say so.
   */
  async readSituations(): Promise<Readable<PracticeSituation>[]> {
    const app = await this.card.application();
    const objects = await readDataObjectEntries(this.card.files, app);
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

  private async readReport(profile: CardProfile, onFirst?: (partial: CardReport) => void): Promise<CardReport> {
    const card = this.card;
    await card.prepare();
    const warnings: CardFact[] = [];
    const readerFeatures = await card.readerFeatures();

    const sn = await card.serialNumber();
    const snFailure: CardFact = !sn.ok
      ? fact('card.file.unreadable', { name: 'EF.SN.ICC', reason: sn.reason })
      : !sn.value.ok
        ? sn.value.reason
        : { kind: 'message', text: '' };
    const serial: Readable<string> = sn.ok && sn.value.ok ? { ok: true, value: sn.value.serial } : { ok: false, reason: snFailure };
    const issuer: Readable<string> = sn.ok && sn.value.ok ? { ok: true, value: sn.value.issuer } : { ok: false, reason: snFailure };
    const lastUpdate = await this.readLastUpdate(warnings);

    const app = await card.application();
    // TokenInfo serves only a warning: read after the first part, its warning kept in its place.
    const tokenWarningAt = warnings.length;
    let counters: CodesStatus = { pin: unknownStatus(), puk: { ...unknownStatus(), unblocksLeft: null } };
    // At the profile's references (docs/card.md §3): the AODF, 190 bytes at T=0 speed, waits
    // until after the first part (below), and the counters are read again if it names others.
    let countersWarningAt: number | undefined;
    const readCounters = async (by: 'aodf' | 'profile') => {
      try {
        counters = await card.counters(by);
        if (countersWarningAt !== undefined) warnings.splice(countersWarningAt, 1);
        countersWarningAt = undefined;
      } catch (e) {
        if (countersWarningAt !== undefined) return;
        countersWarningAt = warnings.length;
        warnings.push(fact('card.counters.unreadable', { reason: reasonOf(e) }));
      }
    };
    if (card.identity.hasPin) await readCounters('profile');
    // Each code's length, from the AODF (and the CHV objects), once the first part is out.
    const readLengths = async () => {
      try {
        const lengths = await card.codeLengths();
        counters = { pin: { ...counters.pin, length: lengths.pin }, puk: { ...counters.puk, length: lengths.puk } };
      } catch (e) {
        reasonOf(e); // a transport failure stops the read; else the forms keep the defaults and the card layer checks again
      }
    };

    const objects = await readDataObjectEntries(card.files, app);
    const undecoded: UndecodedObject[] = [];
    const idCard = await this.readObject(objects, DATA_OBJECT_LABELS.idCard, parseIdCard, { section: 'card', into: undecoded });
    const name = await this.readObject(objects, DATA_OBJECT_LABELS.name, parseNamePs, { section: 'holder', into: undecoded });
    const info = await this.readObject(objects, DATA_OBJECT_LABELS.info, parseInfoPs, { section: 'holder', into: undecoded });
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
    const report = (holder: Holder, certificates: readonly Readable<CertificateInfo>[], warnings: readonly CardFact[]): CardReport => ({
      reader: card.reader,
      identity: card.identity,
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
      readerFeatures,
    });

    // The first screen needs no certificate when the data objects give the whole holder; else
    // the authentication certificate alone comes first (read once: the full read reuses it), and
    // the first part goes out once the holder has a name and an identifier.
    if (onFirst) {
      let early = [...warnings];
      let holder = buildHolder(name, info, null, early);
      if (!complete(holder)) {
        const auth = await this.earlyAuthentication();
        if (auth) {
          early = [...warnings];
          holder = buildHolder(name, info, auth, early, 'authentification');
        }
      }
      // A profession neither object nor certificate gives stays so in the full read ("sans objet").
      if (holder.name.ok && holder.identifier.ok) onFirst(report(holder, [], early));
    }

    let lengths: KeypadLengths | undefined;
    if (card.identity.hasPin) {
      const codes = await card.codeObjects();
      if (readerFeatures.verifyPinDirect !== undefined && codes.pin) lengths = keypadLengths(codes.pin.pin, codes.puk?.pin);
      const refs = card.references(codes);
      if (refs.pin !== profile.references.pin || refs.puk !== profile.references.puk) await readCounters('aodf');
      await readLengths();
    }
    // EF.DIR and TokenInfo only confirm what was read: after the first part.
    await checkDirectory(card.files, profile, app);
    const token = await readTokenInfo(card.files, app);
    if (token?.label !== undefined && !token.label.includes(profile.model.slice(0, 4))) {
      warnings.splice(tokenWarningAt, 0, fact('card.labelMismatch', { label: token.label, model: modelFact(profile.model) }));
    }
    const keys = await readPrivateKeys(card.files, app);
    const certificates = await this.readCertificates(keys);
    const authEntry =
      certificates.find((c) => c.info.ok && c.info.value.use === 'authentification' && c.parsed) ?? certificates.find((c) => c.parsed);
    const auth = authEntry?.parsed ?? null;
    const authUse: CertificateUse = authEntry?.info.ok ? authEntry.info.value.use : 'inconnu';
    const holder = buildHolder(name, info, auth, warnings, authUse);
    const full = report(
      holder,
      certificates.map((c) => c.info),
      warnings,
    );
    return lengths ? { ...full, keypadLengths: lengths } : full;
  }

  /** EF_ACTUA when the card has one; a card never updated answers 6A 82 and shows nothing. */
  private async readLastUpdate(warnings: CardFact[]): Promise<LastUpdate | undefined> {
    try {
      return parseLastUpdate(await this.card.files.read(EF_ACTUA));
    } catch (e) {
      if (e instanceof ApduError && e.sw === SW.FILE_NOT_FOUND) return undefined;
      warnings.push(fact('card.actua.unreadable', { reason: reasonOf(e) }));
      return undefined;
    }
  }

  private async readObject<T>(
    objects: readonly DataObjectEntry[],
    label: string,
    parse: (b: Uint8Array) => T,
    undecoded?: { readonly section: ReportSection; readonly into: UndecodedObject[] },
  ): Promise<Readable<T>> {
    const o = objects.find((x) => x.common.label === label);
    if (!o) return { ok: false, reason: fact('card.object.absent', { label }) };
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
      const bytes = await this.card.files.read(absolutePath(this.card.foundApplication.path, o.path.path), o.path);
      return { ok: true, value: parse(bytes, label) };
    } catch (e) {
      if (e instanceof UnknownLayoutError) {
        undecoded?.into.push({ label, section: undecoded.section, content: e.content });
        return { ok: false, reason: e.fact };
      }
      if (e instanceof ApduError && e.sw === SW.SECURITY_STATUS_NOT_SATISFIED)
        return { ok: false, reason: fact('card.pinNeeded', { label }) };
      return { ok: false, reason: fact('card.object.unreadable', { label, reason: reasonOf(e) }) };
    }
  }

  /** A practice situation; in an unknown layout, a situation that shows its content as it is. */
  private async readActivity(o: DataObjectEntry): Promise<Readable<PracticeSituation>> {
    const found: UndecodedObject[] = [];
    const r = await this.readObjectEntry(o, parseActivity, { section: 'situations', into: found });
    if (r.ok || found.length === 0) return r;
    return { ok: true, value: undecodedActivity(found[0]!.label, found[0]!.content), source: 'data' };
  }

  /** The CDF's entries, read once per report (each unreadable entry warned about once). */
  private certificateEntries(): Promise<Entry<CertificateEntry>[]> {
    this.cdf ??= readCertificateEntries(this.card.files, this.card.foundApplication);
    return this.cdf;
  }

  /**
   * The authentication certificate before the private keys are read, known by its label only
   * (null when no label says so, or it cannot be read: the holder then waits for the full read).
   */
  private async earlyAuthentication(): Promise<ParsedCertificate | null> {
    const entry = (await this.certificateEntries()).find(
      (e) => e.ok && certificateUse(undefined, e.value.common.label ?? '') === 'authentification',
    );
    if (!entry?.ok) return null;
    try {
      return await this.certificate(entry.value);
    } catch (e) {
      reasonOf(e); // a transport failure stops the read; anything else is said by the full read
      return null;
    }
  }

  /** One certificate's file, parsed once per report. */
  private certificate(entry: CertificateEntry): Promise<ParsedCertificate> {
    const path = absolutePath(this.card.foundApplication.path, entry.path.path);
    const key = hex(path, '');
    let parsed = this.parsed.get(key);
    if (!parsed) {
      parsed = this.card.files.read(path, entry.path).then(parseCertificate);
      this.parsed.set(key, parsed);
    }
    return parsed;
  }

  private async readCertificates(keys: readonly PrivateKey[]): Promise<ReadCertificate[]> {
    const entries = await this.certificateEntries();
    const out: ReadCertificate[] = [];
    for (const e of entries) {
      if (!e.ok) {
        out.push({ info: { ok: false, reason: fact('card.cdf.entryUnreadable', { n: e.index + 1, reason: e.reason }) }, parsed: null });
        continue;
      }
      const label = e.value.common.label ?? 'certificat';
      try {
        const c = await this.certificate(e.value);
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
        out.push({ info: { ok: false, reason: fact('card.object.unreadable', { label, reason: reasonOf(err) }) }, parsed: null });
      }
    }
    return out;
  }
}

function complete(holder: Holder): boolean {
  return holder.name.ok && holder.identifier.ok && holder.profession.ok;
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

/** What the card screen shows of a card this tool does not read (each field says why). */
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
