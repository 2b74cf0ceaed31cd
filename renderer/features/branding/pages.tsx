import { Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useCan } from '../../shell/session';
import { PageHeader } from '../../ui/PageHeader';
import { BrandingEditor } from './BrandingEditor';

/** The workspace's default branding: what accounts without their own, and license files, show. */
export function WorkspaceBrandingPage() {
  const canEdit = useCan('branding.write');
  useDocumentTitle('Branding · Tollgate');
  return (
    <Stack gap="lg">
      <PageHeader
        title="Branding"
        description="The workspace’s default white-label branding: product name, logo, colours, domain and email sender, for every account without its own."
      />
      <BrandingEditor scope={{ kind: 'staff', customerId: null }} canEdit={canEdit} />
    </Stack>
  );
}

/** A customer page's Branding section: this account's own white-label branding. */
export function CustomerBranding({ customerId }: { customerId: string }) {
  const canRead = useCan('licensing.read');
  const canEdit = useCan('branding.write');
  if (!canRead) return null;
  return (
    <Stack gap="md" component="section" aria-label="Account branding">
      {/* A section of the customer's page: a heading below the page's own (h2), as its other sections. */}
      <Stack gap={2}>
        <Title order={3} fz="lg">
          Branding
        </Title>
        <Text size="sm" c="dimmed">
          This account’s own branding, over the workspace’s default.
        </Text>
      </Stack>
      <BrandingEditor scope={{ kind: 'staff', customerId }} canEdit={canEdit} />
    </Stack>
  );
}

/** My account's Branding: an account admin edits and publishes their own account's branding. */
export function AccountBrandingPage() {
  useDocumentTitle('Branding · My account · Tollgate');
  return (
    <Stack gap="lg">
      <PageHeader
        title="Branding"
        description="How your product looks in emails, in the console and in your license files."
      />
      <BrandingEditor scope={{ kind: 'account' }} canEdit />
    </Stack>
  );
}
