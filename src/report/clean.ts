// Text read from a card reaches a report or a trace only without control characters: C0, DEL
// and C1 (an `ESC ] 52` in a holder's name must not write to a terminal's clipboard).

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

export function cleanText(s: string): string {
  return s.replace(CONTROL, '');
}
