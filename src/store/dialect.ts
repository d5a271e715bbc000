// Which SQL database a store runs on: the few queries that differ (row locks, SKIP LOCKED) ask this.
export type Dialect = 'sqlite' | 'postgres';
