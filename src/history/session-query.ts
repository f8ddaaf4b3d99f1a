import { PageRequest } from './page-direction';
import { CallDirection, CallResult } from '../domain/enums';
import { Provider } from '../domain/provider';
import { SortOrder } from '../domain/ordering';

/** What to do when a vendor fails during a page. */
export enum ProviderErrorPolicy {
  /** Return the healthy vendors' rows and name the failed accounts. */
  PARTIAL = 'PARTIAL',
  /** Return no page; the same cursor can be retried. */
  FAIL = 'FAIL',
}

/** The filter as the client gave it (already type-checked by the schema). */
export interface SessionFilterInput {
  readonly from?: Date | null;
  readonly to?: Date | null;
  readonly providers?: readonly Provider[] | null;
  readonly accounts?: readonly string[] | null;
  readonly directions?: readonly CallDirection[] | null;
  readonly results?: readonly CallResult[] | null;
  readonly phoneNumber?: string | null;
  /** The country (ISO alpha-2) a national phoneNumber is read with, instead of each account's default. */
  readonly phoneCountry?: string | null;
  /** Global Extension ids. */
  readonly extensionIds?: readonly string[] | null;
  readonly hasRecording?: boolean | null;
  readonly minDuration?: number | null;
}

/** A page of a walk, either way: backward, in the same order, the row nearest `before` last. */
export interface SessionQuery extends PageRequest {
  readonly filter: SessionFilterInput;
  readonly order: SortOrder;
  readonly onProviderError: ProviderErrorPolicy;
  /** Whether the operation selects legs or recordings (fetch them with the rows where the vendor can). */
  readonly withDetail: boolean;
}
