// Every submit_sm the simulator took, in order: whom it was for, what it answered, and whether the
// answer was actually written. With it a test can tell a message sent twice after a successful
// submit_sm_resp from one sent again because its answer was lost in a dropped connection.

export interface SubmitRecord {
  systemId: string;
  /** The destination, E.164 with '+' when international. */
  to: string;
  /** command_status answered (or to be answered): 0 when accepted. */
  status: number;
  /** Set when accepted. */
  smscId?: string;
  /**
   * The answer was written to the connection; false while pending, or when it never was (dropped
   * first). Written is not read: a connection dropped at that very moment may still lose it.
   */
  answered: boolean;
  /** receiptBeforeResponse: the client had answered the receipt before this answer was written. */
  receiptFirst?: boolean;
  at: Date;
}

export class SubmitLog {
  private records: SubmitRecord[] = [];

  constructor(private readonly max: number) {}

  add(record: SubmitRecord): SubmitRecord {
    if (this.records.length >= this.max) this.records = this.records.slice(Math.ceil(this.max / 2));
    this.records.push(record);
    return record;
  }

  all(): SubmitRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  clear(): void {
    this.records = [];
  }
}
