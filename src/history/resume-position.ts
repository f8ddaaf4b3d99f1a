/**
 * Where a vendor walk can resume: the vendor's own position (page number, offset, ...) inside a fixed
 * window. Positions only mean something in the window they were made in, and are hints: the keyset stays
 * the truth.
 */
export interface ResumePosition {
  /** The window the position belongs to, epoch ms, inclusive. */
  readonly window: { readonly from: number; readonly to: number };
  /** The vendor position (JSON). */
  readonly position: unknown;
}
