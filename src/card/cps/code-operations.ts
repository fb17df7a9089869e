// The operations that send a code: present the PIN, unblock it with the PUK, change it.
//
// Each runs in one exclusive connection, in this order, and sends nothing until each step has
// passed: the card is the one on screen (its serial number); the format of its codes is known
// (AODF entries, of this card); the tries left, read now, are not 0, and a last (or unknown) try
// was confirmed by the user. Each code then goes out once (docs/card.md §2–3); the sequences of
// each generation are in cps3-pin.ts and cps4-pin.ts.

import type { Response } from '../apdu/protocol.js';
import { INS } from '../apdu/command.js';
import { SW } from '../apdu/status-words.js';
import type { AuthObject } from '../pkcs15/aodf.js';
import { isTransportError } from '../transport/errors.js';
import type { Codes } from './application.js';
import type { Code, CodeOperation } from './card-service.js';
import { DEFAULT_LENGTHS, validCode, type CodeLengths } from './codes.js';
import { CPS3_SEQUENCES } from './cps3-pin.js';
import { CPS4_SEQUENCES } from './cps4-pin.js';
import {
  CardRemovedDuringOperationError,
  CodeBlockedError,
  CodeFormatUnknownError,
  codeFailure,
  LastTryUnconfirmedError,
  NotSupportedError,
  OtherCardError,
  KeypadError,
  PukExhaustedError,
  WriteOutcomeUnknownError,
  WrongCodeError,
  type CodeName,
} from './errors.js';
import {
  isKeypadInput,
  isOnKeypad,
  keypadRules,
  modifyStructure,
  readerAnswer,
  verifyStructure,
  type KeypadOptions,
  type OnKeypad,
} from './keypad.js';
import { KEYPAD_TIMEOUT_S } from './ours.js';
import { buildPinBlock, PinFormatError } from './pin-block.js';
import type { CodeCommand, CodeInput, PinSequenceContext, PinSequences } from './pin-sequences.js';
import type { SecretCode } from './secret-code.js';
import { inCardTerms, type CodesStatus, type SessionContext } from './session-context.js';
import { codeStanding, needsConfirmation, pukStanding } from './standing.js';

/** Sends a command that writes; see whileSending. */
type Write = (send: () => Promise<Response>, staysChanged?: boolean) => Promise<Response>;

type CodesWithPin = Codes & { readonly pin: AuthObject };

/** A code from the keyboard, or one the holder types on the reader's keypad (issue 20). */
type Input = SecretCode | OnKeypad;

function codeInput(kind: CodeName, code: Code): Input {
  return isOnKeypad(code) ? code : validCode(kind, code);
}

export class CodeOperations {
  /** A code went to the card: the connection must be released with a reset. */
  private presented = false;

  constructor(private readonly card: SessionContext) {}

  /** true once a VERIFY, CHANGE or RESET RETRY COUNTER carrying a code has been sent. */
  get codePresented(): boolean {
    return this.presented;
  }

  /** Presents the PIN (spec: VERIFY 00 20 00 ref). WrongCodeError(pin, left) / CodeBlockedError(pin). */
  async verifyPin(pin: Code, op: CodeOperation = {}): Promise<void> {
    const code = codeInput('pin', pin);
    this.requirePinSequences();
    await this.whileSending(async () => {
      const codes = await this.beforeSending(op);
      await this.withinCardRules([['pin', code]]);
      await this.requireKeypad({ verify: [code] });
      const status = await this.card.counters();
      if (codeStanding(status.pin) === 'blocked') throw new CodeBlockedError('pin');
      requireConfirmation('pin', status, op);
      await withBlocks([() => buildInput('pin', code, codes.pin)], ([block]) =>
        this.presentCode('pin', this.card.pinRef(codes), block, 'VERIFY PIN'),
      );
    });
  }

  /**
   * The PUK, then the new PIN: cps3-pin.ts, cps4-pin.ts. A blocked or exhausted PUK is refused
   * before any try is spent.
   */
  async unblockPin(puk: Code, newPin: Code, op: CodeOperation = {}): Promise<void> {
    const pukCode = codeInput('puk', puk);
    const pinCode = codeInput('pin', newPin);
    this.requirePinSequences();
    await this.whileSending(async (write) => {
      const codes = await this.beforeSending(op);
      await this.withinCardRules([
        ['puk', pukCode],
        ['pin', pinCode],
      ]);
      await this.requireKeypad({ verify: [pukCode], modify: [pinCode] });
      const status = await this.card.counters();
      if (codeStanding(status.puk) === 'blocked') throw new CodeBlockedError('puk');
      if (pukStanding(status.puk) === 'exhausted') throw new PukExhaustedError();
      requireConfirmation('puk', status, op);
      await withBlocks(
        [() => buildInput('puk', pukCode, codes.puk ?? pukLikePin(codes.pin)), () => buildInput('pin', pinCode, codes.pin)],
        ([pukBlock, pinBlock]) => this.sequences().unblock(this.sequenceContext(codes, write), pukBlock, pinBlock),
      );
    });
  }

