// The simulated card's files: a tree of DFs and transparent EFs, with ISO 7816-4 lookups and FCPs.

import { equalBytes } from '../bytes.js';
import { tlv } from './der.js';
import { FCP_ACL_DF, FCP_ACL_EF, FCP_ACL_EF_PIN } from './profile.js';

export interface Ef {
  readonly kind: 'ef';
  readonly fid: number;
  readonly data: Uint8Array;
  /** Reading needs the PIN verified (69 82 before). */
  readonly needsPin?: boolean;
  /** Short file identifier (1..30), for READ BINARY without a SELECT. */
  readonly sfi?: number;
  /** The FCP a SELECT returns, when given as bytes (a real card's, from a public trace). */
  readonly fcp?: Uint8Array;
  parent?: Df;
}

export interface Df {
  readonly kind: 'df';
  readonly fid?: number;
  /** DF name (AID), when the DF can be selected by name. */
  readonly name?: Uint8Array;
  readonly children: (Ef | Df)[];
  parent?: Df;
}

export type FileNode = Ef | Df;

export function ef(fid: number, data: Uint8Array, options: { needsPin?: boolean; sfi?: number; fcp?: Uint8Array } = {}): Ef {
  return { kind: 'ef', fid, data, ...options };
}

/** An EF of `dir` by short file identifier. */
export function findBySfi(dir: Df, sfi: number): Ef | undefined {
  return dir.children.find((c): c is Ef => c.kind === 'ef' && c.sfi === sfi);
}

export function df(fid: number | undefined, name: Uint8Array | undefined, children: FileNode[]): Df {
  const node: Df = { kind: 'df', ...(fid === undefined ? {} : { fid }), ...(name ? { name } : {}), children };
  for (const c of children) c.parent = node;
  return node;
}

/** ISO 7816-4 select by file identifier: a child of the current DF, the parent, or the parent's children. */
export function findByFid(mf: Df, current: Df, fid: number): FileNode | undefined {
  if (fid === mf.fid) return mf;
  if (current.fid === fid) return current;
  const inCurrent = current.children.find((c) => c.fid === fid);
  if (inCurrent) return inCurrent;
  const parent = current.parent;
  if (!parent) return undefined;
  if (parent.fid === fid) return parent;
  return parent.children.find((c) => c.fid === fid);
}

/** A path of FIDs, from `start` (a leading 3F00 restarts from the MF). */
export function findByPath(mf: Df, start: Df, fids: readonly number[]): FileNode | undefined {
  let at: FileNode = start;
  let rest = fids;
  if (rest[0] === mf.fid) {
    at = mf;
    rest = rest.slice(1);
  }
  for (const fid of rest) {
    if (at.kind !== 'df') return undefined;
    const next: FileNode | undefined = at.children.find((c) => c.fid === fid);
    if (!next) return undefined;
    at = next;
  }
  return at;
}

export function findByName(mf: Df, name: Uint8Array): Df | undefined {
  const walk = (d: Df): Df | undefined => {
    if (d.name && equalBytes(d.name, name)) return d;
    for (const c of d.children) {
      if (c.kind === 'df') {
        const hit = walk(c);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(mf);
}

function fidBytes(fid: number): number[] {
  return [fid >> 8, fid & 0xff];
}

/** File control parameters (62): size, descriptor, identifier, DF name, life cycle "activated", access rules. */
export function fcp(node: FileNode): Uint8Array {
  if (node.kind === 'ef' && node.fcp) return node.fcp;
  if (node.kind === 'ef') {
    return tlv(
      0x62,
      tlv(0x80, fidBytes(node.data.length)),
      tlv(0x82, [0x01]),
      tlv(0x83, fidBytes(node.fid)),
      node.sfi === undefined ? [] : tlv(0x88, [node.sfi << 3]),
      tlv(0x8a, [0x05]),
      tlv(0x8c, node.needsPin ? FCP_ACL_EF_PIN : FCP_ACL_EF),
    );
  }
  return tlv(
    0x62,
    tlv(0x82, [0x38]),
    node.fid === undefined ? [] : tlv(0x83, fidBytes(node.fid)),
    node.name ? tlv(0x84, node.name) : [],
    tlv(0x8a, [0x05]),
    tlv(0x8c, FCP_ACL_DF),
  );
}
