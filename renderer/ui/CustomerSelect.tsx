import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../lib/trpc';

export interface CustomerOption {
  id: string;
  name: string;
  email: string;
}

interface CustomerSelectProps {
  label: string;
  value: CustomerOption | null;
  onChange: (customer: CustomerOption | null) => void;
  error?: string | null;
  description?: string;
}

const labelOf = (c: CustomerOption) => `${c.name} (${c.email})`;

/** Picks an active customer by typing part of a name or email; the server does the searching. */
export function CustomerSelect({ label, value, onChange, error, description }: CustomerSelectProps) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 150);
  // Once chosen, the box shows the choice's label; searching for that would find nothing new.
  const query = value && search === labelOf(value) ? '' : debounced;
  const found = useQuery({
    ...trpc.customers.list.queryOptions({ search: query, status: 'active', limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const options = found.data?.items.map((c) => ({ id: c.id, name: c.name, email: c.email })) ?? [];
  if (value && !options.some((c) => c.id === value.id)) options.unshift(value);

  return (
    <Select
      label={label}
      description={description}
      placeholder="Search name or email"
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // Already filtered by the server; filtering again by label would hide email matches.
      filter={({ options: all }) => all}
      data={options.map((c) => ({ value: c.id, label: labelOf(c) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((c) => c.id === id) ?? null)}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No active customer matches'}
      error={error}
      clearable
    />
  );
}
