import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The text of each page of a PDF file, as poppler's pdftotext reads it (-layout keeps each row on a line). */
export async function pdfPages(file: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-'], {
    maxBuffer: 256 * 1024 * 1024,
  });
  // pdftotext ends every page with a form feed.
  return stdout.split('\f').slice(0, -1);
}
