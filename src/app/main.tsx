// cps-audit's entry point: the command line, then the interactive tool (real PC/SC or --demo),
// or `simulate`. The PC/SC binding is loaded only for real mode, so a machine without
// libpcsclite still runs --demo, --help and gets a French message telling what to install.

import { parseArgs, type Command } from './cli.js';
import { helpText } from './help-text.js';
import { VERSION } from './version.js';

const NOT_A_TERMINAL =
  "cps-audit : cet outil s'affiche en plein écran et doit être lancé dans un terminal (la sortie ou l'entrée est redirigée).\n" +
  "Lancez-le directement dans un terminal ; à distance, utilisez « ssh -t ».\n";

async function runTool(cmd: Extract<Command, { kind: 'run' }>): Promise<number> {
  const { demoCardProblem, startDemo, startPcsc } = await import('./wiring.js');
  const problem = cmd.demo ? demoCardProblem(cmd.card) : undefined;
  if (problem !== undefined) {
    process.stderr.write(`cps-audit : ${problem}\n`);
    return 2;
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(NOT_A_TERMINAL);
    return 1;
  }
  const started = cmd.demo ? startDemo(cmd.card, cmd.reader) : startPcsc(cmd.reader);
  if (!started.ok) {
    process.stderr.write(`cps-audit : ${started.message}\n`);
    return started.exitCode;
  }
  const { runInteractive } = await import('./run.js');
  return runInteractive({
    actor: started.actor,
    env: { version: VERSION, demo: cmd.demo, now: new Date() },
    close: started.close,
    ...(started.toggleCard ? { onToggleCard: started.toggleCard } : {}),
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  const cmd = parseArgs(argv);
  switch (cmd.kind) {
    case 'help':
      process.stdout.write(helpText(VERSION));
      return 0;
    case 'version':
      process.stdout.write(`cps-audit ${VERSION}\n`);
      return 0;
    case 'error':
      process.stderr.write(`cps-audit : ${cmd.message}\nVoir « cps-audit --help ».\n`);
      return 2;
    case 'simulate': {
      const { runSimulate } = await import('./simulate.js');
      return runSimulate(cmd.args);
    }
    case 'run':
      return runTool(cmd);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // pcsclite keeps handles open until closed; the simulator's sockets too: leave explicitly.
    process.exitCode = code;
    setImmediate(() => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`cps-audit : erreur inattendue : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(70);
  },
);
