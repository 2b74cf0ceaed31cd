import {
  Alert,
  Badge,
  Button,
  ColorInput,
  FileInput,
  Group,
  Image,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useMemo } from 'react';
import { contrastIssues, type BrandColors } from '../../../shared/branding/contrast';
import type { BrandingFieldsInput } from '../../../shared/branding/schema';
import { firstFieldErrors, readServerProblem } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { confirmAction } from '../../ui/confirm';
import { LoadOrProblem } from '../../ui/LoadOrProblem';
import { BrandingPreviews } from './BrandingPreviews';
import { BrandingVersions } from './BrandingVersions';
import type { BrandingContent, BrandingView } from './types';
import { useBranding, type BrandingApi, type BrandingScope } from './use-branding';

type FormValues = Omit<BrandingFieldsInput, 'customDomain' | 'senderName' | 'replyTo'> & {
  customDomain: string;
  senderName: string;
  replyTo: string;
};

const toForm = (b: BrandingContent): FormValues => ({
  productName: b.productName,
  logo: b.logo,
  colors: { ...b.colors },
  customDomain: b.customDomain ?? '',
  senderName: b.senderName ?? '',
  replyTo: b.replyTo ?? '',
});

const COLOR_FIELDS: { key: keyof BrandColors; label: string }[] = [
  { key: 'primary', label: 'Primary' },
  { key: 'accent', label: 'Accent' },
  { key: 'background', label: 'Background' },
  { key: 'text', label: 'Text' },
];

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

const SOURCE_TEXT = {
  account: 'This account’s published branding',
  workspace: 'The workspace’s published branding',
  defaults: 'The defaults (the workspace’s name and email sender settings)',
} as const;

/**
 * The branding editor (issue 15, "White-label"): the form, the contrast check explained as it
 * is typed, the previews side by side, Save draft and Publish (confirmed), and the versions
 * with Restore. Used for the workspace's default, a customer's page and My account.
 */
export function BrandingEditor({ scope, canEdit }: { scope: BrandingScope; canEdit: boolean }) {
  const api = useBranding(scope);
  const data = api.view.data;
  if (!data) return <LoadOrProblem error={api.view.error} what="branding" />;
  return <EditorBody scope={scope} canEdit={canEdit} api={api} data={data} />;
}

