// Bounded waits for the system tests: poll until true, fail with what was awaited.

export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`attente dépassée (${ms} ms) : ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
