import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries are the architecture's walls; this proves each wall stands and
 * says why, by linting small made-up files placed (virtually) in each folder.
 */
const eslint = new ESLint({
  // Type information is not needed for import rules, and virtual files have none.
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function boundaryMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it('keep shared/ isomorphic', async () => {
    expect(
      await boundaryMessages(
        'shared/x.ts',
        "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      ),
    ).toEqual([expect.stringContaining('must not depend on a runtime')]);
    expect(
      await boundaryMessages(
        'shared/x.ts',
        "import { appRouter } from '../server/app/router';\nexport const x = appRouter;\n",
      ),
    ).toEqual([expect.stringContaining('shared/ is isomorphic')]);
    expect(
      await boundaryMessages('shared/x.ts', "import { money } from './money';\nexport const x = money;\n"),
    ).toEqual([]);
  });

  it('keep electron out of server/', async () => {
    expect(
      await boundaryMessages('server/x.ts', "import { app } from 'electron';\nexport const x = app;\n"),
    ).toEqual([expect.stringContaining('hosted server')]);
  });

  it('let the renderer import only types from server/', async () => {
    expect(
      await boundaryMessages(
        'renderer/x.ts',
        "import { appRouter } from '../server/app/router';\nexport const x = appRouter;\n",
      ),
    ).toEqual([expect.stringContaining('import only types')]);
    expect(
      await boundaryMessages(
        'renderer/x.ts',
        "import type { AppRouter } from '../server/app/router';\nexport type X = AppRouter;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryMessages('renderer/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n"),
    ).toEqual([expect.stringContaining('sandboxed web page')]);
  });

  it('let modules reach each other only through index.ts', async () => {
    expect(
      await boundaryMessages(
        'server/modules/billing/x.ts',
        "import { toCustomer } from '../customers/repo';\nexport const x = toCustomer;\n",
      ),
    ).toEqual([expect.stringContaining('only through its index.ts')]);
    expect(
      await boundaryMessages(
        'server/modules/billing/x.ts',
        "import { customersRouter } from '../customers';\nexport const x = customersRouter;\n",
      ),
    ).toEqual([]);
  });

  it('treat a module’s own subfolders as its insides, at any depth', async () => {
    expect(
      await boundaryMessages(
        'server/modules/billing/subscriptions/x.ts',
        "import { findInvoice } from '../repo/invoices';\nexport const x = findInvoice;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryMessages(
        'server/modules/billing/subscriptions/x.ts',
        "import { toCustomer } from '../../customers/repo';\nexport const x = toCustomer;\n",
      ),
    ).toEqual([expect.stringContaining('only through its index.ts')]);
    expect(
      await boundaryMessages(
        'server/modules/billing/router/deep/x.ts',
        "import { toCustomer } from '../../../customers/repo';\nexport const x = toCustomer;\n",
      ),
    ).toEqual([expect.stringContaining('only through its index.ts')]);
  });

  it('keep each server layer from importing a layer above it, types included', async () => {
    expect(
      await boundaryMessages(
        'server/trpc/x.ts',
        "import type { DesktopConnection } from '../sync/desktop/connection';\nexport type X = DesktopConnection;\n",
      ),
    ).toEqual([expect.stringContaining('server/trpc (trpc: the tRPC base')]);
    expect(
      await boundaryMessages(
        'server/commands/x.ts',
        "import { auditRouter } from '../modules/audit';\nexport const x = auditRouter;\n",
      ),
    ).toEqual([expect.stringContaining('may not import modules')]);
    expect(
      await boundaryMessages(
        'server/sync/desktop/x.ts',
        "import type { AppRouter } from '../../app/router';\nexport type X = AppRouter;\n",
      ),
    ).toEqual([expect.stringContaining('may not import app (the app router')]);
    expect(
      await boundaryMessages(
        'server/modules/billing/recovery/x.ts',
        "import { appRouter } from '../../../app/router';\nexport const x = appRouter;\n",
      ),
    ).toEqual([expect.stringContaining('server/modules (modules: the domains')]);
    expect(
      await boundaryMessages(
        'server/auth/x.ts',
        "import { startWebServer } from '../http/server';\nexport const x = startWebServer;\n",
      ),
    ).toEqual([expect.stringContaining('may not import hosts')]);
  });

  it('let each server layer import the ones below it and its own', async () => {
    expect(
      await boundaryMessages(
        'server/sync/x.ts',
        "import { runCommand } from '../commands/run-command';\nimport { tenantProcedure } from '../trpc/base';\nimport { customersRouter } from '../modules/customers';\nexport const x = [runCommand, tenantProcedure, customersRouter];\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryMessages(
        'server/hosted/x.ts',
        "import { appRouter } from '../app/router';\nexport const x = appRouter;\n",
      ),
    ).toEqual([]);
  });

  it('keep test helpers out of what ships, but not out of tests', async () => {
    const importKit = "import { customersAs } from './customers.test-kit';\nexport const x = customersAs;\n";
    expect(await boundaryMessages('server/modules/customers/x.ts', importKit)).toEqual([
      expect.stringContaining('never ship in the build'),
    ]);
    expect(await boundaryMessages('server/modules/customers/x.test.ts', importKit)).toEqual([]);
    expect(await boundaryMessages('server/modules/customers/x.test-kit.ts', importKit)).toEqual([]);
  });
});
