// The simulated cards' private keys at work (docs/card.md §9, KNOWN from the Cryptolib 5.2
// sources): MSE SET, PSO HASH, PSO COMPUTE DIGITAL SIGNATURE and INTERNAL AUTHENTICATE, each only
// once the PIN was verified in this session. The CPS3 and the CPS4 differ in their MSE SET and in
// how the authentication key signs; both sign with real RSA-2048 keys (fixture-keys.ts) whose
// certificates are on the card, so that a signature verifies with the certificate's public key.
//
// OURS, where the public record is silent:
// - a command of this family before the PIN was verified answers 69 82; a key reference the
//   card does not hold, 6A 88; a PSO without the MSE SET it needs, 69 85; a malformed template, 6A 80;
// - PSO HASH is simulated in its "finished hash" form only (`90 L <hash>`, L the size of the
//   algorithm's digest), which PSO CDS then signs; the on-card last round of the hash
//   (`90 L <intermediate hash ‖ bit count> 80 L <last block>`) answers 6A 80;
// - INTERNAL AUTHENTICATE takes a DigestInfo of at most 40 % of the modulus (102 bytes), else 67 00;
// - a security environment lasts until the next MSE SET of the same template, a reset or a
//   new SELECT of the applet.

import { createHash, createPrivateKey, privateEncrypt, constants, type KeyObject } from 'node:crypto';
import type { Command } from './command.js';
import { SW } from './command.js';

export type DigestName = 'sha1' | 'sha256';

/** DER prefixes of a PKCS#1 v1.5 DigestInfo (RFC 8017 §9.2, note 1). */
export const DIGEST_INFO_PREFIX: Readonly<Record<DigestName, Uint8Array>> = {
  sha1: Uint8Array.from(Buffer.from('3021300906052b0e03021a05000414', 'hex')),
  sha256: Uint8Array.from(Buffer.from('3031300d060960864801650304020105000420', 'hex')),
};
const DIGEST_SIZE: Readonly<Record<DigestName, number>> = { sha1: 20, sha256: 32 };

export interface Result {
  readonly sw: number;
  readonly data?: Uint8Array;
}

/** PKCS#8 DER (base64) of each key, by key reference. */
export type CardKeySet = ReadonlyMap<number, string>;

/** The keys of one card and the security environments set by MSE SET. */
export class CardKeys {
  private readonly keys = new Map<number, KeyObject>();
  private sign: { readonly key?: number; readonly digest?: DigestName } = {};
  private auth: { readonly key?: number } = {};
  private hashed: Uint8Array | undefined;

  constructor(keys: CardKeySet) {
    for (const [ref, pkcs8] of keys)
      this.keys.set(ref, createPrivateKey({ key: Buffer.from(pkcs8, 'base64'), format: 'der', type: 'pkcs8' }));
  }

  reset(): void {
    this.sign = {};
    this.auth = {};
    this.hashed = undefined;
  }

  /** The commands this module answers (CLA already checked by the card). */
  static handles(ins: number): boolean {
    return ins === 0x22 || ins === 0x2a || ins === 0x88;
  }

  /** CPS3 (CLA 00). `pinVerified`: the PIN was verified in this session. */
  cps3(cmd: Command, pinVerified: boolean): Result {
    if (!pinVerified) return { sw: SW.SECURITY };
    if (cmd.ins === 0x22) return this.cps3Mse(cmd);
    if (cmd.ins === 0x2a) return this.pso(cmd);
    if (cmd.ins === 0x88) return this.internalAuthenticate(cmd);
    return { sw: SW.INS_UNKNOWN };
  }

  /** CPS4 (on channel 1, CLA rewritten to 00 by the caller). */
  cps4(cmd: Command, pinVerified: boolean): Result {
    if (!pinVerified) return { sw: SW.SECURITY };
    if (cmd.ins === 0x22) return this.cps4Mse(cmd);
    if (cmd.ins === 0x2a && cmd.p1 === 0x9e && cmd.p2 === 0x9a) return this.pso(cmd);
    return { sw: SW.INS_UNKNOWN };
  }

