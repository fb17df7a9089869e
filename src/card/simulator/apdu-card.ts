// What a simulated card is to a transport: an ATR and a function from command to response APDU.
// The in-process transport, the vpcd bridge (`cps-audit simulate`) and the tests all drive this.

export interface ApduCard {
  readonly atr: Uint8Array;
  /** One command APDU in, one response APDU (data + SW1 SW2) out. Never throws. */
  transmit(command: Uint8Array): Uint8Array;
  /** Warm reset or power cycle: security state (verified PIN) is lost, memory is kept. */
  reset(): void;
}
