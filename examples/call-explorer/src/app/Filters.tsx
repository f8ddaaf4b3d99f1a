import { useQuery } from '@apollo/client';
import { useEffect, useState } from 'react';
import { DIRECTIONS, PROVIDER_NAMES, RESULTS, word } from './labels';
import { EXTENSIONS } from './operations';
import { ExtensionOption, FilterState, NO_FILTER, Provider } from './types';

interface Props {
  value: FilterState;
  onChange(next: FilterState): void;
}

/** Vendor, direction, result, extension and phone number: each becomes a field of `CallSessionFilter`. */
export function Filters({ value, onChange }: Props) {
  const [phone, setPhone] = useState(value.phone);
  const set = (patch: Partial<FilterState>) => onChange({ ...value, ...patch });
  return (
    <section className="filters" aria-label="Filters">
      <label>
        Vendor
        <select data-testid="filter-provider" value={value.provider} onChange={(e) => set({ provider: e.target.value as Provider | '', extension: null })}>
          <option value="">All vendors</option>
          {(Object.keys(PROVIDER_NAMES) as Provider[]).map((p) => (
            <option key={p} value={p}>
              {PROVIDER_NAMES[p]}
            </option>
          ))}
        </select>
      </label>
      <EnumChoice label="Direction" testId="filter-direction" values={DIRECTIONS} value={value.direction} onChange={(direction) => set({ direction })} />
      <EnumChoice label="Result" testId="filter-result" values={RESULTS} value={value.result} onChange={(result) => set({ result })} />
      <ExtensionPicker provider={value.provider} value={value.extension} onChange={(extension) => set({ extension })} />
      <form
        className="phone"
        onSubmit={(event) => {
          event.preventDefault();
          set({ phone: phone.trim() });
        }}
      >
        <label>
          Phone
          <input data-testid="filter-phone" value={phone} placeholder="+1 212 555 0100 or (212) 555-0100" onChange={(e) => setPhone(e.target.value)} />
        </label>
        <button type="submit" data-testid="filter-phone-apply">
          Apply
        </button>
      </form>
      <button
        type="button"
        className="clear"
        onClick={() => {
          setPhone('');
          onChange(NO_FILTER);
        }}
      >
        Clear
      </button>
    </section>
  );
}

/** One enum value, or any. */
function EnumChoice({ label, testId, values, value, onChange }: { label: string; testId: string; values: readonly string[]; value: string; onChange(next: string): void }) {
  return (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {word(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A searchable picker over the `extensions` connection, narrowed to the chosen vendor. */
function ExtensionPicker({ provider, value, onChange }: { provider: Provider | ''; value: ExtensionOption | null; onChange(next: ExtensionOption | null): void }) {
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [search]);
  const filter = { ...(provider ? { providers: [provider] } : {}), ...(debounced ? { search: debounced } : {}) };
  const { data, loading, error } = useQuery<{ extensions: { edges: Array<{ node: ExtensionOption }>; pageInfo: { hasNextPage: boolean } } }>(EXTENSIONS, { variables: { first: 50, filter } });
  const options = data?.extensions.edges.map((e) => e.node) ?? [];
  return (
    <fieldset className="extension-picker">
      <legend>Extension</legend>
      <input data-testid="extension-search" value={search} placeholder="Search name, number, email" onChange={(e) => setSearch(e.target.value)} />
      <select
        data-testid="filter-extension"
        value={value?.id ?? ''}
        onChange={(e) => onChange(options.find((o) => o.id === e.target.value) ?? null)}
        aria-busy={loading}
      >
        <option value="">{error ? 'Directory unavailable' : 'Any extension'}</option>
        {value && !options.some((o) => o.id === value.id) && <option value={value.id}>{label(value)}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {label(o)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

const label = (o: ExtensionOption): string => `${o.name ?? 'unnamed'}${o.extensionNumber ? ` (${o.extensionNumber})` : ''} · ${PROVIDER_NAMES[o.provider]}`;
