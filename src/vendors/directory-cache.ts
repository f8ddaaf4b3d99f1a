import { Extension } from '../domain/call-session';

/**
 * A vendor's extension directory, loaded whole and kept for a TTL, shared by every request of one adapter:
 * a page of sessions naming many extensions costs at most one directory load when cold and none when warm.
 * One load at a time; a failed load is not cached.
 */
export class DirectoryCache {
  private entries: Map<string, Extension> | null = null;
  private loadedAt = 0;
  private inflight: Promise<Map<string, Extension>> | null = null;

  constructor(
    private readonly load: (signal: AbortSignal) => Promise<Extension[]>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async lookup(nativeIds: readonly string[], signal: AbortSignal): Promise<Array<Extension | null>> {
    const directory = await this.directory(signal);
    return nativeIds.map((id) => directory.get(id) ?? null);
  }

  private async directory(signal: AbortSignal): Promise<Map<string, Extension>> {
    if (this.entries && this.now() - this.loadedAt < this.ttlMs) return this.entries;
    this.inflight ??= this.load(signal)
      .then((list) => {
        this.entries = new Map(list.map((e) => [e.nativeId, e]));
        this.loadedAt = this.now();
        return this.entries;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }
}
