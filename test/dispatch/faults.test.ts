// A carrier on a bad day on SQLite (the scenario: bad-day.ts; PostgreSQL: faults-postgres.test.ts).
import { badDay } from './bad-day.ts';

badDay('sqlite');
