import { Box, Code, Paper, Tabs } from '@mantine/core';
import type { EmailDetail } from './types';

/**
 * The email as its recipient sees it. The HTML is shown in an iframe with an empty sandbox:
 * no scripts, no forms, no navigation, and a unique origin, so nothing in an email (were
 * escaping ever to fail) can reach the console.
 */
export function EmailPreview({ email }: { email: EmailDetail }) {
  return (
    <Paper withBorder radius="lg" component="section" aria-label="Email content">
      <Tabs defaultValue="html" keepMounted={false}>
        <Tabs.List px="md" pt="xs">
          <Tabs.Tab value="html">HTML</Tabs.Tab>
          <Tabs.Tab value="text">Plain text</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" p="md">
          <Box
            component="iframe"
            title={`Email: ${email.subject}`}
            sandbox=""
            srcDoc={email.html}
            w="100%"
            h={620}
            style={{
              border: 0,
              borderRadius: 'var(--mantine-radius-md)',
              background: '#f4f5f7',
              display: 'block',
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="text" p="md">
          <Code block style={{ whiteSpace: 'pre-wrap', fontSize: 13 }} aria-label="Plain-text version">
            {email.text}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
