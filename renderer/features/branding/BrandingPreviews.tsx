import { Box, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { inkOn } from '../../../shared/contrast';
import type { BrandColors } from '../../../shared/branding/contrast';

export interface PreviewContent {
  productName: string;
  logo: string | null;
  colors: BrandColors;
  customDomain: string | null;
}

/** The console's header as the account's people would see it. */
function HeaderPreview({ b }: { b: PreviewContent }) {
  return (
    <Paper withBorder radius="md" aria-label="Console header preview" component="figure" m={0}>
      <Group
        gap="sm"
        px="md"
        py="sm"
        style={{ background: b.colors.primary, color: inkOn(b.colors.primary) }}
      >
        {b.logo && <Image src={b.logo} alt="" h={24} w="auto" fit="contain" />}
        <Text fw={700}>{b.productName}</Text>
      </Group>
      <Box p="md" style={{ background: b.colors.background, color: b.colors.text }}>
        <Text size="sm">Licenses · Seats · Machines</Text>
        <Text size="sm" style={{ color: b.colors.accent }} td="underline">
          Open the usage report
        </Text>
      </Box>
      <Text component="figcaption" size="xs" c="dimmed" p="xs">
        Console header
      </Text>
    </Paper>
  );
}

/** The learning app's license screen, from the branding a license file carries. */
function LicenseScreenPreview({ b, account }: { b: PreviewContent; account: string }) {
  return (
    <Paper withBorder radius="md" aria-label="License screen preview" component="figure" m={0}>
      <Stack gap="xs" p="lg" align="center" style={{ background: b.colors.background, color: b.colors.text }}>
        {b.logo && <Image src={b.logo} alt="" h={40} w="auto" fit="contain" />}
        <Title order={4} style={{ color: b.colors.text }}>
          {b.productName}
        </Title>
        <Text size="sm">Licensed to {account}</Text>
        <Box
          px="md"
          py={6}
          style={{ background: b.colors.primary, color: inkOn(b.colors.primary), borderRadius: 6 }}
        >
          <Text size="sm" fw={600}>
            Continue
          </Text>
        </Box>
        {b.customDomain && (
          <Text size="xs" style={{ color: b.colors.accent }}>
            https://{b.customDomain}
          </Text>
        )}
      </Stack>
      <Text component="figcaption" size="xs" c="dimmed" p="xs">
        App license screen
      </Text>
    </Paper>
  );
}

/**
 * The three previews side by side: the header and license screen follow the form as it is
 * typed; the email is the server's real rendering of the saved draft, in the same empty
 * sandbox as the Emails page (decision 33).
 */
export function BrandingPreviews({
  live,
  account,
  email,
}: {
  live: PreviewContent;
  account: string;
  email: { subject: string; html: string };
}) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md" aria-label="Branding previews">
      <HeaderPreview b={live} />
      <Paper withBorder radius="md" aria-label="Email preview" component="figure" m={0}>
        <Box
          component="iframe"
          title={`Branded email: ${email.subject}`}
          sandbox=""
          srcDoc={email.html}
          w="100%"
          h={360}
          style={{ border: 0, display: 'block', background: '#f4f5f7' }}
        />
        <Text component="figcaption" size="xs" c="dimmed" p="xs">
          Email, as the server writes it (the saved draft)
        </Text>
      </Paper>
      <LicenseScreenPreview b={live} account={account} />
    </SimpleGrid>
  );
}
