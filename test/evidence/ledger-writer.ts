// A separate OS process that records evidence and sequences it, for the concurrency and crash tests:
// `node --import tsx test/evidence/ledger-writer.ts '<DbConfig JSON>' <rounds> <entries per round>`
// (rounds 0: until killed). Each round appends its entries in one transaction (spread over three
// campaigns), prints `appended <total>`, then prints `sequencing` and sequences everything waiting.
import { openDb, type DbConfig } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { createVault } from '../../src/security/vault.ts';
import { sequence } from '../../src/store/evidence/sequence.ts';

const [configJson, roundsArg, perRoundArg] = process.argv.slice(2);
const config = JSON.parse(configJson!) as DbConfig;
const rounds = Number(roundsArg ?? 10);
const perRound = Number(perRoundArg ?? 20);
const db = await openDb(config);
const store = createStore(db, createVault(Buffer.alloc(32, 7)));
let appended = 0;
for (let round = 0; rounds === 0 || round < rounds; round += 1) {
  await db.kysely.transaction().execute((trx) =>
    store.evidence.append(
      trx,
      Array.from({ length: perRound }, (_, i) => ({ kind: 'page.opened' as const, campaignId: 1 + ((round + i) % 3), messageId: process.pid * 1000 + i, data: { first: i === 0 } })),
    ),
  );
  appended += perRound;
  process.stdout.write(`appended ${appended}\nsequencing\n`);
  for (;;) {
    if ((await sequence(db, Date.now, 500)).appended < 500) break;
  }
}
await db.close();
process.stdout.write('done\n');
