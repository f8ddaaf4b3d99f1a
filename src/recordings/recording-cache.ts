import { LRUCache } from 'lru-cache';
import { RecordingContent } from '../vendors/adapter';

/** A recording's bytes, read whole from its vendor once. */
export interface KeptRecording {
  readonly bytes: Buffer;
  readonly contentType: string;
}

/** Why a recording is not kept: the vendor has none, or it is larger than one kept recording may be (stream it). */
export type NotKept = 'not-found' | 'too-large';

/**
 * Recordings kept in memory, bounded in bytes (least recently used out first), so that every Range request and
 * HEAD of a link is answered from one vendor download: a player seeking through a file used to cost one vendor
 * request per seek, on the same budget as listing. Concurrent first requests share the one download.
 */
export class RecordingCache {
  private readonly kept: LRUCache<string, KeptRecording>;
  private readonly loading = new Map<string, Promise<KeptRecording | NotKept>>();

  constructor(
    maxBytes: number,
    /** The largest recording kept; a larger one is streamed to each request instead. */
    private readonly maxItemBytes: number,
  ) {
    this.kept = new LRUCache<string, KeptRecording>({ maxSize: maxBytes, maxEntrySize: Math.min(maxItemBytes, maxBytes), sizeCalculation: (r) => Math.max(1, r.bytes.length) });
  }

  /** The recording under `key`, downloaded whole with `open` when it is not kept yet. */
  async get(key: string, open: () => Promise<RecordingContent | null>): Promise<KeptRecording | NotKept> {
    const kept = this.kept.get(key);
    if (kept) return kept;
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.download(open)
        .then((result) => {
          if (typeof result !== 'string') this.kept.set(key, result);
          return result;
        })
        .finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  /** Bytes kept now (for the metrics and tests). */
  get size(): number {
    return this.kept.calculatedSize;
  }

  private async download(open: () => Promise<RecordingContent | null>): Promise<KeptRecording | NotKept> {
    const content = await open();
    if (!content) return 'not-found';
    const declared = Number(content.headers['content-length']);
    if (content.status !== 200 || (Number.isFinite(declared) && declared > this.maxItemBytes)) {
      content.body.destroy();
      return 'too-large';
    }
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of content.body) {
      length += (chunk as Buffer).length;
      // A body longer than it said, or than a kept recording may be: stop reading, stream it instead.
      if (length > this.maxItemBytes) {
        content.body.destroy();
        return 'too-large';
      }
      chunks.push(chunk as Buffer);
    }
    return { bytes: Buffer.concat(chunks, length), contentType: content.contentType };
  }
}
