// A carrier on a bad day on PostgreSQL (the scenario: bad-day.ts; SQLite: faults.test.ts).
import { badDay } from './bad-day.ts';

badDay('postgres');
