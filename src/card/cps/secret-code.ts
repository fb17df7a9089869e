// A PIN or PUK from the keystroke to the card. Its digits live in a byte buffer that `wipe()`
// zeroes, never in a string this code makes; printed, serialised or inspected it shows a mask,
// so that a snapshot of the machine, an event, a log or an error message cannot reveal it.
// Values are immutable: an edit gives a new code, and the form wipes the one it replaces.

/** What a code shows when printed, in any language: no digit, no length. */
const mask = (): string => '[hidden]';

export class SecretCode {
  readonly #digits: Uint8Array;
  #wiped = false;

  private constructor(digits: Uint8Array) {
    this.#digits = digits;
  }

  static readonly empty: SecretCode = new SecretCode(new Uint8Array(0));

  /** The digits of `text` (anything else dropped), at most `max` of them. */
  static fromText(text: string, max = Number.POSITIVE_INFINITY): SecretCode {
    const out: number[] = [];
    for (let i = 0; i < text.length && out.length < max; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c >= 0 && c <= 9) out.push(c);
    }
    const code = new SecretCode(Uint8Array.from(out));
    out.fill(0);
    return code;
  }

  /** The first `length` digit values (0-9) of `digits`, copied (the caller zeroes its buffer). */
  static fromDigits(digits: Uint8Array, length: number): SecretCode {
    const out = digits.slice(0, length);
    if (out.some((d) => d > 9)) {
      out.fill(0);
      throw new RangeError('digit out of 0-9');
    }
    return new SecretCode(out);
  }

  /** A code given as text (tests, the card service's string API) or already secret. */
  static of(code: string | SecretCode): SecretCode {
    return typeof code === 'string' ? SecretCode.fromText(code) : code;
  }

  get length(): number {
    return this.#digits.length;
  }

  /** The i-th digit, 0-9 (0 once wiped). */
  digitAt(i: number): number {
    const d = this.#digits[i];
    if (d === undefined) throw new RangeError('chiffre hors du code');
    return d;
  }

  /** This code followed by `more`, capped at `max` digits. */
  append(more: SecretCode, max: number): SecretCode {
    const n = Math.min(max, this.length + more.length);
    const out = new Uint8Array(n);
    out.set(this.#digits.subarray(0, Math.min(n, this.length)));
    for (let i = this.length; i < n; i++) out[i] = more.digitAt(i - this.length);
    return new SecretCode(out);
  }

  /** This code without its last digit. */
  withoutLast(): SecretCode {
    return new SecretCode(this.#digits.slice(0, Math.max(0, this.length - 1)));
  }

  /** Same digits (in time independent of where they differ). */
  equals(other: SecretCode): boolean {
    if (other.length !== this.length) return false;
    let diff = 0;
    for (let i = 0; i < this.length; i++) diff |= this.digitAt(i) ^ other.digitAt(i);
    return diff === 0;
  }

  /**
   * Zeroes the digits. A wiped code is never valid (codes.ts), so it can no longer reach the
   * card; it still tells its length to a view that shows the count of digits.
   */
  wipe(): void {
    if (this.#digits.length === 0) return; // the shared empty code holds nothing
    this.#digits.fill(0);
    this.#wiped = true;
  }

  get wiped(): boolean {
    return this.#wiped;
  }

  toJSON(): string {
    return mask();
  }

  toString(): string {
    return mask();
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return mask();
  }
}
