import { describe, expect, it } from 'vitest';
import { base64Bytes, receiptBlob } from './receipt-file';

describe('receipt files', () => {
  it('decode base64 to the exact bytes, including ones above 127', () => {
    const bytes = [0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x80];
    expect([...base64Bytes(btoa(String.fromCharCode(...bytes)))]).toEqual(bytes);
  });

  it('become a blob of the right type and size', async () => {
    const pdf = receiptBlob({
      filename: 'receipt-INV-000001.pdf',
      contentType: 'application/pdf',
      encoding: 'base64',
      content: btoa('%PDF-1.4\n'),
    });
    expect(pdf.type).toBe('application/pdf');
    expect(await pdf.text()).toBe('%PDF-1.4\n');
    const html = receiptBlob({
      filename: 'receipt-INV-000001.html',
      contentType: 'text/html; charset=utf-8',
      encoding: 'utf8',
      content: '<p>Paid · €9.49</p>',
    });
    expect(await html.text()).toBe('<p>Paid · €9.49</p>');
  });
});
