// Every OURS choice of the simulated CPS3 in one place (docs/card.md: where the public record
// is silent). Replace these values, and only these, when the real specification is found.

/** How a code is written into VERIFY / CHANGE / RESET RETRY COUNTER, as the AODF declares it. */
export interface PinFormat {
  /** PKCS#15 PinType: 0 bcd, 1 ascii-numeric, 2 utf8. The simulator only writes ascii-numeric. */
  readonly pinType: 1;
  readonly minLength: number;
  readonly maxLength: number;
  readonly storedLength: number;
  readonly padChar: number;
}

// OURS: both codes are ASCII digits padded with FF to 8 bytes (needs-padding set in the AODF),
// so "1234" travels as 31 32 33 34 FF FF FF FF. The card refuses any other block with 6A 80,
// without spending a try: a wrongly encoded block is a software fault, not a wrong code.
export const PIN_FORMAT: PinFormat = { pinType: 1, minLength: 4, maxLength: 4, storedLength: 8, padChar: 0xff };
export const PUK_FORMAT: PinFormat = { pinType: 1, minLength: 8, maxLength: 8, storedLength: 8, padChar: 0xff };
// OURS (issue 17): a CPS3 whose AODF lets the holder choose 4 to 8 digits, as ANS's Gestion CPS
// says of the PIN ("un code entre quatre et huit chiffres"): the same block, ASCII padded FF to 8.
export const PIN_FORMAT_4_TO_8: PinFormat = { pinType: 1, minLength: 4, maxLength: 8, storedLength: 8, padChar: 0xff };
/** What any simulated card's memory may hold (a snapshot is checked against the card's own format when used). */
export const CODE_MEMORY_LENGTHS = { pin: { min: 4, max: 8 }, puk: { min: 8, max: 8 } } as const;

export const PIN_REF = 0x01; // KNOWN (inferred from traces)
export const PUK_REF = 0x02;
export const PIN_MAX_TRIES = 3; // KNOWN
export const PUK_MAX_TRIES = 10;
export const PUK_MAX_UNBLOCKS = 100;

// The one security attribute docs/card.md §3 quotes in the GET DATA answer (A1 08 8C 06 …), kept for both.
export const COUNTER_ACCESS_RULE = [0x8c, 0x06, 0xf3, 0x00, 0x00, 0x13, 0xff, 0x00] as const;

// FCP security attributes, compact form (8C AM SCB…), which OpenSC's IAS-ECC driver requires in
// every FCP. AM bits (OpenSC's order): 40 delete, 02 update / create, 01 read. SCB 00 always,
// FF never, 13 user authentication (the value the counter answer of docs/card.md §3 carries).
export const FCP_ACL_EF = [0x43, 0xff, 0xff, 0x00] as const;
export const FCP_ACL_EF_PIN = [0x43, 0xff, 0xff, 0x13] as const;
export const FCP_ACL_DF = [0x42, 0xff, 0xff] as const;

export const FID = {
  MF: 0x3f00,
  DIR: 0x2f00, // KNOWN
  ATR: 0x2f01, // KNOWN
  SN_ICC: 0xd003, // KNOWN
  APP: 0x0001, // KNOWN
  ODF: 0x5031, // KNOWN (PKCS#15 default)
  TOKEN_INFO: 0x5032, // KNOWN (PKCS#15 default)
  AODF: 0x7001, // KNOWN
  PRKDF: 0x7002,
  CDF: 0x7005, // KNOWN
  DODF: 0x7006,
  CERT_SIG: 0xc001,
  CERT_AUT: 0xc002,
  ID_CARD: 0xe001,
  NAME_PS: 0xe002,
  INFO_PS: 0xe003,
  /** CPS_ACTIVITY_nn_PS is at ACTIVITY_BASE + nn (E101 … E110). */
  ACTIVITY_BASE: 0xe100,
} as const;

/** Short file identifiers of the MF's EFs (IAS-ECC, KNOWN [OSC iasecc.h]): OpenSC reads the serial number with 00 B0 9C 00. */
export const SFI = { DIR: 0x1e, ATR: 0x1d, SN_ICC: 0x1c } as const;

export const EF_DIR_SIZE = 101; // KNOWN
export const APP_LABEL = 'CPS3 PKCS#15';
export const TOKEN_LABEL = 'CPS3';
export const MANUFACTURER = 'ASIP-SANTE';

