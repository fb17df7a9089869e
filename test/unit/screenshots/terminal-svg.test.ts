// The screenshots' SVG renderer (scripts/terminal-svg.ts) on a real headless terminal fed with
// escape sequences: text escaped for XML, colours mapped, bold and inverse kept, wide characters
// on two columns, the grid placed by column.

import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import {
  CELL_WIDTH,
  DEFAULT_BG,
  DEFAULT_FG,
  FONT_STACK,
  escapeXml,
  paletteColour,
  screenCells,
  terminalSvg,
} from '../../../scripts/terminal-svg.js';

const { Terminal } = xterm;

async function screenOf(data: string, cols = 20, rows = 3) {
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(data, resolve));
  return screenCells(term);
}

/** The <text> elements of an SVG: their x, fill, attributes and content. */
function texts(svg: string): { x: number; y: number; fill: string; attrs: string; body: string }[] {
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(/ ?x="([\d.]+)"/.exec(m[1]!)![1]),
    y: Number(/ y="([\d.]+)"/.exec(m[1]!)![1]),
    fill: /fill="([^"]+)"/.exec(m[1]!)![1]!,
    attrs: m[1]!,
    body: m[2]!,
  }));
}

describe('terminal screen as SVG', () => {
  it('escapes <, >, &, and both quotes, in text and in the title', async () => {
    const svg = terminalSvg(await screenOf(`a<b & "c" 'd'>`), { title: 'x < y & "z"' });
    expect(svg).toContain('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;');
    expect(svg).toContain('<title>x &lt; y &amp; &quot;z&quot;</title>');
    // Nothing raw left: the only < are the tags'.
    for (const t of texts(svg)) expect(t.body).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('maps the ANSI colours, the 256 palette and true colour; the default colours stay the theme’s', async () => {
    const svg = terminalSvg(
      await screenOf('\u001b[31mR\u001b[0m \u001b[96mC\u001b[0m \u001b[38;5;196mP\u001b[0m \u001b[38;2;1;2;3mT\u001b[0m D'),
    );
    const byBody = Object.fromEntries(texts(svg).map((t) => [t.body.trim(), t.fill]));
    expect(byBody.R).toBe(paletteColour(1));
    expect(byBody.C).toBe(paletteColour(14));
    expect(byBody.P).toBe('#ff0000');
    expect(byBody.T).toBe('#010203');
    expect(byBody.D).toBe(DEFAULT_FG);
    expect(paletteColour(16)).toBe('#000000');
    expect(paletteColour(231)).toBe('#ffffff');
    expect(paletteColour(232)).toBe('#080808');
    expect(svg).toContain(`fill="${DEFAULT_BG}"`);
  });

  it('keeps bold, and inverse swaps the colours (defaults included) with a background cell', async () => {
    const svg = terminalSvg(await screenOf('\u001b[1mB\u001b[0m \u001b[7mI\u001b[0m \u001b[7;36mK\u001b[0m'));
    const t = texts(svg);
    const b = t.find((x) => x.body === 'B')!;
    expect(b.attrs).toContain('font-weight="bold"');
    const i = t.find((x) => x.body === 'I')!;
    expect(i.fill).toBe(DEFAULT_BG);
    expect(i.attrs).not.toContain('font-weight');
    expect(svg).toMatch(new RegExp(`<rect x="${i.x}" y="[\\d.]+" width="${CELL_WIDTH}" height="\\d+" fill="${DEFAULT_FG}"/>`));
    const k = t.find((x) => x.body === 'K')!;
    expect(k.fill).toBe(DEFAULT_BG);
    expect(svg).toMatch(new RegExp(`<rect x="${k.x}" [^>]*fill="${paletteColour(6)}"/>`));
  });

  it('a wide character takes two columns: what follows stays on the grid', async () => {
    const rows = await screenOf('漢\u001b[1mX\u001b[0m');
    expect(rows[0]![0]).toMatchObject({ text: '漢', width: 2 });
    const t = texts(terminalSvg(rows));
    const wide = t.find((x) => x.body === '漢')!;
    const after = t.find((x) => x.body === 'X')!;
    expect(after.x - wide.x).toBeCloseTo(2 * CELL_WIDTH, 5);
    expect(wide.attrs).toContain(`textLength="${2 * CELL_WIDTH}"`);
  });

  it('places rows by line and columns by cell, in a monospace font stack, one standalone document', async () => {
    const svg = terminalSvg(await screenOf('ab\r\n   cd'), { columns: 20 });
    const [first, second] = texts(svg);
    expect(second!.y).toBeGreaterThan(first!.y);
    // "   cd": the spaces are part of the run, at column 0 of the second row, kept as they are.
    expect(second!.body).toBe('   cd');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('xml:space="preserve"');
    expect(svg).toContain(`font-family="${escapeXml(FONT_STACK)}"`);
    expect(svg).toMatch(/width="188(\.\d+)?"/); // 20 columns and the padding
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
