import { Alert, Button, Checkbox, Divider, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { Feature, Plan, Product } from '../../../shared/catalog/types';
import { readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { FormDialog, ModalForm, useLastShown } from '../../ui/FormModal';
import { FeatureValuesEditor } from './FeatureValuesEditor';
import {
  planCreateFrom,
  planFieldErrors,
  planFormValues,
  planPatchFrom,
  validatePlanForm,
  type PlanFormValues,
} from './plan-form';
import { useCreatePlan, useUpdatePlan } from './use-catalog';

/** Creating a plan under a product, or editing one. */
export type PlanEditorTarget =
  { kind: 'create'; product: Product; sortOrder: number } | { kind: 'edit'; plan: Plan };

interface PlanFormProps {
  target: PlanEditorTarget;
  features: readonly Feature[];
  onDone: () => void;
  /** Refetches the catalog, after which an edited plan arrives with its newer version. */
  onReload: () => Promise<unknown>;
}

function PlanForm({ target, features, onDone, onReload }: PlanFormProps) {
  const createPlan = useCreatePlan();
  const updatePlan = useUpdatePlan();
  const plan = target.kind === 'edit' ? target.plan : undefined;
  const [conflict, setConflict] = useState<string | null>(null);
  const form = useForm<PlanFormValues>({
    mode: 'controlled',
    initialValues: planFormValues(features, plan),
    validate: validatePlanForm,
  });

  const send = async (values: PlanFormValues) => {
    if (target.kind === 'create') {
      const created = await createPlan.mutateAsync(
        planCreateFrom(target.product.id, target.sortOrder, values),
      );
      return notifySuccess('Plan created', `${created.name} was added to ${target.product.name}.`);
    }
    const patch = planPatchFrom(target.plan, values);
    if (Object.keys(patch).length === 0) return;
    // expectedVersion: the server refuses the edit if someone saved a newer version meanwhile.
    await updatePlan.mutateAsync({ id: target.plan.id, expectedVersion: target.plan.version, patch });
    notifySuccess('Plan saved', `Customers on ${target.plan.name} get the new values at once.`);
  };

  const submit = form.onSubmit(async (values) => {
    try {
      await send(values);
      onDone();
    } catch (error) {
      const problem = readServerProblem(error);
      const fields = planFieldErrors(problem.fieldErrors, values.features);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else if (problem.code === 'CONFLICT') setConflict(problem.message);
      else notifyError(error, target.kind === 'create' ? 'Could not create the plan' : 'Could not save');
    }
  });

  const notice = conflict && (
    <Alert color="orange" title="Someone else changed this plan" role="alert">
      {conflict}
      <Button
        size="xs"
        variant="light"
        color="orange"
        mt="sm"
        display="block"
        onClick={() => void onReload()}
      >
        Load their version
      </Button>
    </Alert>
  );

  return (
    <ModalForm
      onSubmit={submit}
      onCancel={onDone}
      submitLabel={target.kind === 'create' ? 'Create plan' : 'Save plan'}
      submitting={createPlan.isPending || updatePlan.isPending}
      error={form.errors._}
      notice={notice}
    >
      <TextInput
        label="Name"
        placeholder="Team"
        withAsterisk
        data-autofocus
        {...form.getInputProps('name')}
      />
      <Textarea
        label="Description"
        placeholder="Optional"
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
      {target.kind === 'create' && (
        <Checkbox
          label="Make this the workspace's default plan"
          description="Its features apply to every customer without a subscription."
          {...form.getInputProps('isDefault', { type: 'checkbox' })}
        />
      )}
      <Divider label="Features" labelPosition="left" />
      <FeatureValuesEditor form={form} />
    </ModalForm>
  );
}

interface PlanFormModalProps extends Omit<PlanFormProps, 'target' | 'onDone'> {
  target: PlanEditorTarget | null;
  onClose: () => void;
}

/** The plan editor in a dialog; a newer version of the plan starts the form afresh from it. */
export function PlanFormModal({ target, onClose, ...props }: PlanFormModalProps) {
  const shown = useLastShown(target);
  const title =
    shown?.kind === 'edit' ? `Edit ${shown.plan.name}` : `New plan in ${shown?.product.name ?? ''}`;
  const key = shown?.kind === 'edit' ? `${shown.plan.id}:${shown.plan.version}` : 'new';
  return (
    <FormDialog opened={target !== null} onClose={onClose} title={title} size="lg">
      {shown && <PlanForm key={key} target={shown} onDone={onClose} {...props} />}
    </FormDialog>
  );
}