export const LABELS = {
  PIN: 'Code porteur de la carte CPX', // KNOWN
  PUK: 'Code de deblocage',
  KEY_SIG: 'CPS_PRIV_SIG', // KNOWN
  KEY_AUT: 'CPS_PRIV_AUT', // KNOWN
  CERT_SIG: 'Certificat de Signature CPS',
  CERT_AUT: "Certificat d'Authentification CPS",
} as const;

export const KEY_REF = { SIG: 0x81, AUT: 0x82 } as const; // KNOWN from OpenSC traces

/** Status words where ISO leaves the choice to the card. */
export const SW_CHOICE = {
  /** A code block that does not match the AODF's PinAttributes. */
  BAD_BLOCK: 0x6a80,
  /** GET RESPONSE with nothing waiting. */
  NOTHING_PENDING: 0x6985,
  /** CHANGE REFERENCE DATA on the PUK: the holder may not change it. */
  PUK_CHANGE: 0x6985,
} as const;

// Lifetime unblocks: the usage counter (9D) is spent by RESET RETRY COUNTER; once at 0 the PUK is
// invalidated and even VERIFY of the PUK answers 69 84 (no try spent). RESET RETRY COUNTER also
// clears the PUK's verified state, so each unblock needs the PUK presented again.

// ——— CPS4 (NXP ChipDoc), docs/card.md §1–§3 ———
// KNOWN: the ATR, the ChipDoc applet selected on logical channel 1, the card manager and CPS2ter
// AIDs of the Cryptolib's recovery, the PIN commands' shapes. Everything below marked OURS is
// this simulator's answer where the public record is silent.

export const CPS4_ATR_HEX = '3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44'; // KNOWN [CL]
export const CHIPDOC_AID_HEX = '80 25 00 00 01 FF 01 00'; // KNOWN [CL card-cps4.c]
export const CARD_MANAGER_AID_HEX = 'A0 00 00 01 51 00 00'; // KNOWN [CL]: first step of the recovery
export const CPS4_APP_LABEL = 'CPS4 PKCS#15'; // OURS
export const CPS4_TOKEN_LABEL = 'CPS4'; // OURS, but docs/card.md says TokenInfo's label contains "CPS4"

// OURS: the CPS4's codes are those of the CPS3 (references 01 and 02, PIN 3 tries, PUK 10 tries
// and 100 lifetime unblocks, the same blocks), since the Cryptolib hard-codes 3 tries and nothing
// public gives the rest. The card layer must not rely on any of it: it reads the AODF, asks the
// tries with the empty VERIFY, and shows the PUK's maximum and unblocks as unknown.
// Its files are the CPS3's layout (cps3-files.ts) with the CPS4 labels, reachable on channel 1.

/**
 * OURS, how the simulated CPS4 answers what the Cryptolib never sends:
 * - channel 0 holds the CPS2ter compatibility applet, selected at power-up and not simulated: a
 *   SELECT of its AID answers 90 00, of any other AID 6A 82, any other command 6D 00;
 * - channel 1 is closed at power-up; a SELECT by AID opens it (the ChipDoc applet or the card
 *   manager), any other command on a closed channel answers 68 81; channels 2 and 3 always 68 81;
 *   the card manager, once selected, answers 6D 00 to anything but SELECT;
 * - a CLA other than 00–03 answers 6E 00;
 * - the ChipDoc applet does not answer the CPS3's GET DATA 3F FF (6D 00): its counters are read
 *   with the empty VERIFY; nor the CPS3 forms of CHANGE (24 00) and RESET RETRY COUNTER (2C 02),
 *   answered 6A 86;
 * - RESET RETRY COUNTER 2C 03 (PIN|80) needs the PUK verified, restores the PIN's tries, spends a
 *   lifetime unblock and keeps the PUK verified for the CHANGE that follows; CHANGE 24 01 PIN
 *   (new value only) needs the PIN or the PUK verified and the PIN not blocked; after either,
 *   the PIN is no longer verified; after the CHANGE, the PUK neither;
 * - a "lost" applet (a fault: another program on the card, say) answers 69 85 or 68 81 to every
 *   command on channel 1 and forgets what was verified, until the Cryptolib's whole recovery in
 *   order: SELECT the card manager on channel 1, the CPS2ter applet on channel 0, the ChipDoc
 *   applet on channel 1. A shorter recovery is refused with the same status word, so that a
 *   reader which skips a step cannot pass. A power cycle also ends the fault.
 */
export const CPS4_SW = {
  CLOSED_CHANNEL: 0x6881,
  NOT_SIMULATED: 0x6d00,
  CPS3_FORM: 0x6a86,
} as const;
