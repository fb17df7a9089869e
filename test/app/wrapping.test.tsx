// Wrapped help and notice lines keep their indentation: a paragraph after a marker ("✖ ") or an
// indent of two spaces wraps under its first word, at 80 columns and at a narrow width, in French
// and in English (the texts are the catalogue's own, the longest the screens show).

import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it } from 'vitest';
import { helpSections } from '../../src/app/tui/keys.js';
import { setLanguage, t, LANGS, type Lang } from '../../src/i18n/index.js';
import { lastTryWarning } from '../../src/machine/messages.js';
import { noticeModel } from '../../src/view/present.js';
import { HelpScreen } from '../../src/screens/help-screen.js';
import { NoticeView } from '../../src/screens/notice.js';
import { StatusPanel } from '../../src/screens/status-panel.js';
import { NO_COLOUR_THEME, ThemeContext } from '../../src/screens/theme.js';
import type { ReactNode } from 'react';
import { noticeWords } from '../../src/view/failure.js';

function frameAt(width: number, node: ReactNode): string[] {
  const r = render(
    <ThemeContext.Provider value={NO_COLOUR_THEME}>
      <Box width={width} flexDirection="column">
        {node}
      </Box>
    </ThemeContext.Provider>,
  );
  const lines = (r.lastFrame() ?? '').split('\n').map((l) => l.trimEnd());
  r.unmount();
  return lines;
}

/** The words of a frame, whatever the line breaks: what wraps is the same text. */
const words = (lines: readonly string[]) => lines.join(' ').split(/\s+/).filter(Boolean).join(' ');

afterAll(() => setLanguage('fr'));

describe.each(LANGS)('wrapped lines keep their indentation (%s)', (lang: Lang) => {
  // The longest the screens show: pcscd missing (the status panel), the last try (a notice).
  const pcscd = () => ({
    tone: 'error' as const,
    text: t('status.serviceUnavailable.text'),
    remedy: t('status.serviceUnavailable.remedy'),
  });
  const lastTry = () => lastTryWarning('unblock', 1);

  it.each([80, 40])('a notice at %i columns: its text under its first word, its remedy indented by two', (width) => {
    setLanguage(lang);
    const lines = frameAt(width, <NoticeView notice={noticeModel(lastTry())} />);
    const n = noticeWords(lastTry());
    expect(lines[0]).toMatch(/^⚠ \S/);
    // Wrapped: more lines than the two paragraphs; every line after the first is indented by two.
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines.slice(1)) expect(line, lines.join('\n')).toMatch(/^ {2}\S/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    // Nothing lost to the wrapping.
    expect(words(lines)).toBe(words([`⚠ ${n.text}`, n.remedy ?? '']));
  });

  it.each([80, 40])('the status panel at %i columns (pcscd missing) wraps the same way', (width) => {
    setLanguage(lang);
    const n = pcscd();
    const lines = frameAt(width, <StatusPanel status={{ name: 'x', text: n.text, remedy: n.remedy, tone: 'danger' }} />);
    expect(lines[0]).toMatch(/^✖ \S/);
    for (const line of lines.slice(1)) expect(line, lines.join('\n')).toMatch(/^ {2}\S/);
  });

  it.each([80, 50])('the help at %i columns: a long description wraps in its own column', (width) => {
    setLanguage(lang);
    const all = frameAt(width, <HelpScreen sections={helpSections()} />);
    const titles = helpSections().map((s) => s.title);
    // From the first group on (the intro above is a paragraph at the left edge).
    const lines = all.slice(all.indexOf(titles[0]!));
    const rows = lines.filter((l) => l.startsWith(' '));
    expect(rows.filter((l) => /^ {18}\S/.test(l)).length, lines.join('\n')).toBeGreaterThan(0);
    // A row line starts with its keys (two spaces in) or continues a description at its column:
    // nothing wraps back to the edge, nor one space off the column.
    for (const l of rows) expect(l, lines.join('\n')).toMatch(/^ {2}\S|^ {18}\S/);
    for (const l of lines) if (l !== '' && !l.startsWith(' ')) expect(titles).toContain(l);
  });
});

describe('the reference wording', () => {
  it('French: the pcscd remedy at 80 columns keeps its indent on its second line', () => {
    setLanguage('fr');
    const lines = frameAt(
      80,
      <StatusPanel
        status={{ name: 'x', text: t('status.serviceUnavailable.text'), remedy: t('status.serviceUnavailable.remedy'), tone: 'danger' }}
      />,
    );
    expect(lines[0]).toMatch(/^✖ Le service des cartes à puce \(pcscd\) ne répond pas/);
    expect(lines[1]).toMatch(/^ {2}accessible\.$/);
    expect(lines[2]).toMatch(/^ {2}Démarrez-le/);
    expect(lines[3]).toMatch(/^ {2}\S/);
  });
});
