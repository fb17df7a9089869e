// A small reproducible fuzzer: a fixed seed (FUZZ_SEED may add another, printed for replay),
// a saved corpus, and byte-level mutations. A target may throw only the errors it declares.

export type Rng = () => number;

/** mulberry32: tiny, fast, and the same sequence for the same seed on every machine. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, n: number) => Math.floor(r() * n);
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xff, 0x1f, 0x30, 0x04, 0x0c, 0xa0, 0x61, 0x90];

export function mutate(input: Uint8Array, r: Rng): Uint8Array {
  const bytes = Array.from(input);
  const rounds = 1 + int(r, 4);
  for (let i = 0; i < rounds; i++) {
    const at = bytes.length === 0 ? 0 : int(r, bytes.length);
    switch (int(r, 8)) {
      case 0:
        if (bytes.length) bytes[at] = bytes[at]! ^ (1 << int(r, 8));
        break;
      case 1:
        if (bytes.length) bytes[at] = INTERESTING[int(r, INTERESTING.length)]!;
        break;
      case 2:
        bytes.splice(at, 0, int(r, 256));
        break;
      case 3:
        bytes.splice(at, 1 + int(r, 4));
        break;
      case 4:
        bytes.length = int(r, bytes.length + 1);
        break;
      case 5: {
        const len = 1 + int(r, 16);
        bytes.splice(at, 0, ...bytes.slice(at, at + len));
        break;
      }
      case 6:
        if (bytes.length) bytes[at] = int(r, 256);
        break;
      default: {
        const other = int(r, Math.max(1, bytes.length));
        const t = bytes[at];
        bytes[at] = bytes[other]!;
        bytes[other] = t!;
      }
    }
  }
  return Uint8Array.from(bytes.map((b) => (b ?? 0) & 0xff));
}

export function randomBytes(r: Rng, max = 64): Uint8Array {
  return Uint8Array.from({ length: int(r, max + 1) }, () => int(r, 256));
}

export interface FuzzResult {
  readonly name: string;
  readonly seeds: readonly number[];
  readonly tried: number;
  readonly survived: number;
  /** Inputs that threw an undeclared error, with the error, for replay. */
  readonly crashes: readonly { input: string; error: string }[];
}

export interface FuzzTarget {
  readonly name: string;
  readonly corpus: readonly Uint8Array[];
  /** Runs the parser; may return anything. */
  run(input: Uint8Array): unknown;
  /** The errors the target is allowed to throw: every failure must be typed. */
  isExpectedError(e: unknown): boolean;
}

export function seeds(fixed: number): number[] {
  const extra = process.env.FUZZ_SEED;
  return extra ? [fixed, Number(extra)] : [fixed];
}

export function fuzz(target: FuzzTarget, iterations: number, fixedSeed: number): FuzzResult {
  const used = seeds(fixedSeed);
  const crashes: { input: string; error: string }[] = [];
  let tried = 0;
  const attempt = (input: Uint8Array) => {
    tried++;
    try {
      target.run(input);
    } catch (e) {
      if (!target.isExpectedError(e)) crashes.push({ input: Buffer.from(input).toString('hex'), error: String(e) });
    }
  };
  for (const c of target.corpus) attempt(c);
  for (const s of used) {
    const r = rng(s);
    for (let i = 0; i < iterations; i++) {
      const base = target.corpus.length && r() < 0.85 ? target.corpus[int(r, target.corpus.length)]! : randomBytes(r);
      attempt(r() < 0.1 ? randomBytes(r, 300) : mutate(base, r));
    }
  }
  const result = { name: target.name, seeds: used, tried, survived: tried - crashes.length, crashes };
  console.log(`fuzz ${target.name}: seeds ${used.join(',')}, ${tried} cas essayés, ${result.survived} sans plantage`);
  return result;
}

export interface AsyncFuzzTarget extends Omit<FuzzTarget, 'run'> {
  run(input: Uint8Array): Promise<unknown>;
}

/** fuzz() for targets that go through a transport (one input at a time, in order). */
export async function fuzzAsync(target: AsyncFuzzTarget, iterations: number, fixedSeed: number): Promise<FuzzResult> {
  const inputs: Uint8Array[] = [...target.corpus];
  const used = seeds(fixedSeed);
  for (const s of used) {
    const r = rng(s);
    for (let i = 0; i < iterations; i++) {
      const base = target.corpus.length && r() < 0.85 ? target.corpus[int(r, target.corpus.length)]! : randomBytes(r);
      inputs.push(r() < 0.1 ? randomBytes(r, 300) : mutate(base, r));
    }
  }
  const crashes: { input: string; error: string }[] = [];
  for (const input of inputs) {
    try {
      await target.run(input);
    } catch (e) {
      if (!target.isExpectedError(e)) crashes.push({ input: Buffer.from(input).toString('hex'), error: String(e) });
    }
  }
  const result = { name: target.name, seeds: used, tried: inputs.length, survived: inputs.length - crashes.length, crashes };
  console.log(`fuzz ${target.name}: seeds ${used.join(',')}, ${result.tried} cas essayés, ${result.survived} sans plantage`);
  return result;
}
