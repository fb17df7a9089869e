// cps-audit's entry point: the command line, then the interactive tool (real PC/SC or --demo),
// `report`, `diagnose` or `simulate`. The PC/SC binding is loaded only where it is needed, so a
// machine without libpcsclite still runs --demo, --help, report --demo and diagnose, and gets a
// message telling what to install. Every exit code comes from exit-codes.ts.

import { arch, platform, release } from 'node:os';
import { maskDigits } from '../view/mask.js';
import { langOf } from './cli/args.js';
import { parseArgs, type Command } from './cli/command-line.js';
import { EXIT } from './exit-codes.js';
import { commandHelp, helpText } from './cli/help-text.js';
import { nodeVersion, pcscLiteVersion, probeBinding } from './system-info.js';
import { openTrace, type TraceFile } from './trace-file.js';
import { VERSION } from './version.js';
import { rememberTrace } from './last-trace.js';
import { detectLanguage, setLanguage, t } from '../i18n/index.js';

/** The Cryptolib's DICO-FR.GIP, where installed, for the codes our tables lack (issue 22). */
async function useDictionary(): Promise<void> {
  const { installedDictionary, workstation } = await import('./commands/workstation.js');
  const { useInstalledDictionary } = await import('../card/cps/nomenclatures.js');
  useInstalledDictionary(installedDictionary(workstation()));
}

/** Opens --trace FILE when asked; undefined when not asked; an exit code when it cannot. */
function traceFor(cmd: { readonly trace?: string }, argv: readonly string[]): TraceFile | undefined | number {
  if (cmd.trace === undefined) return undefined;
  const pcsc = pcscLiteVersion();
  const opened = openTrace(cmd.trace, [
    t('trace.head.tool', { version: VERSION }),
    t('trace.head.node', { version: nodeVersion() }),
    t('trace.head.pcscLite', { version: pcsc.version ? `${pcsc.version} (${pcsc.from})` : t('trace.head.unknown') }),
    t('trace.head.system', { system: `${platform()} ${release()} ${arch()}` }),
    t('trace.head.command', { command: `cps-audit ${argv.map(maskDigits).join(' ')}` }),
    t('trace.head.start', { time: new Date().toISOString() }),
    t('trace.head.masked'),
  ]);
  if (!opened.ok) {
    process.stderr.write(t('cli.line', { message: opened.message }));
    return EXIT.fileError;
  }
  rememberTrace(cmd.trace);
  return opened.trace;
}

async function runTool(cmd: Extract<Command, { kind: 'run' }>, trace: TraceFile | undefined): Promise<number> {
  // Before any code is typed: no core dump of this process (no-core.ts).
  (await import('./no-core.js')).refuseCoreDumps();
  const { demoCardProblem, demoSource, pcscSource } = await import('./wiring.js');
  const problem = cmd.demo ? demoCardProblem(cmd.card) : undefined;
  if (problem !== undefined) {
    process.stderr.write(t('cli.line', { message: problem }));
    return EXIT.usage;
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(t('cli.notTerminal'));
    return EXIT.notTerminal;
  }
  // The raw bytes a code is typed or pasted in, zeroed once read (input-wipe.ts).
  (await import('./tui/input-wipe.js')).wipeInputChunks(process.stdin);
  const source = cmd.demo ? demoSource(cmd.card, trace, cmd.realSpeed === true) : pcscSource(trace);
  if (!source.ok) {
    process.stderr.write(t('cli.line', { message: source.message }));
    return source.exitCode;
  }
  const { createAudit } = await import('./wiring.js');
  // What an earlier run could not tell (the state file, last-run.ts); never for the demo's card.
  const kept = cmd.demo ? undefined : await lastRunState();
  const previous = kept?.previous;
  const actor = createAudit(source.transport, cmd.reader, source.cards, {
    noPinpad: cmd.noPinpad === true,
    unblockInterrupted: previous?.resume === true ? previous.serial : undefined,
  });
  actor.start();
  const lastRun = kept === undefined ? undefined : kept.keep(actor);
  // The journal of operations (issue 22): one line per operation that lands; --no-journal: none.
  const { journalAppender, recordOperations } = await import('./journal-record.js');
  const journal = cmd.noJournal === true ? undefined : recordOperations(actor, journalAppender({ version: VERSION }), { demo: cmd.demo });
  const { accessibleWanted, runAccessible } = await import('./tui/accessible.js');
  const { runInteractive } = await import('./tui/run.js');
  const accessible = accessibleWanted(cmd.accessible === true, process.env);
  // The full screen's first frame shows the first part of the read when it comes at once (first-frame.ts).
  if (!accessible) await (await import('./tui/first-frame.js')).firstFrameReady(actor);
  const run = accessible ? runAccessible : runInteractive;
  const code = await run({
    actor,
    env: { version: VERSION, demo: cmd.demo, now: new Date(), ...(kept?.note !== undefined ? { lastRun: kept.note } : {}) },
    close: source.close,
    ...(source.toggleCard ? { onToggleCard: source.toggleCard } : {}),
    ...(lastRun !== undefined ? { lastRun } : {}),
  });
  journal?.close(actor.getSnapshot());
  const failed = journal?.failure();
  if (failed !== undefined) process.stderr.write(t('journal.notWritten', { message: failed }));
  return code;
}

