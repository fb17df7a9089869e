// The card's keys at work, for the card test (issue 21; docs/card.md §9, KNOWN from the Cryptolib
// 5.2 sources): what the PrKDF and the CDF say of the keys and certificates, and a signature of a
// fresh challenge by each key, once the PIN was verified in the same exclusive connection.
//
// CPS3: authentication key: MSE SET 41 A4 { 80 01 02, 84 01 ref } then INTERNAL AUTHENTICATE with
// a PKCS#1 DigestInfo (SHA-256 of the challenge); signature key: MSE SET 41 B6 { 80 01 42,
// 84 01 ref } then PSO COMPUTE DIGITAL SIGNATURE with the hash computed off the card.
// CPS4 (channel 1): MSE SET 81 B6 { 91 02 28 ref } then PSO CDS with the hash, for either key.
// Key references come from the PrKDF (the card), never from this file.

import { createHash } from 'node:crypto';
import { hex } from '../bytes.js';
import { SW } from '../apdu/status-words.js';
import { readCertificateEntries, readPrivateKeys } from './application.js';
import { absolutePath } from './card-files.js';
import { KEY_LABELS } from './ours.js';
import type { SessionContext } from './session-context.js';

export type KeyRole = 'signature' | 'authentication' | 'technical';

/** A private key as the PrKDF describes it. */
export interface CardKey {
  readonly role: KeyRole;
  readonly label: string;
  /** Hex. */
  readonly id: string;
  readonly reference?: number;
  readonly modulusLength?: number;
  /** The PrKDF names an authentication object (the PIN) for it. */
  readonly needsPin: boolean;
}

/** A certificate as the CDF describes it: its id (hex) ties it to its key. */
export interface CardCertificateEntry {
  readonly label: string;
  readonly id: string;
  readonly der: Uint8Array;
}

export interface KeyInventory {
  readonly keys: readonly CardKey[];
  readonly certificates: readonly CardCertificateEntry[];
}

/**
 * Why the card gave no signature: the PrKDF gives no key reference, or the card refused a step
 * (its status word). Worded by the view (src/view/card-test-words.ts).
 */
export type SignatureRefusal = { readonly kind: 'no-reference' } | { readonly kind: 'refused'; readonly step: string; readonly sw: number };

/** A key's signature of the challenge, or why the card gave none. */
export type SignatureOutcome =
  { readonly ok: true; readonly signature: Uint8Array } | { readonly ok: false; readonly refusal: SignatureRefusal };

/** The role of a key: nonRepudiation is the signature key; a key with no PIN, the technical key (contactless). */
function roleOf(usage: ReadonlySet<string>, label: string, needsPin: boolean): KeyRole {
  if (usage.has('nonRepudiation') || label === KEY_LABELS.signature) return 'signature';
  if (!needsPin || /TECH/i.test(label)) return 'technical';
  return 'authentication';
}

/** The PrKDF's keys and the CDF's certificates (files already read by the full read are cached). */
export async function readKeyInventory(card: SessionContext): Promise<KeyInventory> {
  const app = card.foundApplication;
  const keys = (await readPrivateKeys(card.files, app)).map((k): CardKey => {
    const label = k.common.label ?? '';
    const needsPin = k.common.authId !== undefined && k.common.authId.length > 0;
    return {
      role: roleOf(k.usage, label, needsPin),
      label,
      id: hex(k.id, ''),
      ...(k.keyReference !== undefined ? { reference: k.keyReference } : {}),
      ...(k.modulusLength !== undefined ? { modulusLength: k.modulusLength } : {}),
      needsPin,
    };
  });
  const certificates: CardCertificateEntry[] = [];
  for (const e of await readCertificateEntries(card.files, app)) {
    if (!e.ok) continue;
    try {
      certificates.push({
        label: e.value.common.label ?? '',
        id: hex(e.value.id, ''),
        der: await card.files.read(absolutePath(app.path, e.value.path.path), e.value.path),
      });
    } catch {
      // The full read has said why this certificate could not be read.
    }
  }
  return { keys, certificates };
}

const DIGEST_INFO_SHA256 = Uint8Array.from(Buffer.from('3031300d060960864801650304020105000420', 'hex'));

const sha256 = (data: Uint8Array): Uint8Array => Uint8Array.from(createHash('sha256').update(data).digest());

/**
 * The key's PKCS#1 v1.5 SHA-256 signature of `challenge`, made by the card. The PIN must have
 * been verified in this connection for a key that needs it. A card's refusal is an outcome; a
 * transport failure (removal, timeout) is thrown.
 */
export async function signChallenge(card: SessionContext, key: CardKey, challenge: Uint8Array): Promise<SignatureOutcome> {
  if (key.reference === undefined) return { ok: false, refusal: { kind: 'no-reference' } };
  const ref = key.reference;
  const hash = sha256(challenge);
  const refused = (step: string, sw: number): SignatureOutcome => ({ ok: false, refusal: { kind: 'refused', step, sw } });
  const cps4 = card.profile?.pinSequences === 'cps4';
  const mse = cps4
    ? { cla: 0, ins: 0x22, p1: 0x81, p2: 0xb6, data: Uint8Array.of(0x91, 0x02, 0x28, ref) }
    : key.role === 'signature'
      ? { cla: 0, ins: 0x22, p1: 0x41, p2: 0xb6, data: Uint8Array.of(0x80, 0x01, 0x42, 0x84, 0x01, ref) }
      : { cla: 0, ins: 0x22, p1: 0x41, p2: 0xa4, data: Uint8Array.of(0x80, 0x01, 0x02, 0x84, 0x01, ref) };
  const set = await card.channel.transmit(mse, 'MSE SET');
  if (set.sw !== SW.OK) return refused('MSE SET', set.sw);
  const internalAuthenticate = !cps4 && key.role !== 'signature';
  const command = internalAuthenticate
    ? { cla: 0, ins: 0x88, p1: 0x00, p2: 0x00, data: concat(DIGEST_INFO_SHA256, hash), le: 256 }
    : { cla: 0, ins: 0x2a, p1: 0x9e, p2: 0x9a, data: hash, le: 256 };
  const step = internalAuthenticate ? 'INTERNAL AUTHENTICATE' : 'PSO COMPUTE DIGITAL SIGNATURE';
  const r = await card.channel.transmit(command, step);
  if (r.sw !== SW.OK) return refused(step, r.sw);
  return { ok: true, signature: r.data };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
