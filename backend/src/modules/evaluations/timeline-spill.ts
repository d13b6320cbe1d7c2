import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FoldCase, FoldEvent } from './case-timeline.workflow';
import { fnv1a } from './sampling.workflow';

/**
 * Groups cases and their events into timelines without asking the database to sort (a partitioned
 * hash join). Both collections are read once in natural order. Up to `inMemoryLimit` documents are
 * grouped in memory; past that, everything is spilled to `partitions` temporary files by
 * hash(caseId), and each partition (1/`partitions` of the data) is grouped in turn. Memory stays
 * bounded whatever the number of cases, and the database does no sorting: FerretDB sorts in its
 * own memory (hundreds of MB for tens of thousands of events), MongoDB would need the index.
 */
export interface CaseTimeline {
  kase: FoldCase;
  events: FoldEvent[];
}

export interface SpillOptions {
  inMemoryLimit: number;
  partitions: number;
}

export const DEFAULT_SPILL: SpillOptions = { inMemoryLimit: 150_000, partitions: 16 };

type Item = { k: 'c'; v: FoldCase } | { k: 'e'; id: string; v: FoldEvent };

const FLUSH_BYTES = 1 << 20;

const reviveDate = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function revive(line: string): Item {
  const it = JSON.parse(line) as Item;
  if (it.k === 'c') {
    it.v.reportedAt = new Date(it.v.reportedAt);
    if (it.v.stage) it.v.stage = { name: it.v.stage.name, startedAt: reviveDate(it.v.stage.startedAt), dueAt: reviveDate(it.v.stage.dueAt) };
  } else {
    it.v.at = new Date(it.v.at);
    const left = it.v.data?.leftStage;
    if (left) it.v.data.leftStage = { ...left, startedAt: reviveDate(left.startedAt), dueAt: reviveDate(left.dueAt) };
  }
  return it;
}

function* grouped(items: Iterable<Item>): Generator<CaseTimeline> {
  const cases = new Map<string, FoldCase>();
  const events = new Map<string, FoldEvent[]>();
  for (const it of items) {
    if (it.k === 'c') cases.set(it.v.id, it.v);
    else {
      const list = events.get(it.id);
      if (list) list.push(it.v);
      else events.set(it.id, [it.v]);
    }
  }
  for (const [id, kase] of cases) yield { kase, events: (events.get(id) ?? []).sort((a, b) => a.seq - b.seq) };
}

export class TimelineGrouper {
  private items: Item[] = [];
  private dir: string | null = null;
  private pending: string[][] = [];
  private pendingBytes: number[] = [];

  constructor(private readonly opts: SpillOptions = DEFAULT_SPILL) {}

  /** Whether the data went to disk (for the benchmark's report). */
  get spilled(): boolean {
    return this.dir !== null;
  }

  /** Adds are serialised, so the two collections can be read concurrently into one grouper. */
  private queue: Promise<void> = Promise.resolve();

  addCase(v: FoldCase): Promise<void> {
    return this.enqueue({ k: 'c', v }, v.id);
  }

  addEvent(caseId: string, v: FoldEvent): Promise<void> {
    return this.enqueue({ k: 'e', id: caseId, v }, caseId);
  }

  private enqueue(it: Item, caseId: string): Promise<void> {
    // In memory (the common case) an add is synchronous; only spilling goes through the queue.
    if (!this.dir && this.items.length < this.opts.inMemoryLimit) {
      this.items.push(it);
      return this.queue;
    }
    this.queue = this.queue.then(() => this.add(it, caseId));
    return this.queue;
  }

  private async add(it: Item, caseId: string): Promise<void> {
    if (!this.dir) {
      this.items.push(it);
      if (this.items.length > this.opts.inMemoryLimit) await this.startSpilling();
      return;
    }
    const p = fnv1a(caseId) % this.opts.partitions;
    const line = JSON.stringify(it);
    this.pending[p]!.push(line);
    this.pendingBytes[p]! += line.length + 1;
    if (this.pendingBytes[p]! > FLUSH_BYTES) await this.flush(p);
  }

  private async startSpilling(): Promise<void> {
    this.dir = await mkdtemp(path.join(os.tmpdir(), 'ge-eval-spill-'));
    this.pending = Array.from({ length: this.opts.partitions }, () => []);
    this.pendingBytes = Array.from({ length: this.opts.partitions }, () => 0);
    const held = this.items;
    this.items = [];
    for (const it of held) await this.add(it, it.k === 'c' ? it.v.id : it.id);
  }

  private async flush(p: number): Promise<void> {
    if (!this.pending[p]!.length) return;
    await appendFile(path.join(this.dir!, `p${p}.ndjson`), `${this.pending[p]!.join('\n')}\n`);
    this.pending[p] = [];
    this.pendingBytes[p] = 0;
  }

  /** Removes the spill files (also when reading failed half-way). */
  async dispose(): Promise<void> {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.items = [];
  }

  /** Every case with its events in seq order, one partition at a time; removes the spill files. */
  async *timelines(): AsyncGenerator<CaseTimeline> {
    if (!this.dir) {
      const items = this.items;
      this.items = [];
      yield* grouped(items);
      return;
    }
    try {
      for (let p = 0; p < this.opts.partitions; p++) await this.flush(p);
      for (let p = 0; p < this.opts.partitions; p++) {
        const text = await readFile(path.join(this.dir, `p${p}.ndjson`), 'utf8').catch(() => '');
        yield* grouped(text.split('\n').filter(Boolean).map(revive));
      }
    } finally {
      await rm(this.dir, { recursive: true, force: true });
      this.dir = null;
    }
  }
}
