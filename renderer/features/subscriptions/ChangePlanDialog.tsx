import { Alert, Button, Group, Loader, Modal, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { readServerProblem } from '../../lib/errors';
import { notifyError } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { pricesIn, priceSelectData } from './catalog-options';
import { confirmLabel, expectedTiming, type ChangeTiming } from './change-plan';
import { notifyPlanChanged } from './notify-plan-changed';
import { PlanChangePreview } from './PlanChangePreview';
import { TimingChoice } from './TimingChoice';
import type { SubscriptionDetail } from './types';
import { usePlanChangePreview } from './use-plan-change-preview';
import { useSubscriptionMutations } from './use-subscription-mutations';

interface ChangePlanDialogProps {
  detail: SubscriptionDetail;
  opened: boolean;
  onClose: () => void;
  /** Reloads the subscription (after a conflict, its version moved on). */
  onReload: () => Promise<unknown>;
}

/** Choose a price, quantity and timing; read the server's preview; only then confirm. */
export function ChangePlanDialog({ detail, opened, onClose, onReload }: ChangePlanDialogProps) {
  const { subscription: s, price: currentPrice } = detail;
  const trpc = useTRPC();
  const catalog = useQuery({ ...trpc.catalog.overview.queryOptions(), enabled: opened });
  const { changePlan } = useSubscriptionMutations();
  const [priceId, setPriceId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(s.quantity);
  const [timing, setTiming] = useState<ChangeTiming | null>(null);
  const [conflict, setConflict] = useState(false);

  const validQuantity =
    typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 1 ? quantity : null;
  const unchanged = priceId === s.priceId && validQuantity === s.quantity;
  const choice = { priceId: unchanged ? null : priceId, quantity: validQuantity, timing };
  const { query: preview, current } = usePlanChangePreview(s.id, choice);
  const problem = preview.error ? readServerProblem(preview.error) : null;

  const prices = catalog.data ? pricesIn(catalog.data, s.currency) : [];
  const chosen = prices.find((p) => p.id === priceId);
  const guess =
    chosen && currentPrice && validQuantity
      ? expectedTiming(
          { amount: currentPrice.amount * s.quantity, interval: currentPrice.interval },
          { amount: chosen.amount * validQuantity, interval: chosen.interval },
        )
      : 'now';
  const shownTiming = timing ?? (current && preview.data ? preview.data.timing : guess);

  const close = () => {
    setPriceId(null);
    setQuantity(s.quantity);
    setTiming(null);
    setConflict(false);
    onClose();
  };

  const confirm = async () => {
    if (!preview.data || priceId === null || validQuantity === null) return;
    setConflict(false);
    try {
      const result = await changePlan.mutateAsync({
        id: s.id,
        priceId,
        quantity: validQuantity,
        // Exactly what the preview showed, so the change applied is the change read.
        timing: preview.data.timing,
        expectedVersion: s.version,
      });
      notifyPlanChanged(preview.data, result.invoice);
      close();
    } catch (error) {
      const failure = readServerProblem(error);
      if (failure.code !== 'CONFLICT') return notifyError(error, 'Could not change the plan');
      setConflict(true);
      await onReload();
      await preview.refetch();
    }
  };

  return (
    <Modal opened={opened} onClose={close} title="Change plan" size="lg">
      <Stack gap="md">
        <Group grow align="flex-start">
          <Select
            label="New price"
            placeholder={catalog.isPending ? 'Loading prices…' : 'Choose a plan and price'}
            data={priceSelectData(prices, s.priceId)}
            value={priceId}
            onChange={setPriceId}
            error={
              problem?.fieldErrors.priceId?.[0] ??
              (unchanged ? 'That is the current plan and quantity' : undefined)
            }
            nothingFoundMessage={`No ${s.currency} prices`}
            data-autofocus
          />
          <NumberInput
            label="Quantity"
            min={1}
            max={100_000}
            allowDecimal={false}
            allowNegative={false}
            value={quantity}
            onChange={setQuantity}
            error={validQuantity === null ? 'Enter a whole number of at least 1' : undefined}
          />
        </Group>
        <TimingChoice
          value={shownTiming}
          onChange={setTiming}
          periodEnd={s.currentPeriodEnd}
          trialing={s.status === 'trialing'}
        />
        {conflict && (
          <Alert color="orange" title="This subscription changed meanwhile" role="alert">
            Someone changed it after you opened this dialog. The preview below has been reloaded: read it
            again, then confirm.
          </Alert>
        )}
        <Paper withBorder radius="md" p="md" component="section" aria-label="Preview" pos="relative" mih={88}>
          {preview.data && !unchanged && priceId !== null ? (
            <PlanChangePreview preview={preview.data} />
          ) : problem && !problem.fieldErrors.priceId ? (
            <Alert color="red" variant="light">
              {problem.message}
            </Alert>
          ) : (
            <Text size="sm" c="dimmed">
              Choose a price to see what the change costs before confirming.
            </Text>
          )}
          {preview.isFetching && (
            <Loader size="xs" pos="absolute" top={12} right={12} aria-label="Updating preview" />
          )}
        </Paper>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            onClick={() => void confirm()}
            disabled={!current || !preview.data}
            loading={changePlan.isPending}
          >
            {current && preview.data ? confirmLabel(preview.data) : 'Confirm change'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
