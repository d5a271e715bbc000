// Polls until a condition holds (or fails the test with what it was waiting for and what it last saw).
export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 30_000, everyMs = 50, show?: () => Promise<unknown>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) {
      const seen = show ? ` (last seen: ${JSON.stringify(await show().catch((e: unknown) => String(e)))})` : '';
      throw new Error(`timed out waiting for ${what}${seen}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
