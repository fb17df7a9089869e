// Hands-on demo of the reader with a keypad (issue 20, docs/pinpad.md). Test equipment: it starts
// the test harness's pcscd (no other pcscd may run: `sudo systemctl stop pcscd.socket pcscd`)
// with the test reader with a keypad, puts a simulated card behind it, and acts as the reader's
// keypad on this terminal: each time the reader asks, type the keys and Enter (digits, O for OK,
// C for cancel, T for the timer running out). Run cps-audit in another terminal.
//   sudo npx tsx scripts/pinpad-demo.ts [fixture]
import readline from 'node:readline';
import { createFixtureCard, isFixtureName } from '../src/card/simulator/fixtures.js';
import { VirtualCard } from '../src/card/vpcd/virtual-card.js';
import { startPcscd } from './lib/pcscd.js';
import { Keypad, PINPAD_PORTS } from './lib/pinpad-reader.js';

const fixture = process.argv[2] ?? 'seed';
if (!isFixtureName(fixture)) throw new Error(`carte simulée inconnue : ${fixture}`);
const keypad = new Keypad();
await keypad.listen();
const pcscd = await startPcscd({ pinpad: [{ port: PINPAD_PORTS[0], keypad: keypad.path }] });
const card = new VirtualCard(createFixtureCard(fixture), { port: PINPAD_PORTS[0] });
await card.insert();
console.log(`Carte « ${fixture} » dans le lecteur à clavier. Lancez cps-audit dans un autre terminal ; Ctrl-C ici pour finir.`);
keypad.onPrompt = (p) =>
  console.log(
    `Le lecteur demande (${p.entry}, ${p.min} à ${p.max} chiffres, ${p.timeout} s) : tapez les touches puis Entrée (O = OK, C = annuler).`,
  );
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (l) => {
  try {
    keypad.press(l.trim());
  } catch (e) {
    console.log(e instanceof Error ? e.message : String(e));
  }
});
process.once('SIGINT', () => {
  lines.close();
  void card
    .remove()
    .then(() => pcscd.dispose())
    .then(() => keypad.close())
    .then(() => process.exit(0));
});
