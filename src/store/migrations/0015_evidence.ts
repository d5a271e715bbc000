// The evidence ledger (core/evidence/): entries appended in the transaction of the fact they record
// (leaf_index NULL), then sequenced into a Merkle tree by one sequencer at a time (leaf_index, n,
// leaf_hash set once); stored hashes of complete subtrees (evidence_nodes) make proofs cheap; the
// frontier of the tree (evidence_state) makes appending O(log n); signed and time-stamped tree heads
// (evidence_heads); sealed content that entries commit to (evidence_content). No foreign keys: the
// ledger outlives any row it names.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

export function evidence(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('evidence_entries'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('campaign_id', ref)
        .addColumn('message_id', ref)
        .addColumn('data_json', 'text', (c) => c.notNull())
        // Set once by the sequencer: position in the tree, number within the campaign, RFC 9162 leaf hash.
        .addColumn('leaf_index', 'bigint', (c) => c.unique())
        .addColumn('n', 'integer')
        .addColumn('leaf_hash', 'text')
        .execute();
      await db.schema.createIndex('evidence_entries_unsequenced').on('evidence_entries').column('id').where(sql.ref('leaf_index'), 'is', null).execute();
      await db.schema.createIndex('evidence_entries_campaign').on('evidence_entries').columns(['campaign_id', 'n']).execute();
      await db.schema.createIndex('evidence_entries_message').on('evidence_entries').column('message_id').execute();

      await db.schema
        .createTable('evidence_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('evidence_nodes_pkey', ['level', 'idx'])
        .execute();

      await db.schema
        .createTable('evidence_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('frontier_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('evidence_state' as never).values({ id: 1, size: 0, frontier_json: '[]', updated_at: 0 } as never).execute();

      await withId(db.schema.createTable('evidence_heads'), dialect)
        .addColumn('tree_size', 'bigint', (c) => c.notNull())
        .addColumn('root_hash', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'bigint', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('tsa_url', 'text')
        .addColumn('tsa_token', 'text')
        .addColumn('tsa_time', 'bigint')
        .addColumn('skew_ms', 'integer')
        .execute();
      await db.schema.createIndex('evidence_heads_size').on('evidence_heads').column('tree_size').execute();

      await db.schema
        .createTable('evidence_content')
        .addColumn('commitment', 'text', (c) => c.primaryKey())
        .addColumn('content_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
