import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Field {
  label: string;
  value: ReactNode;
}

/** Label/value pairs as a description list, labels in a narrow left column. */
export function FieldList({ fields }: { fields: Field[] }) {
  return (
    <Box
      component="dl"
      m={0}
      style={{ display: 'grid', gridTemplateColumns: 'minmax(100px, 140px) 1fr', rowGap: 14, columnGap: 16 }}
    >
      {fields.map((field) => (
        <Box key={field.label} style={{ display: 'contents' }}>
          <Text component="dt" size="sm" c="dimmed">
            {field.label}
          </Text>
          <Box component="dd" m={0} fz="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {field.value}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
