// A code on its way to the card. The machine's actors keep their input in their snapshot; a
// snapshot printed, inspected or persisted must not show a PIN or a PUK.

const MASK = '[code masqué]';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return MASK;
  }
  toString(): string {
    return MASK;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return MASK;
  }
}
