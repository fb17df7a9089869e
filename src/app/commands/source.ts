// Where a command that reads a card finds it: the simulated card of --demo or the readers through
// pcscd (wiring.ts). An unknown simulated card is refused before anything is opened.

import { t } from '../../i18n/index.js';
import { EXIT } from '../exit-codes.js';
import type { TraceFile } from '../trace-file.js';
import type { Source } from '../wiring.js';

export interface SourceChoice {
  readonly demo: boolean;
  readonly card: string;
  readonly realSpeed?: boolean;
}

/** The usage exit code, its message written, when --demo names a card there is not; else undefined. */
export async function unknownDemoCard(cmd: SourceChoice, err: NodeJS.WritableStream = process.stderr): Promise<number | undefined> {
  if (!cmd.demo) return undefined;
  const problem = (await import('../wiring.js')).demoCardProblem(cmd.card);
  if (problem === undefined) return undefined;
  err.write(t('cli.line', { message: problem }));
  return EXIT.usage;
}

/** The source, opened or not (a report says why not). */
export async function openSource(cmd: SourceChoice, trace: TraceFile | undefined): Promise<Source> {
  const { demoSource, pcscSource } = await import('../wiring.js');
  return cmd.demo ? demoSource(cmd.card, trace, cmd.realSpeed === true) : pcscSource(trace);
}

/** The opened source, or the exit code of why it could not be opened, its message written. */
export async function openedSource(
  cmd: SourceChoice,
  trace: TraceFile | undefined,
  err: NodeJS.WritableStream = process.stderr,
): Promise<Extract<Source, { ok: true }> | number> {
  const source = await openSource(cmd, trace);
  if (source.ok) return source;
  err.write(t('cli.line', { message: source.message }));
  return source.exitCode;
}
