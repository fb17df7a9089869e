// A headless terminal's screen as an SVG image, for the README's screenshots (scripts/screenshots.ts):
// every cell with its character, colours (the 16 ANSI colours, the 256-colour palette, true colour),
// bold, dim, italic, underline and inverse; wide characters take two columns. Text runs are placed
// by column and stretched to their columns' width, so that the grid holds whatever monospace font
// the reader's browser picks from the stack.

import type { Terminal } from '@xterm/headless';

export interface Cell {
  /** The character (empty for a blank cell). */
  readonly text: string;
  /** Columns it takes: 2 for a wide character. */
  readonly width: number;
  /** Colours as #rrggbb; undefined: the terminal's default. Before inverse is applied. */
  readonly fg: string | undefined;
  readonly bg: string | undefined;
  readonly bold: boolean;
  readonly dim: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
  readonly inverse: boolean;
}

/** The 16 ANSI colours (a dark theme's), then the 6×6×6 cube and the greys of the 256-colour palette. */
const ANSI16 = [
  '#000000',
  '#cd3131',
  '#0dbc79',
  '#e5e510',
  '#2472c8',
  '#bc3fbc',
  '#11a8cd',
  '#e5e5e5',
  '#767676',
  '#f14c4c',
  '#23d18b',
  '#f5f543',
  '#3b8eea',
  '#d670d6',
  '#29b8db',
  '#ffffff',
];

export const DEFAULT_FG = '#d4d4d4';
export const DEFAULT_BG = '#1e1e1e';
export const FONT_STACK = "ui-monospace, 'DejaVu Sans Mono', 'Cascadia Mono', Menlo, Consolas, 'Liberation Mono', monospace";

const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const rgb = (r: number, g: number, b: number) => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** A palette index (0-255) as #rrggbb. */
export function paletteColour(n: number): string {
  if (n < 16) return ANSI16[n]!;
  if (n < 232) {
    const i = n - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return rgb(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
  }
  const grey = 8 + (n - 232) * 10;
  return rgb(grey, grey, grey);
}

/** The visible screen of a headless terminal, row by row (the second half of a wide character is skipped). */
export function screenCells(term: Terminal): Cell[][] {
  const buf = term.buffer.active;
  const rows: Cell[][] = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buf.getLine(buf.viewportY + y);
    const row: Cell[] = [];
    for (let x = 0; line !== undefined && x < term.cols; x++) {
      const c = line.getCell(x);
      if (c === undefined) break;
      const width = c.getWidth();
      if (width === 0) continue;
      const colour = (palette: boolean, rgbMode: boolean, value: number) =>
        palette ? paletteColour(value) : rgbMode ? rgb((value >> 16) & 255, (value >> 8) & 255, value & 255) : undefined;
      row.push({
        text: c.getChars(),
        width,
        fg: colour(c.isFgPalette(), c.isFgRGB(), c.getFgColor()),
        bg: colour(c.isBgPalette(), c.isBgRGB(), c.getBgColor()),
        bold: c.isBold() !== 0,
        dim: c.isDim() !== 0,
        italic: c.isItalic() !== 0,
        underline: c.isUnderline() !== 0,
        inverse: c.isInverse() !== 0,
      });
    }
    rows.push(row);
  }
  return rows;
}

/** Text for XML: &, <, >, and both quotes (attribute values are quoted too). */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

interface Style {
  readonly fill: string;
  readonly bg: string | undefined;
  readonly bold: boolean;
  readonly dim: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
}

/** Inverse swaps the colours, the defaults included; the background is undefined when it is the default. */
function styleOf(c: Cell): Style {
  const fg = c.fg ?? DEFAULT_FG;
  const bg = c.bg ?? DEFAULT_BG;
  const [fill, back] = c.inverse ? [bg, fg] : [fg, bg];
  return { fill, bg: back === DEFAULT_BG ? undefined : back, bold: c.bold, dim: c.dim, italic: c.italic, underline: c.underline };
}

const sameStyle = (a: Style, b: Style) =>
  a.fill === b.fill && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline;

export interface SvgOptions {
  /** A title for the image (read by screen readers, shown as a tooltip). */
  readonly title?: string;
  /** Columns of the screen (default: the longest row). */
  readonly columns?: number;
}

export const CELL_WIDTH = 8.4;
export const CELL_HEIGHT = 18;
const FONT_SIZE = 14;
const PAD = 10;

const num = (n: number) => String(Math.round(n * 100) / 100);

/** The screen as a standalone SVG document. */
export function terminalSvg(rows: readonly (readonly Cell[])[], options: SvgOptions = {}): string {
  const columns = options.columns ?? Math.max(0, ...rows.map((r) => r.reduce((n, c) => n + c.width, 0)));
  const width = PAD * 2 + columns * CELL_WIDTH;
  const height = PAD * 2 + rows.length * CELL_HEIGHT;
  const backs: string[] = [];
  const texts: string[] = [];
  rows.forEach((row, y) => {
    const top = PAD + y * CELL_HEIGHT;
    let col = 0;
    let i = 0;
    while (i < row.length) {
      const style = styleOf(row[i]!);
      const start = col;
      let text = '';
      while (i < row.length && sameStyle(styleOf(row[i]!), style)) {
        text += row[i]!.text === '' ? ' ' : row[i]!.text;
        col += row[i]!.width;
        i++;
      }
      const span = col - start;
      const x = PAD + start * CELL_WIDTH;
      if (style.bg !== undefined)
        backs.push(`<rect x="${num(x)}" y="${num(top)}" width="${num(span * CELL_WIDTH)}" height="${CELL_HEIGHT}" fill="${style.bg}"/>`);
      // Blanks at the end of a run draw nothing: left out (the background rect, if any, is drawn).
      const shown = text.trimEnd();
      if (shown === '') continue;
      const cols = span - (text.length - shown.length);
      const attrs = [
        `x="${num(x)}"`,
        `y="${num(top + FONT_SIZE)}"`,
        `textLength="${num(cols * CELL_WIDTH)}"`,
        'lengthAdjust="spacingAndGlyphs"',
        `fill="${style.fill}"`,
        ...(style.bold ? ['font-weight="bold"'] : []),
        ...(style.dim ? ['opacity="0.6"'] : []),
        ...(style.italic ? ['font-style="italic"'] : []),
        ...(style.underline ? ['text-decoration="underline"'] : []),
      ];
      texts.push(`<text ${attrs.join(' ')}>${escapeXml(shown)}</text>`);
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${escapeXml(FONT_STACK)}" font-size="${FONT_SIZE}" xml:space="preserve">`,
    ...(options.title !== undefined ? [`<title>${escapeXml(options.title)}</title>`] : []),
    `<rect width="100%" height="100%" rx="6" fill="${DEFAULT_BG}"/>`,
    ...backs,
    ...texts,
    '</svg>',
    '',
  ].join('\n');
}
