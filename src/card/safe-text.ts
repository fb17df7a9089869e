// Any string from outside the tool, made safe to show: card data, reader names, certificate
// fields, file names, pcscd's and the system's messages. None of them is trusted: a reader's name
// comes from the USB device's own strings, a holder's name or a certificate subject from whoever
// wrote the card. Shown raw, `ESC ] 52 ; …` writes the terminal's clipboard, `ESC ] 0 ;` its
// title, other escapes move the cursor or rewrite the screen; bidi controls reorder what the
// eye reads (a name that shows another name), zero-width characters hide text, and a pile of
// combining marks eats the end of a line.
//
// This is the one function for it (issue 18). It lives in the card layer, the lowest (issue 19:
// the card sanitises what it hands out, and every layer above may import it): the card layer
// applies it where text leaves the card's bytes, `fill` (src/i18n) applies it to every parameter
// of every sentence, the screens' fields, the report, the JSON and the trace to what they show.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Tabs and line breaks become one space, so that words on either side stay apart. */
const SPACING = /[\t\n\r\v\f]+/g;
/**
 * Format characters (Unicode category Cf): the bidi embeddings, overrides and isolates
 * (U+202A–202E, U+2066–2069, U+061C), the zero-width ones and marks (U+200B–200F, U+2060–2064,
 * U+FEFF), the soft hyphen, the tag characters… Nothing a name or a label needs to show.
 */
const FORMAT = /\p{Cf}/gu;
/** Combining marks after a base character: a letter with its accents needs two at most. */
export const MAX_COMBINING = 2;
const COMBINING_RUN = /(\p{M}+)/gu;

/**
 * `s` safe to show on a terminal: C0, DEL and C1 controls removed (tabs and line breaks: one
 * space), format characters (bidi controls, zero-width characters) removed, and at most
 * MAX_COMBINING combining marks kept after each base character.
 */
export function safeText(s: string): string {
  return s
    .replace(SPACING, ' ')
    .replace(CONTROL, '')
    .replace(FORMAT, '')
    .replace(COMBINING_RUN, (run) => [...run].slice(0, MAX_COMBINING).join(''));
}

/** safeText, line by line: for a message whose own line breaks are meant (pcscd's, a report's). */
export function safeLines(s: string): string {
  return s
    .split(/\r\n|\n/)
    .map((l) => safeText(l))
    .join('\n');
}