  // MSE SET 41 A4 { 80 01 02, 84 01 82 }, 41 AA { 80 01 10|40 }, 41 B6 { 80 01 12|42, 84 01 81 }.
  private cps3Mse(cmd: Command): Result {
    if (cmd.p1 !== 0x41) return { sw: SW.WRONG_P1P2 };
    const t = simpleTlvs(cmd.data);
    if (!t) return { sw: SW.WRONG_DATA };
    const algo = t.get(0x80)?.[0];
    const key = t.get(0x84)?.[0];
    switch (cmd.p2) {
      case 0xa4:
        if (algo !== 0x02 || key === undefined) return { sw: SW.WRONG_DATA };
        if (!this.keys.has(key)) return { sw: SW.DATA_NOT_FOUND };
        this.auth = { key };
        return { sw: SW.OK };
      case 0xaa: {
        const digest = algo === 0x10 ? 'sha1' : algo === 0x40 ? 'sha256' : undefined;
        if (!digest) return { sw: SW.WRONG_DATA };
        this.sign = { ...this.sign, digest };
        this.hashed = undefined;
        return { sw: SW.OK };
      }
      case 0xb6: {
        const digest = algo === 0x12 ? 'sha1' : algo === 0x42 ? 'sha256' : undefined;
        if (!digest || key === undefined) return { sw: SW.WRONG_DATA };
        if (!this.keys.has(key)) return { sw: SW.DATA_NOT_FOUND };
        this.sign = { key, digest };
        return { sw: SW.OK };
      }
      default:
        return { sw: SW.WRONG_P1P2 };
    }
  }

  // MSE SET 81 B6 { 91 02 aa kk }: aa 0A SHA-1 PKCS#1, 28 SHA-256 PKCS#1; kk the key (bit 8 set).
  private cps4Mse(cmd: Command): Result {
    if (cmd.p1 !== 0x81 || cmd.p2 !== 0xb6) return { sw: SW.WRONG_P1P2 };
    const t = simpleTlvs(cmd.data);
    const v = t?.get(0x91);
    if (!v || v.length !== 2) return { sw: SW.WRONG_DATA };
    const digest = v[0] === 0x0a ? 'sha1' : v[0] === 0x28 ? 'sha256' : undefined;
    if (!digest) return { sw: SW.WRONG_DATA };
    if (!this.keys.has(v[1]!)) return { sw: SW.DATA_NOT_FOUND };
    this.sign = { key: v[1]!, digest };
    this.hashed = undefined;
    return { sw: SW.OK };
  }

  // PSO HASH 2A 90 A0 { 90 L <hash> } keeps a finished hash; PSO CDS 2A 9E 9A signs it, or the
  // hash it carries ("hash off card").
  private pso(cmd: Command): Result {
    if (cmd.p1 === 0x90 && cmd.p2 === 0xa0) {
      const digest = this.sign.digest;
      if (!digest) return { sw: SW.CONDITIONS };
      const t = simpleTlvs(cmd.data);
      const h = t?.get(0x90);
      if (!h || t?.has(0x80) || h.length !== DIGEST_SIZE[digest]) return { sw: SW.WRONG_DATA };
      this.hashed = h;
      return { sw: SW.OK };
    }
    if (cmd.p1 !== 0x9e || cmd.p2 !== 0x9a) return { sw: SW.WRONG_P1P2 };
    const { key, digest } = this.sign;
    if (key === undefined || !digest) return { sw: SW.CONDITIONS };
    const hash = cmd.data.length > 0 ? cmd.data : this.hashed;
    this.hashed = undefined;
    if (!hash) return { sw: SW.CONDITIONS };
    if (hash.length !== DIGEST_SIZE[digest]) return { sw: SW.WRONG_LENGTH };
    return { sw: SW.OK, data: this.rsa(key, concatBytes(DIGEST_INFO_PREFIX[digest], hash)) };
  }

  private internalAuthenticate(cmd: Command): Result {
    if (cmd.p1 !== 0x00 || cmd.p2 !== 0x00) return { sw: SW.WRONG_P1P2 };
    const key = this.auth.key;
    if (key === undefined) return { sw: SW.CONDITIONS };
    if (cmd.data.length === 0 || cmd.data.length > Math.floor(256 * 0.4)) return { sw: SW.WRONG_LENGTH };
    return { sw: SW.OK, data: this.rsa(key, cmd.data) };
  }

  /** RSA with PKCS#1 v1.5 type 1 padding over `data` (a DigestInfo): a signature. */
  private rsa(ref: number, data: Uint8Array): Uint8Array {
    const key = this.keys.get(ref)!;
    return Uint8Array.from(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, data));
  }
}

/** A DigestInfo for `data` hashed with `digest` (tests and the card layer's own checks). */
export function digestInfo(digest: DigestName, data: Uint8Array): Uint8Array {
  return concatBytes(DIGEST_INFO_PREFIX[digest], createHash(digest).update(data).digest());
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** One-byte tags, one-byte lengths (the MSE SET and PSO HASH templates); undefined if malformed. */
function simpleTlvs(data: Uint8Array): Map<number, Uint8Array> | undefined {
  const out = new Map<number, Uint8Array>();
  let i = 0;
  while (i < data.length) {
    if (i + 2 > data.length) return undefined;
    const tag = data[i]!;
    const len = data[i + 1]!;
    if (len > 0x7f || i + 2 + len > data.length) return undefined;
    out.set(tag, data.subarray(i + 2, i + 2 + len));
    i += 2 + len;
  }
  return out;
}
