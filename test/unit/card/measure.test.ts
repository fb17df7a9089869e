// Measures (prints, does not assert speed): APDUs and time of a full read of the seed card in
// process, and of an unblock. The figures go into the lead's report.

import { describe, expect, it } from 'vitest';
import { READER, setup } from './helpers.js';

describe('measurements (printed)', () => {
  it('full read of the seed card', async () => {
    const runs: number[] = [];
    let apdus = 0;
    let bytesIn = 0;
    for (let i = 0; i < 7; i++) {
      const { service, transport, traces } = setup('seed');
      const t0 = performance.now();
      await service.read(READER);
      runs.push(performance.now() - t0);
      apdus = transport.apduCount;
      bytesIn = traces.reduce((n, t) => n + (t.response ? t.response.split(' ').length : 0), 0);
    }
    runs.sort((a, b) => a - b);
    const { service, transport } = setup('seed');
    await service.unblockPin(READER, '12345678', '2468');
    console.log(
      `[mesure] lecture complète de la carte seed en processus : ${apdus} APDU, ${bytesIn} octets reçus, ` +
        `médiane ${runs[3]!.toFixed(1)} ms (min ${runs[0]!.toFixed(1)}, max ${runs[6]!.toFixed(1)}, 7 essais) ; ` +
        `déblocage : ${transport.apduCount} APDU`,
    );
    expect(apdus).toBeGreaterThan(0);
  });
});
