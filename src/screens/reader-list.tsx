// Several cards at once: the user picks the reader by its number (never silently the first).
// The lines are the view's (src/view/present.ts, readerChoice); this lays them out.

import type { ReaderState } from '../card/transport/transport.js';
import { readerChoice } from '../view/present.js';
import { LineList } from './line-list.js';

export { readerLine } from '../view/present.js';

export function ReaderList({
  readers,
  selected,
  keypadReader,
}: {
  readers: readonly ReaderState[];
  selected?: string;
  /** Issue 20: the reader whose last read said it has a keypad (part 10). */
  keypadReader?: string;
}) {
  return <LineList lines={readerChoice(readers, selected, keypadReader)} width={0} />;
}