  /** The current PIN, then the new one: cps3-pin.ts, cps4-pin.ts. */
  async changePin(currentPin: Code, newPin: Code, op: CodeOperation = {}): Promise<void> {
    const oldCode = codeInput('pin', currentPin);
    const newCode = codeInput('pin', newPin);
    this.requirePinSequences();
    await this.whileSending(async (write) => {
      const codes = await this.beforeSending(op);
      await this.withinCardRules([
        ['pin', oldCode],
        ['pin', newCode],
      ]);
      // Both codes on the keypad or neither: a command cannot hold a typed code and one from the keypad.
      if (isOnKeypad(oldCode) !== isOnKeypad(newCode)) throw new KeypadError('unavailable', 'pin');
      await this.requireKeypad(
        this.card.profile?.pinSequences === 'cps4' ? { verify: [oldCode], modify: [newCode] } : { modify: [oldCode, newCode] },
      );
      const status = await this.card.counters();
      if (codeStanding(status.pin) === 'blocked') throw new CodeBlockedError('pin');
      requireConfirmation('pin', status, op);
      await withBlocks([() => buildInput('pin', oldCode, codes.pin), () => buildInput('pin', newCode, codes.pin)], ([oldBlock, newBlock]) =>
        this.sequences().change(this.sequenceContext(codes, write), oldBlock, newBlock),
      );
    });
  }

  /**
   * The card's rule for each code (codes.ts: AODF, CHV objects, else the default): a code
   * outside it is refused here, before any block is built or sent (InvalidCodeFormatError). A
   * code typed on the reader's keypad (issue 20) is bounded by the reader with the same rule.
   */
  private async withinCardRules(list: readonly (readonly [CodeName, Input])[]): Promise<void> {
    const typed = list.filter((e): e is readonly [CodeName, SecretCode] => !isOnKeypad(e[1]));
    if (typed.length === 0) return;
    const lengths: CodeLengths = await this.card.codeLengths();
    for (const [kind, code] of typed) validCode(kind, code, lengths[kind]);
  }

  private requirePinSequences(): void {
    this.card.requirePin();
    const sequences = this.card.profile?.pinSequences;
    if (sequences !== 'cps3' && sequences !== 'cps4') {
      throw new NotSupportedError('operation', this.card.identity.model);
    }
  }

  /**
   * The checks before any code goes out: the same card as on screen, and the AODF entries of
   * this card (those read with it, else read now). Returns the codes with a PIN entry.
   */
  private async beforeSending(op: CodeOperation): Promise<CodesWithPin> {
    await this.card.prepare();
    const serial = await this.card.currentSerial();
    if (op.expectedSerial !== undefined && serial !== op.expectedSerial) throw new OtherCardError(serial === null);
    this.card.useKnownCodes(serial);
    let codes: Codes;
    try {
      codes = await this.card.codeObjects();
    } catch (e) {
      if (isTransportError(e)) throw e;
      throw new CodeFormatUnknownError(e instanceof Error ? e.message : String(e));
    }
    if (!codes.pin) {
      this.card.forgetCodes(); // read again next time
      throw new CodeFormatUnknownError('no PIN entry in the AODF');
    }
    return codes as CodesWithPin;
  }

  /**
   * Issue 20: the codes to be typed on the keypad can be: the reader verifies on its keypad
   * (FEATURE_VERIFY_PIN_DIRECT) for `verify`, builds a change or reset (FEATURE_MODIFY_PIN_DIRECT)
   * for `modify`. Checked before anything is sent, so that an unblock never spends the PUK when
   * the new PIN cannot follow.
   */
  private async requireKeypad(need: { readonly verify?: readonly Input[]; readonly modify?: readonly Input[] }): Promise<void> {
    const verify = (need.verify ?? []).find(isOnKeypad);
    const modify = (need.modify ?? []).find(isOnKeypad);
    if (!verify && !modify) return;
    const f = await this.card.readerFeatures();
    if (verify && f.verifyPinDirect === undefined) throw new KeypadError('unavailable', need.verify?.[0] === verify ? 'pin' : 'puk');
    if (modify && f.modifyPinDirect === undefined) throw new KeypadError('unavailable', 'pin');
  }

  private keypadOptions(): KeypadOptions {
    return { timeoutS: KEYPAD_TIMEOUT_S, langId: this.card.keypadLanguage === 'fr' ? 0x040c : 0x0409 };
  }

  /** How long a keypad command may take: each entry's timeout, and one exchange with the card. */
  private keypadBound(entries: number): number {
    return entries * KEYPAD_TIMEOUT_S * 1000 + this.card.transmitMs;
  }

