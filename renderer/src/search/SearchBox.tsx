/**
 * Find a unit or an account by name or id and fly to it (the unit is selected; an account's unit
 * too). Matches by prefix on ids and by substring on names, ten at most.
 */
import { useMemo, useState, type RefObject } from 'react';
import type { Account, UnitRecord } from '../../../shared/model/project.ts';

export interface SearchHit {
  kind: 'unit' | 'account';
  id: string;
  name: string;
  /** The unit to select (the account's unit for an account). */
  unitId: string | null;
  location: [number, number] | null;
}

export interface SearchBoxProps {
  units: readonly UnitRecord[];
  accounts: readonly Account[];
  inputRef: RefObject<HTMLInputElement | null>;
  onPick(hit: SearchHit): void;
}

const MAX_HITS = 10;

export function SearchBox({ units, accounts, inputRef, onPick }: SearchBoxProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const hits = useMemo(() => search(units, accounts, query), [units, accounts, query]);
  const pick = (hit: SearchHit | undefined) => {
    if (!hit) return;
    onPick(hit);
    setQuery('');
    inputRef.current?.blur();
  };
  return (
    <div className="search">
      <input ref={inputRef} type="search" value={query} placeholder="Search units and accounts  ( / )" aria-label="Search units and accounts"
        data-testid="search" onChange={(e) => { setQuery(e.target.value); setActive(0); }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') pick(hits[active]);
          else if (e.key === 'Escape') setQuery('');
          else return;
          e.preventDefault();
        }} />
      {query.trim() && (
        <ul className="search__results" role="listbox" data-testid="search-results">
          {hits.length === 0 && <li className="search__none">Nothing found for “{query.trim()}”</li>}
          {hits.map((hit, i) => (
            <li key={`${hit.kind}:${hit.id}`} role="option" aria-selected={i === active}>
              <button type="button" className={i === active ? 'is-on' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(hit)}>
                <span className="search__kind">{hit.kind}</span> {hit.name} <span className="search__id">{hit.id}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function search(units: readonly UnitRecord[], accounts: readonly Account[], query: string): SearchHit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: SearchHit[] = [];
  for (const u of units) {
    if (u.id.toLowerCase().startsWith(q) || u.name.toLowerCase().includes(q)) {
      hits.push({ kind: 'unit', id: u.id, name: u.name, unitId: u.id, location: null });
      if (hits.length >= MAX_HITS) return hits;
    }
  }
  for (const a of accounts) {
    if (a.id.toLowerCase().startsWith(q) || a.name.toLowerCase().includes(q)) {
      hits.push({ kind: 'account', id: a.id, name: a.name, unitId: a.unitId, location: a.location });
      if (hits.length >= MAX_HITS) return hits;
    }
  }
  return hits;
}
