// First start: an API key for the CLI on this machine, written to the data directory (mode 0600).
// The key itself is never logged.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';

export async function ensureDevApiKey(store: Store, dataDir: string, log: Logger): Promise<string | null> {
  const file = join(dataDir, 'dev-api-key');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (await store.apiKeys.verify(secret)) return secret;
  }
  if ((await store.apiKeys.list()).some((k) => k.name === 'development' && k.revoked_at === null) && !existsSync(file)) return null;
  // The CLI of this machine's owner: it can do everything, API keys included.
  const { secret } = await store.apiKeys.create('development', undefined, 'admin');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  log.info({ file }, 'created a development API key for the CLI');
  return secret;
}
