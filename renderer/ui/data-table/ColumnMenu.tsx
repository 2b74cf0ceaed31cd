import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { IconColumns3 } from '@tabler/icons-react';
import type { Visibility } from './column-visibility';
import type { DataColumn } from './types';

interface ColumnMenuProps<Row> {
  columns: readonly DataColumn<Row>[];
  visibility: Visibility;
  onChange: (visibility: Visibility) => void;
}

/** Shows or hides columns; the choice is remembered per table. */
export function ColumnMenu<Row>({ columns, visibility, onChange }: ColumnMenuProps<Row>) {
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" size="sm" leftSection={<IconColumns3 size={16} stroke={1.75} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb="xs">
          Visible columns
        </Text>
        <Stack gap={8}>
          {columns.map((column) => (
            <Checkbox
              key={column.id}
              size="sm"
              label={column.header}
              checked={visibility[column.id] !== false}
              disabled={column.hideable === false}
              onChange={(event) => onChange({ ...visibility, [column.id]: event.currentTarget.checked })}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
