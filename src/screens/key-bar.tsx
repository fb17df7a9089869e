// The keys that work now, at the bottom of the screen (built from the key table by the app), on
// ONE line whatever the state and the language: when the line is too long for the terminal, the
// least needed keys give way (they keep working, and the help, which the bar always offers, lists
// every key).

import { Text } from 'ink';
import { t } from '../i18n/index.js';
import { useTheme } from './theme.js';

export interface KeyBarItem {
  readonly keys: string;
  readonly label: string;
  /** The key table's intent (src/app/tui/keys.ts). */
  readonly intent?: string;
  /**
   * When the bar is too long, the entries with the lowest rank give way first (the key table
   * ranks them: src/app/tui/keys.ts, GIVE_WAY); without a rank an entry never gives way.
   */
  readonly giveWay?: number;
}

/** Whether the body goes on above or below the screen (the bar's first entry says so). */
export interface ScrollMarks {
  readonly above: boolean;
  readonly below: boolean;
}

function rankOf(it: KeyBarItem): number {
  return it.giveWay ?? Number.POSITIVE_INFINITY;
}

/** Terminal columns of a text: one per character, none for combining marks, two for wide ones. */
export function cellWidth(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (/\p{Mn}|\p{Me}|\p{Cf}/u.test(ch)) continue;
    n += isWide(c) ? 2 : 1;
  }
  return n;
}

/** East Asian wide and fullwidth ranges (the ones a card's text or a reader's name could carry). */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** "↑↓ suite", " ↓ suite", "↑ début": where the rest of the body is; undefined when it all shows. */
export function scrollMark(marks: ScrollMarks | undefined): string | undefined {
  if (marks === undefined || (!marks.above && !marks.below)) return undefined;
  return `${marks.above ? '↑' : ' '}${marks.below ? `↓ ${t('bar.more')}` : ` ${t('bar.top')}`}`;
}

/** Columns the bar takes: the mark, then "keys label" entries, one space apart. */
export function barWidth(items: readonly KeyBarItem[], mark: string | undefined): number {
  const parts = [...(mark !== undefined ? [mark] : []), ...items.map((it) => `${it.keys} ${it.label}`)];
  return parts.reduce((n, p) => n + cellWidth(p), 0) + Math.max(0, parts.length - 1);
}

/** The entries that fit in `width` columns, in their order, the least needed given up first. */
export function fitKeyBar(items: readonly KeyBarItem[], mark: string | undefined, width: number): KeyBarItem[] {
  const kept = [...items];
  const byNeed = [...items].sort((a, b) => rankOf(a) - rankOf(b));
  for (const it of byNeed) {
    if (barWidth(kept, mark) <= width) break;
    if (rankOf(it) === Number.POSITIVE_INFINITY) break;
    kept.splice(kept.indexOf(it), 1);
  }
  return kept;
}

export function KeyBar({ items, scroll, width }: { items: readonly KeyBarItem[]; scroll?: ScrollMarks; width: number }) {
  const theme = useTheme();
  const mark = scrollMark(scroll);
  const shown = fitKeyBar(items, mark, width);
  // One Text: it cannot wrap; should a bar still be too long (it is tested not to be), its end is cut.
  return (
    <Text wrap="truncate-end">
      {mark !== undefined && (
        <Text bold inverse>
          {mark}
        </Text>
      )}
      {shown.map((it, i) => (
        <Text key={it.keys + it.label}>
          {i > 0 || mark !== undefined ? ' ' : ''}
          <Text bold inverse color={theme.key}>
            {it.keys}
          </Text>{' '}
          {it.label}
        </Text>
      ))}
    </Text>
  );
}
