import { Button, FileButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { readServerProblem } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { useAnalyticsSettingsMutations } from './use-analytics-settings';

const EXAMPLE = 'day,base,quote,rate\n2026-01-31,EUR,USD,1.0832';

/** Imports a CSV of rates whole; a bad line is named and nothing is stored. */
export function FxImport() {
  const { importFxRates } = useAnalyticsSettingsMutations();
  const [csv, setCsv] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const load = async (file: File | null) => {
    if (!file) return;
    setCsv(await file.text());
    setProblem(null);
  };
  const submit = async () => {
    setProblem(null);
    try {
      const { imported } = await importFxRates.mutateAsync({ csv });
      notifySuccess(
        'Rates imported',
        `${imported.toLocaleString('en-US')} rates; the movements are rebuilt.`,
      );
      setCsv('');
    } catch (error) {
      setProblem(readServerProblem(error).message);
    }
  };
  return (
    <Stack gap="xs">
      <Textarea
        label="Import from CSV"
        description="A header line day,base,quote,rate (any order), then one rate a line; the whole file or nothing"
        placeholder={EXAMPLE}
        autosize
        minRows={3}
        maxRows={10}
        ff="monospace"
        value={csv}
        onChange={(event) => {
          setCsv(event.currentTarget.value);
          setProblem(null);
        }}
        error={problem}
      />
      <Group justify="flex-end" gap="sm">
        <FileButton onChange={(file) => void load(file)} accept=".csv,text/csv,text/plain">
          {(props) => (
            <Button variant="default" {...props}>
              Choose a file…
            </Button>
          )}
        </FileButton>
        <Button onClick={() => void submit()} loading={importFxRates.isPending} disabled={csv.trim() === ''}>
          Import rates
        </Button>
      </Group>
      {problem && (
        <Text size="xs" c="dimmed">
          Fix the line and import again.
        </Text>
      )}
    </Stack>
  );
}
