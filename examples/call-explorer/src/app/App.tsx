import { useApolloClient } from '@apollo/client';
import { useState } from 'react';
import { CallDetail } from './CallDetail';
import { CallList } from './CallList';
import { Filters } from './Filters';
import { savedKey, saveKey } from './apollo';
import { FilterState, NO_FILTER } from './types';

export function App() {
  const [filter, setFilter] = useState<FilterState>(NO_FILTER);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="layout">
      <header className="top">
        <h1>Callbridge call explorer</h1>
        <KeyField />
      </header>
      <Filters value={filter} onChange={setFilter} />
      <main className="panes">
        <CallList filter={filter} selected={selected} onSelect={setSelected} />
        <aside className="detail" data-testid="detail">
          {selected ? <CallDetail id={selected} /> : <p className="hint">Pick a call to see who rang whom, for how long, who answered, and its recordings.</p>}
        </aside>
      </main>
    </div>
  );
}

/** The API key, kept in this browser; the sandbox needs none. */
function KeyField() {
  const client = useApolloClient();
  const [key, setKey] = useState(savedKey());
  return (
    <form
      className="key"
      onSubmit={(event) => {
        event.preventDefault();
        saveKey(key.trim());
        void client.resetStore();
      }}
    >
      <label>
        API key <input type="password" value={key} placeholder="none (sandbox)" onChange={(e) => setKey(e.target.value)} />
      </label>
      <button type="submit">Use</button>
    </form>
  );
}
