/** One page of a walk, as any front door (the engine, GraphQL over HTTP) serves it. */
export interface WalkedPage {
  readonly ids: readonly string[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null | undefined;
}

export interface WalkResult {
  readonly ids: string[];
  readonly pages: number;
  readonly pageSizes: number[];
}

/**
 * The one walk loop of the tests: asks for pages, passing each page's endCursor as the next `after`, until a
 * page says there is no next one; `between` runs after each page. A walk that does not end fails.
 */
export async function walkPages(
  page: (after: string | null, index: number) => Promise<WalkedPage>,
  options: { between?: (page: number, idsSoFar: readonly string[]) => void | Promise<void>; maxPages?: number } = {},
): Promise<WalkResult> {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let after: string | null = null;
  const maxPages = options.maxPages ?? 5000;
  for (let index = 0; index < maxPages; index++) {
    const result: WalkedPage = await page(after, index);
    pageSizes.push(result.ids.length);
    ids.push(...result.ids);
    await options.between?.(index, ids);
    if (!result.hasNextPage) return { ids, pages: index + 1, pageSizes };
    if (!result.endCursor) throw new Error('hasNextPage without an endCursor');
    after = result.endCursor;
  }
  throw new Error('walk did not end');
}
