import type { ReceiptFile } from './types';

/** Base64 text (how the PDF crosses JSON) back to its bytes. */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The receipt as a file the browser can save or show. */
export function receiptBlob(file: ReceiptFile): Blob {
  const body = file.encoding === 'base64' ? base64Bytes(file.content) : file.content;
  return new Blob([body], { type: file.contentType });
}