function EditorBody({
  scope,
  canEdit,
  api,
  data,
}: {
  scope: BrandingScope;
  canEdit: boolean;
  api: BrandingApi;
  data: BrandingView;
}) {
  const form = useForm<FormValues>({ mode: 'controlled', initialValues: toForm(data.editing) });
  const startKey = `${data.draft?.id ?? ''}:${data.draft?.updatedAt ?? data.published?.updatedAt ?? 0}`;
  useEffect(() => {
    form.setValues(toForm(data.editing));
    form.resetDirty(toForm(data.editing));
    // Reset only when the saved draft changes, not on every refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startKey]);
  const values = form.getValues();
  const issues = useMemo(() => contrastIssues(values.colors), [values.colors]);

  const save = form.onSubmit(async (v) => {
    try {
      const answer = (await api.save(v)) as { logoRemoved: string[] };
      notifySuccess(
        'Draft saved',
        answer.logoRemoved.length > 0
          ? `Removed from the SVG: ${answer.logoRemoved.join(', ')}`
          : 'The email preview now shows it.',
      );
    } catch (error) {
      const problem = readServerProblem(error);
      const fields = Object.fromEntries(
        Object.entries(firstFieldErrors(problem.fieldErrors)).map(([k, m]) => [
          k.replace(/^branding\./, ''),
          m,
        ]),
      );
      form.setErrors(Object.keys(fields).length > 0 ? fields : { _: problem.message });
    }
  });
  const draft = data.draft;
  const publish = () =>
    draft &&
    confirmAction({
      title: 'Publish this branding?',
      body: `Emails${scope.kind === 'staff' && scope.customerId === null ? ' and license files of accounts without their own' : ' and license files for the account'} use it from now on. The version live now is kept and can be restored.`,
      confirmLabel: 'Publish branding',
      onConfirm: () =>
        void api
          .publish(draft.id)
          .then(() => notifySuccess('Branding published'))
          .catch((error: unknown) => notifyError(error, 'Could not publish the branding')),
    });
  const account = data.accountName ?? 'Your company';

  return (
    <Stack gap="lg">
      <Group gap="xs">
        <Text size="sm">In force: {SOURCE_TEXT[data.effective.source]}.</Text>
        {draft && <Badge color="yellow">Draft {draft.number} not published</Badge>}
      </Group>
      <BrandingPreviews
        live={{ ...values, customDomain: values.customDomain || null }}
        account={account}
        email={data.preview.email}
      />
      <Paper withBorder p="lg" radius="md" component="form" onSubmit={save} aria-label="Branding form">
        <Stack gap="md">
          <Title order={3} fz="lg">
            Branding
          </Title>
          {issues.length > 0 && (
            <Alert color="orange" title="Colours below WCAG AA" role="status">
              <Stack gap="xs">
                {issues.map((issue) => (
                  <Group
                    key={`${issue.foreground}-${issue.background}`}
                    gap="xs"
                    wrap="nowrap"
                    justify="space-between"
                  >
                    <Text size="sm">{issue.explanation}</Text>
                    {canEdit && issue.suggestion && (
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() =>
                          form.setFieldValue(`colors.${issue.foreground}`, issue.suggestion ?? '')
                        }
                      >
                        Use {issue.suggestion}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Product name" disabled={!canEdit} {...form.getInputProps('productName')} />
            <TextInput
              label="Custom domain"
              placeholder="licenses.example.com"
              disabled={!canEdit}
              {...form.getInputProps('customDomain')}
            />
            <TextInput label="Email sender name" disabled={!canEdit} {...form.getInputProps('senderName')} />
            <TextInput label="Reply-to address" disabled={!canEdit} {...form.getInputProps('replyTo')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
            {COLOR_FIELDS.map((c) => (
              <ColorInput
                key={c.key}
                label={`${c.label} colour`}
                format="hex"
                // Mantine's eye dropper button has no name of its own: give it one (axe: button-name).
                eyeDropperButtonProps={{
                  'aria-label': `Pick the ${c.label.toLowerCase()} colour from the screen`,
                }}
                disabled={!canEdit}
                {...form.getInputProps(`colors.${c.key}`)}
              />
            ))}
          </SimpleGrid>
          <Group align="end" gap="md">
            {values.logo && <Image src={values.logo} alt="Current logo" h={40} w="auto" fit="contain" />}
            <FileInput
              label="Logo"
              description="PNG or SVG, at most 256 KB"
              accept="image/png,image/svg+xml"
              disabled={!canEdit}
              error={form.errors.logo}
              onChange={(file) => {
                if (file) void readDataUrl(file).then((url) => form.setFieldValue('logo', url));
              }}
            />
            {values.logo && canEdit && (
              <Button variant="subtle" onClick={() => form.setFieldValue('logo', null)}>
                Remove logo
              </Button>
            )}
          </Group>
          {form.errors._ && (
            <Text c="red" size="sm" role="alert">
              {form.errors._}
            </Text>
          )}
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" variant="default" loading={api.busy}>
                Save draft
              </Button>
              <Button
                onClick={publish}
                disabled={!draft || form.isDirty() || issues.length > 0}
                title={form.isDirty() ? 'Save the draft first' : undefined}
              >
                Publish
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      <BrandingVersions
        versions={api.versions}
        canEdit={canEdit}
        onRestore={(v) =>
          void api
            .restore(v.id)
            .then(() => notifySuccess(`Version ${v.number} restored into the draft`))
            .catch((error: unknown) => notifyError(error, 'Could not restore the version'))
        }
      />
    </Stack>
  );
}
