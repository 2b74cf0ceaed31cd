import { CloseButton, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch, IconWorld } from '@tabler/icons-react';
import { useRef } from 'react';
import { countryOptions } from './countries';
import type { StatusFilter } from './list-search';

interface CustomerFiltersProps {
  text: string;
  onTextChange: (text: string) => void;
  status: StatusFilter;
  onStatusChange: (status: StatusFilter) => void;
  country: string | null;
  onCountryChange: (country: string | null) => void;
}

/** Search, status and country for the customers list; `/` jumps to the search box. */
export function CustomerFilters(props: CustomerFiltersProps) {
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => searchRef.current?.focus()]]);
  return (
    <>
      <TextInput
        ref={searchRef}
        aria-label="Search customers"
        placeholder="Search name, email or company"
        leftSection={<IconSearch size={16} stroke={1.75} />}
        rightSection={
          props.text ? (
            <CloseButton size="sm" aria-label="Clear search" onClick={() => props.onTextChange('')} />
          ) : (
            <kbd aria-hidden style={{ fontSize: 11, opacity: 0.6 }}>
              /
            </kbd>
          )
        }
        value={props.text}
        onChange={(event) => props.onTextChange(event.currentTarget.value)}
        onKeyDown={(event) => event.key === 'Escape' && event.currentTarget.blur()}
        w={300}
      />
      <SegmentedControl
        aria-label="Status"
        value={props.status}
        onChange={(value) => props.onStatusChange(value as StatusFilter)}
        data={[
          { value: 'active', label: 'Active' },
          { value: 'archived', label: 'Archived' },
          { value: 'all', label: 'All' },
        ]}
      />
      <Select
        aria-label="Country"
        placeholder="Any country"
        leftSection={<IconWorld size={16} stroke={1.75} />}
        data={countryOptions()}
        value={props.country}
        onChange={props.onCountryChange}
        searchable
        clearable
        nothingFoundMessage="No such country"
        w={220}
        comboboxProps={{ width: 280, position: 'bottom-start' }}
      />
    </>
  );
}
