// The transport contract: what the card layer needs from PC/SC, implemented in process by the
// simulator (in-process.ts) and over pcscd by the node binding (pcsc.ts).

export interface ReaderState {
  readonly name: string;
  /** Present when a card is in the reader (its answer to reset). */
  readonly atr?: Uint8Array;
  /** A card is present but does not answer to reset (mute: upside down, dirty, dead); no ATR then. */
  readonly mute?: boolean;
  /** A card is present but another program holds it exclusively. */
  readonly inUse?: boolean;
  /**
   * Changes at every card insertion and removal in this reader (pcsc-lite's event counter, the
   * high 16 bits of the reader state): two states with the same ATR but another count hold
   * another insertion, even when the removal in between was never reported. Absent: unknown.
   */
  readonly events?: number;
}

export type ServiceStatus = { readonly status: 'up' } | { readonly status: 'down'; readonly error: import('./errors.js').TransportError };

export type TransportEvent =
  /** The whole list of readers, sent after every change (reader added/removed, card in/out). */
  | { readonly type: 'readers'; readonly readers: readonly ReaderState[] }
  /** The PC/SC service went down or came back. While down, no 'readers' event arrives. */
  | { readonly type: 'service'; readonly service: ServiceStatus };

export type ShareMode = 'shared' | 'exclusive';

/** leave: the card keeps its state; reset: the card forgets any verified PIN. */
export type Disposition = 'leave' | 'reset';

export interface CardConnection {
  readonly reader: string;
  readonly atr: Uint8Array;
  /** Sends one command APDU, returns the response APDU (data + SW1 SW2). Throws TransportError. */
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /**
   * SCardControl to the reader (PC/SC v2 part 10): its features, a PIN entered on its keypad.
   * Absent where the transport has no reader to ask. Throws TransportError.
   */
  control?(code: number, data: Uint8Array, maxResponse?: number): Promise<Uint8Array>;
  disconnect(disposition: Disposition): Promise<void>;
}

export interface Transport {
  /** Starts watching; the listener gets the current state at once, then every change. */
  watch(listener: (event: TransportEvent) => void): void;
  /** Connects to the card in `reader`. Throws TransportError. */
  connect(reader: string, mode: ShareMode): Promise<CardConnection>;
  /** Stops watching and releases everything; the process may exit afterwards. */
  close(): Promise<void>;
}
