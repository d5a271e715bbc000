// Message ids the way real SMSCs hand them out: 10 hex digits, unique within one simulator run.

const SPACE = 2 ** 40;

export class MessageIds {
  private next: number;

  constructor(random: () => number = Math.random) {
    // Start somewhere random so that two runs (and two simulators) do not share ids.
    this.next = Math.floor(random() * SPACE);
  }

  take(): string {
    const id = this.next;
    this.next = (this.next + 1) % SPACE;
    return id.toString(16).padStart(10, '0');
  }
}