  /** A command carrying codes: the blocks from the keyboard, or built by the reader from its keypad. */
  private async sendCodes(command: CodeCommand, inputs: readonly CodeInput[], step: string): Promise<Response> {
    const head = { cla: 0, ...command };
    const keypad = inputs.filter(isKeypadInput);
    if (keypad.length === 0) {
      const blocks = inputs as readonly Uint8Array[];
      const data = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of blocks) {
        data.set(b, at);
        at += b.length;
      }
      try {
        return await this.card.channel.transmit({ ...head, data }, step);
      } finally {
        data.fill(0);
      }
    }
    const rules = keypad[keypad.length - 1]!.keypad;
    const f = await this.card.readerFeatures();
    if (keypad.length !== inputs.length || keypad.length > 2 || f.modifyPinDirect === undefined)
      throw new KeypadError('unavailable', 'pin');
    const built = modifyStructure({ ...head, cla: this.card.channel.cla }, rules, keypad.length === 2, this.keypadOptions());
    const r = await this.card.channel.keypad(f.modifyPinDirect, built, `${step} (reader keypad)`, this.keypadBound(keypad.length + 1));
    const reader = readerAnswer(r.sw);
    if (reader) throw new KeypadError(reader, 'pin');
    return r;
  }

  /** The PIN sequences of this card's generation (requirePinSequences has checked there are some). */
  private sequences(): PinSequences {
    return this.card.profile?.pinSequences === 'cps4' ? CPS4_SEQUENCES : CPS3_SEQUENCES;
  }

  private sequenceContext(codes: Codes, write: Write): PinSequenceContext {
    return {
      channel: this.card.channel,
      pinRef: this.card.pinRef(codes),
      pukRef: this.card.pukRef(codes),
      present: (code, ref, block, step) => this.presentCode(code, ref, block, step),
      sendCodes: (command, inputs, step) => this.sendCodes(command, inputs, step),
      write,
    };
  }

  /** VERIFY ref <block>, sent once (by the reader when typed on its keypad): 9000 or a CpsError. */
  private async presentCode(code: CodeName, ref: number, block: CodeInput, step: string): Promise<void> {
    this.presented = true;
    if (!isKeypadInput(block)) {
      const r = await this.card.channel.transmit({ cla: 0, ins: INS.VERIFY, p1: 0x00, p2: ref, data: block }, step);
      if (r.sw !== SW.OK) throw codeFailure(code, r.sw, step);
      return;
    }
    const f = await this.card.readerFeatures();
    if (f.verifyPinDirect === undefined) throw new KeypadError('unavailable', code);
    const head = { cla: this.card.channel.cla, ins: INS.VERIFY, p1: 0x00, p2: ref };
    const built = verifyStructure(head, block.keypad, this.keypadOptions());
    const r = await this.card.channel.keypad(f.verifyPinDirect, built, `${step} (reader keypad)`, this.keypadBound(1));
    const reader = readerAnswer(r.sw);
    if (reader) throw new KeypadError(reader, code);
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
      // The reader's own answer (KeypadError): it never sent the command.
      const definite =
        e instanceof WrongCodeError || e instanceof CodeBlockedError || e instanceof PukExhaustedError || e instanceof KeypadError;
      if (definite && !changed) throw e;
      if (removal) throw new CardRemovedDuringOperationError(true);
      if (isTransportError(e)) throw new WriteOutcomeUnknownError(e.kind, e.message);
      throw new WriteOutcomeUnknownError('card-answer', e instanceof Error ? e.message : String(e));
    }
  }
}

/** The block of a typed code, or the rules of one the reader asks on its keypad. */
function buildInput(kind: CodeName, code: Input, auth: AuthObject): CodeInput {
  try {
    return isOnKeypad(code) ? { keypad: keypadRules(kind, auth.pin) } : buildPinBlock(code, auth.pin);
  } catch (e) {
    if (e instanceof PinFormatError) throw new CodeFormatUnknownError(`PIN format described by the card: ${e.message}`);
    throw e;
  }
}

/**
 * A PUK without an AODF entry of its own is encoded as the PIN is (type, padding, stored length),
 * as OpenSC takes the PIN's object for it; its length is the PUK's default rule (8 digits).
 */
function pukLikePin(pin: AuthObject): AuthObject {
  return { ...pin, pin: { ...pin.pin, minLength: DEFAULT_LENGTHS.puk.min, maxLength: DEFAULT_LENGTHS.puk.max } };
}

/** Builds the code blocks one after the other, runs `use`, then zeroes every block built. */
async function withBlocks<T, const B extends readonly (() => CodeInput)[]>(
  builders: B,
  use: (blocks: { [K in keyof B]: CodeInput }) => Promise<T>,
): Promise<T> {
  const blocks: CodeInput[] = [];
  try {
    for (const b of builders) blocks.push(b());
    return await use(blocks as { [K in keyof B]: CodeInput });
  } finally {
    for (const b of blocks) if (!isKeypadInput(b)) b.fill(0);
  }
}

/**
 * The last try of `code`, or a count the card did not give, is sent only once the user
 * confirmed it, on the numbers read just now in this connection.
 */
function requireConfirmation(code: CodeName, status: CodesStatus, op: CodeOperation): void {
  if (needsConfirmation(status[code]) && op.lastTryConfirmed !== true) throw new LastTryUnconfirmedError(code, status);
}
