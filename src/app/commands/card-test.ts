// `cps-audit test [--json] [--no-pin] [--reader NAME] [--demo [--card NAME]]` (issue 21): the card
// test of src/card/cps/card-test.ts on one reader's card, its checks one a line, then "N tests :
// X réussis, Y ignorés, Z échoués", and exit code 51 when a check failed. The PIN is asked on the
// terminal without echo (secret-input.ts), once, after the card was read and only when it may
// be sent; its last try is confirmed first. Prompts go to stderr: stdout is the result alone.

import { readFileSync } from 'node:fs';
import { runCardTest, type CardTestResult, type CardTestVerbs, type PinAnswer } from '../../card/cps/card-test.js';
import type { CodeStatus } from '../../card/cps/report.js';
import { codeStanding, needsConfirmation } from '../../card/cps/standing.js';
import { DEFAULT_LENGTHS, isValidCode } from '../../card/cps/codes.js';
import { rangeWords, readerMismatchWords } from '../../view/failure.js';
import { cardTestWords } from '../../view/card-test-words.js';
import { readerMatch } from '../../card/transport/reader-match.js';
import { certificatesIn, defaultTrust, withTestAnchors, type TrustStore } from '../../card/trust/chain.js';
import { t } from '../../i18n/index.js';
import { wrap } from '../../report/text.js';
import { EXIT } from '../exit-codes.js';
import { FIRST_LIST_MS, firstState } from './report.js';
import { readSecret, readYes, type SecretInput, type SecretOutput } from '../secret-input.js';
import type { Source } from '../wiring.js';
import type { Command } from '../cli/command-line.js';
import type { TraceFile } from '../trace-file.js';
import { journalInputOf } from './card-test-journal.js';
import { appendJournal } from './journal.js';
import { openedSource, unknownDemoCard } from './source.js';

/** The store of a run: the defaults, plus the test authorities of `--trust-test-root FILE`. */
export function trustFor(trustTestRoot: string | undefined): TrustStore {
  const store = defaultTrust();
  if (trustTestRoot === undefined) return store;
  let content: Buffer;
  try {
    content = readFileSync(trustTestRoot);
  } catch (e) {
    throw new Error(t('cardTest.trust.unreadable', { file: trustTestRoot, reason: (e as Error).message }), { cause: e });
  }
  if (certificatesIn(content).length === 0) throw new Error(t('cardTest.trust.none', { file: trustTestRoot }));
  return withTestAnchors(store, content);
}

/** The store of a command (test, certs), or the file error's exit code, its message written. */
export function trustOrExit(trustTestRoot: string | undefined, err: NodeJS.WritableStream = process.stderr): TrustStore | number {
  try {
    return trustFor(trustTestRoot);
  } catch (e) {
    err.write(t('cli.line', { message: e instanceof Error ? e.message : String(e) }));
    return EXIT.fileError;
  }
}

export interface Terminal {
  readonly input: SecretInput;
  readonly prompt: SecretOutput;
}

/** The PIN, asked once (three chances to type a well-formed code; nothing is sent before). */
export function askPinOn(term: Terminal): (pin: CodeStatus) => Promise<PinAnswer> {
  return async (pin) => {
    for (let round = 0; round < 3; round++) {
      const code = await readSecret(term.input, term.prompt, t('cardTest.pin.prompt'));
      if (code === null) {
        if (!term.input.isTTY) term.prompt.write(`${t('cardTest.pin.noTerminal')}\n`);
        return { kind: 'declined' };
      }
      if (!isValidCode('pin', code)) {
        code.wipe();
        term.prompt.write(`${t('cardTest.pin.bad', { reason: t('cps.pinFormat', { range: rangeWords(DEFAULT_LENGTHS.pin) }) })}\n`);
        continue;
      }
      let lastTryConfirmed = false;
      if (needsConfirmation(pin)) {
        lastTryConfirmed = await readYes(
          term.input,
          term.prompt,
          t(codeStanding(pin) === 'lastTry' ? 'cardTest.pin.lastTry' : 'cardTest.pin.unknownTries'),
        );
        if (!lastTryConfirmed) {
          code.wipe();
          return { kind: 'declined' };
        }
      }
      return { kind: 'pin', code, lastTryConfirmed };
    }
    return { kind: 'declined' };
  };
}

export interface TestCommandOptions {
  readonly source: Extract<Source, { ok: true }>;
  readonly reader?: string;
  readonly noPin: boolean;
  readonly trust: TrustStore;
  readonly terminal: Terminal;
  readonly firstListMs?: number;
}

export type TestOutcome =
  { readonly ok: true; readonly result: CardTestResult } | { readonly ok: false; readonly message: string; readonly exitCode: number };

