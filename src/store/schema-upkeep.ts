// Table shapes of migration 0017's upkeep bookkeeping: when each daily upkeep last ran, so that among
// several workers only one runs it per day.
export interface UpkeepRunTable {
  name: string;
  last_run_at: number;
}

export interface UpkeepTables {
  upkeep_runs: UpkeepRunTable;
}
