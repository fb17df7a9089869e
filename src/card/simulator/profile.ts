// Every OURS choice of the simulated CPS3 in one place (spec cps-card.md: where the public record
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

export const PIN_REF = 0x01; // KNOWN (inferred from traces)
export const PUK_REF = 0x02;
export const PIN_MAX_TRIES = 3; // KNOWN
export const PUK_MAX_TRIES = 10;
export const PUK_MAX_UNBLOCKS = 100;

// The one security attribute the spec quotes in the GET DATA answer (A1 08 8C 06 …), kept for both.
export const COUNTER_ACCESS_RULE = [0x8c, 0x06, 0xf3, 0x00, 0x00, 0x13, 0xff, 0x00] as const;

// FCP security attributes, compact form (8C AM SCB…), which OpenSC's IAS-ECC driver requires in
// every FCP. AM bits (OpenSC's order): 40 delete, 02 update / create, 01 read. SCB 00 always,
// FF never, 13 user authentication (the value the spec's counter answer carries).
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