/** The reader to test: --reader's, else the first with a card. */
export async function pickTestReader(
  o: Pick<TestCommandOptions, 'source' | 'reader' | 'firstListMs'>,
): Promise<{ ok: true; name: string } | Extract<TestOutcome, { ok: false }>> {
  const state = await firstState(o.source.transport, o.firstListMs ?? FIRST_LIST_MS);
  if (state.service.status !== 'up') {
    return {
      ok: false,
      message: state.service.message,
      exitCode: state.service.status === 'access-refused' ? EXIT.accessRefused : EXIT.serviceUnavailable,
    };
  }
  if (state.readers.length === 0) return { ok: false, message: t('msg.noReader.text'), exitCode: EXIT.noReader };
  let readers = state.readers;
  if (o.reader !== undefined) {
    const m = readerMatch(
      readers.map((r) => r.name),
      o.reader,
    );
    if (!m.ok) return { ok: false, message: readerMismatchWords(m), exitCode: EXIT.usage };
    readers = readers.filter((r) => r.name === m.name);
  }
  const withCard = readers.find((r) => r.atr);
  if (!withCard) return { ok: false, message: t('cardTest.noCard'), exitCode: EXIT.noCard };
  return { ok: true, name: withCard.name };
}

export async function runTestCommand(o: TestCommandOptions): Promise<TestOutcome> {
  const reader = await pickTestReader(o);
  if (!reader.ok) return reader;
  const cards = o.source.cards as Partial<CardTestVerbs>;
  if (!cards.inspect || !cards.signWithKeys) throw new Error('card service without the card test');
  const result = await runCardTest(reader.name, {
    cards: cards as CardTestVerbs,
    trust: o.trust,
    askPin: askPinOn(o.terminal),
    noPin: o.noPin,
  });
  return { ok: true, result };
}

/** 51 when a check failed; a card that could not be tested at all keeps the report's own codes (33, 34). */
export function testExitCode(result: CardTestResult): number {
  if (result.untested === 'unsupported') return EXIT.cardUnrecognised;
  if (result.untested === 'unreadable') return EXIT.readFailed;
  return result.counts.failed > 0 ? EXIT.testFailed : EXIT.ok;
}

const MARK = { passed: '✓', skipped: '–', failed: '✗' } as const;

/** The result in words, one check a line, the summary line last. */
export function testText(result: CardTestResult): string {
  const r = cardTestWords(result);
  const lines = [t('cardTest.title', { serial: r.serial ? t('cardTest.serial', { serial: r.serial }) : '', reader: r.reader }), ''];
  for (const c of r.checks) {
    const line = t('cardTest.line', { mark: MARK[c.status], name: c.name, status: t(`cardTest.status.${c.status}`), detail: c.detail });
    wrap(line, 78).forEach((l, i) => lines.push(i === 0 ? l : `  ${l}`));
    if (c.remedy) wrap(t('cardTest.todo', { remedy: c.remedy }), 76).forEach((l) => lines.push(`    ${l}`));
  }
  lines.push('', t('cardTest.summary', r.counts));
  return lines.join('\n') + '\n';
}

/** The result for a script (docs/card-test.md): ids and statuses are stable, words in the chosen language. */
export function testJson(result: CardTestResult): object {
  const r = cardTestWords(result);
  return {
    reader: r.reader,
    serial: r.serial,
    at: r.at.toISOString(),
    checks: r.checks.map((c) => ({
      id: c.id,
      status: c.status,
      name: c.name,
      detail: c.detail,
      ...(c.remedy ? { remedy: c.remedy } : {}),
    })),
    counts: r.counts,
    exitCode: testExitCode(result),
  };
}

export { journalInputOf } from './card-test-journal.js';

/** `cps-audit test`: the card test on one reader's card, its result on stdout, the journal's line, its exit code. */
export async function runTest(cmd: Extract<Command, { kind: 'test' }>, trace: TraceFile | undefined, version: string): Promise<number> {
  const refused = await unknownDemoCard(cmd);
  if (refused !== undefined) return refused;
  const trust = trustOrExit(cmd.trustTestRoot);
  if (typeof trust === 'number') return trust;
  const source = await openedSource(cmd, trace);
  if (typeof source === 'number') return source;
  try {
    const outcome = await runTestCommand({
      source,
      noPin: cmd.noPin,
      trust,
      terminal: { input: process.stdin, prompt: process.stderr },
      ...(cmd.reader !== undefined ? { reader: cmd.reader } : {}),
    });
    if (!outcome.ok) {
      process.stderr.write(t('cli.line', { message: outcome.message }));
      return outcome.exitCode;
    }
    process.stdout.write(cmd.json ? JSON.stringify(testJson(outcome.result), null, 2) + '\n' : testText(outcome.result));
    const line = journalInputOf(outcome.result, cmd.demo);
    if (line) {
      const written = appendJournal(line, { version });
      if (!written.ok) process.stderr.write(t('cli.line', { message: written.message }));
    }
    return testExitCode(outcome.result);
  } finally {
    await source.close();
  }
}
