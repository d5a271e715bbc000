// Joining the parts of concatenated messages as they arrive, in any order. Incomplete messages are
// dropped after maxAgeMs so that memory stays bounded. A completed message stays until forget(), so
// that a caller who fails to store it can have its last part delivered again and complete it anew.

export interface ReassemblyOptions {
  maxAgeMs: number;
  now: () => number;
}

interface Group<T> {
  startedAt: number;
  parts: Array<T | undefined>;
  have: number;
}

export class Reassembler<T> {
  private readonly groups = new Map<string, Group<T>>();

  constructor(private readonly options: ReassemblyOptions) {}

  /** Adds part `seq` (1-based) of `total`; returns every part in order once all are here. */
  add(key: string, total: number, seq: number, part: T): T[] | null {
    this.expire();
    let group = this.groups.get(key);
    if (!group || group.parts.length !== total) {
      group = { startedAt: this.options.now(), parts: new Array<T | undefined>(total), have: 0 };
      this.groups.delete(key);
      this.groups.set(key, group);
    }
    if (group.parts[seq - 1] === undefined) group.have += 1;
    group.parts[seq - 1] = part;
    return group.have === total ? (group.parts as T[]) : null;
  }

  forget(key: string): void {
    this.groups.delete(key);
  }

  /** Messages still waiting for parts. */
  size(): number {
    return this.groups.size;
  }

  // Map iteration follows insertion order, and a group is (re)inserted when it starts: oldest first.
  private expire(): void {
    const oldest = this.options.now() - this.options.maxAgeMs;
    for (const [key, group] of this.groups) {
      if (group.startedAt > oldest) break;
      this.groups.delete(key);
    }
  }
}
