// Where the native binding or libpcsclite cannot load, the transport still starts and says
// what to install, instead of crashing the tool.
import { describe, expect, it } from 'vitest';
import { isTransportError } from '../../../src/card/transport/errors.js';
import { loadPcscBinding } from '../../../src/card/transport/pcsc-binding.js';
import { createPcscTransport } from '../../../src/card/transport/pcsc.js';
import type { TransportEvent } from '../../../src/card/transport/transport.js';
import { transportErrorWords } from '../../../src/view/failure.js';

describe('PC/SC transport without its library', () => {
  it('reports the service down with the packages to install, and refuses to connect', async () => {
    const t = createPcscTransport({ load: () => ({ ok: false, detail: 'libpcsclite.so.1: cannot open shared object file' }) });
    const events: TransportEvent[] = [];
    t.watch((e) => events.push(e));
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.type === 'service' && e.service.status).toBe('down');
    if (e.type !== 'service' || e.service.status !== 'down') return;
    expect(e.service.error.kind).toBe('service-unavailable');
    // The fact, then its words (the view's, in the tool's language).
    expect(e.service.error.fact).toEqual({ reason: 'binding-missing', detail: 'libpcsclite.so.1: cannot open shared object file' });
    expect(transportErrorWords(e.service.error)).toContain('apt-get install pcscd libpcsclite1');
    expect(transportErrorWords(e.service.error)).toContain('systemctl start pcscd');
    await expect(t.connect('any', 'shared')).rejects.toSatisfy((x) => isTransportError(x, 'service-unavailable'));
    await t.close();
  });

  it('loads the real binding here (it is built on this machine)', () => {
    expect(loadPcscBinding().ok).toBe(true);
  });
});
