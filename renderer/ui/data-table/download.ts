import { saveBlob } from '../../lib/save-file';

/** Hands a text file to the browser (or Electron's download handler) as a download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(new Blob([text], { type }), fileName);
}

/** "customers-2025-11-21.csv": the view's name and the local date. */
export function datedFileName(base: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${base}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
