/**
 * The frames of one dispatched batch, shared by all streams: each distinct frame gets a small id,
 * and each distinct sequence of frames (dispatchers see everything, an inspector's grid sees its
 * cases…) is joined into one buffer once, however many streams write it.
 */
export class SharedFrames {
  private readonly ids = new Map<Buffer | string, number>();
  private readonly joined = new Map<string, Buffer>();

  idOf(chunk: Buffer | string): number {
    let id = this.ids.get(chunk);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(chunk, id);
    }
    return id;
  }

  join(key: string, chunks: (Buffer | string)[]): Buffer {
    let b = this.joined.get(key);
    if (!b) {
      b = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)));
      this.joined.set(key, b);
    }
    return b;
  }
}
