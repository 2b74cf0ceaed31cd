import type { MenuItemConstructorOptions } from 'electron';

/**
 * Standard menus only (the console has its own navigation). Developer tools are offered
 * only when running unpackaged, so a shipped app does not invite pasting code into them.
 */
export function menuTemplate(options: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
}): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];
  return [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...developer,
      ],
    },
    { role: 'windowMenu' },
  ];
}
