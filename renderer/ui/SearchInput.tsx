import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';

interface SearchInputProps {
  /** The committed search, as the URL holds it. */
  value: string;
  /** Called (debounced, trimmed) as the user types. */
  onCommit: (text: string) => void;
  label: string;
  placeholder: string;
  width?: number;
}

/**
 * A list's search box: follows the URL, except while the user's own typing is on its way
 * there (so a slow round trip never overwrites what they typed). `/` jumps to it.
 */
export function SearchInput({ value, onCommit, label, placeholder, width = 300 }: SearchInputProps) {
  const ref = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== text.trim()) setText(value);
  }
  const commit = useDebouncedCallback(onCommit, 150);
  const change = (next: string) => {
    setText(next);
    commit(next.trim());
  };
  useHotkeys([['/', () => ref.current?.focus()]]);

  return (
    <TextInput
      ref={ref}
      aria-label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} stroke={1.75} />}
      rightSection={
        text ? (
          <CloseButton size="sm" aria-label="Clear search" onClick={() => change('')} />
        ) : (
          <kbd aria-hidden style={{ fontSize: 11, opacity: 0.6 }}>
            /
          </kbd>
        )
      }
      value={text}
      onChange={(event) => change(event.currentTarget.value)}
      onKeyDown={(event) => event.key === 'Escape' && event.currentTarget.blur()}
      w={width}
    />
  );
}