/** The state folder's record of the last run, and how to keep it; undefined if the folder cannot be used. */
async function lastRunState() {
  const { ensureStateDir } = await import('./state-dir.js');
  const dir = ensureStateDir();
  if (!dir.ok) return undefined;
  const { keepLastRun, lastRunLines, readLastRun } = await import('./last-run.js');
  const previous = readLastRun(dir.path);
  const lines = previous === undefined ? [] : lastRunLines(previous);
  return {
    previous,
    note: previous !== undefined && lines.length > 0 ? { serial: previous.serial, lines } : undefined,
    keep: (actor: Parameters<typeof keepLastRun>[0]) => keepLastRun(actor, dir.path, previous),
  };
}

function versionText(): string {
  const b = probeBinding();
  return (
    `cps-audit ${VERSION}\n` +
    `Node ${nodeVersion()}\n` +
    `${b.loaded ? t('cli.version.loaded') : t('cli.version.notLoaded', { detail: b.detail })}\n`
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  // The language is chosen once, before anything is built or shown (src/i18n).
  setLanguage(detectLanguage(langOf(argv), process.env));
  const cmd = parseArgs(argv);
  switch (cmd.kind) {
    case 'help':
      if (cmd.verb === 'test' || cmd.verb === 'certs') {
        const { verbHelp } = await import('./cli/card-test-help.js');
        process.stdout.write(verbHelp(cmd.verb));
      } else process.stdout.write(cmd.verb === undefined ? helpText(VERSION) : commandHelp(cmd.verb));
      return EXIT.ok;
    case 'version':
      process.stdout.write(versionText());
      return EXIT.ok;
    case 'error':
      process.stderr.write(t('cli.error', { message: cmd.message }));
      return EXIT.usage;
    case 'journal':
      return (await import('./commands/journal.js')).runJournal(cmd);
    case 'bundle': {
      await useDictionary();
      const { runBundle } = await import('./commands/bundle.js');
      return runBundle(cmd, VERSION);
    }
    case 'simulate': {
      const { runSimulate } = await import('./commands/simulate.js');
      return runSimulate(cmd.args);
    }
    case 'run':
    case 'report':
    case 'test':
    case 'certs':
    case 'diagnose': {
      const trace = traceFor(cmd, argv);
      if (typeof trace === 'number') return trace;
      if (cmd.kind !== 'diagnose') await useDictionary();
      try {
        if (cmd.kind === 'run') return await runTool(cmd, trace);
        if (cmd.kind === 'report') return await (await import('./commands/report.js')).runReport(cmd, trace, VERSION);
        if (cmd.kind === 'test') return await (await import('./commands/card-test.js')).runTest(cmd, trace, VERSION);
        if (cmd.kind === 'certs') return await (await import('./commands/certs.js')).runCerts(cmd, trace);
        const { runDiagnose } = await import('./commands/diagnose.js');
        return await runDiagnose({ json: cmd.json, version: VERSION, ...(trace ? { trace } : {}) });
      } finally {
        trace?.close();
      }
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // pcsclite keeps handles open until closed; the simulator's sockets too: leave explicitly.
    process.exitCode = code;
    setImmediate(() => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(t('cli.unexpected', { detail: error instanceof Error ? error.message : String(error) }));
    process.exit(EXIT.internal);
  },
);
