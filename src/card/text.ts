// Text typed by the user, echoed back. (Text from the card is made safe by safeText,
// src/card/safe-text.ts, where it leaves the card's bytes.)

/** The bullets standing for a run of digits: as many as it had, 8 at most (the length of a PUK says nothing more). */
const bullets = (run: string): string => '•'.repeat(Math.min(run.length, 8));

/**
 * Every run of 4 digits or more, masked by bullets: for any text that echoes what the user typed
 * (an argument, a reader name asked for), since a code typed in the wrong place must never be
 * kept or shown. The view's `maskDigits` (src/view/mask.ts) says in words that they were masked.
 */
export function maskDigitRuns(s: string): string {
  return s.replace(/\d{4,}/g, bullets);
}
