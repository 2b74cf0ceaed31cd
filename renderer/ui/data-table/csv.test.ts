import { describe, expect, it } from 'vitest';
import { buildCsv, csvCell, csvRow } from './csv';

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('Ada Lovelace')).toBe('Ada Lovelace');
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvCell('The "best" school')).toBe('"The ""best"" school"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it('neutralizes text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
  });

  it('writes numbers as numbers, even negative ones', () => {
    expect(csvCell(-42.5)).toBe('-42.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes empty values as empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });
});

describe('buildCsv', () => {
  it('writes a BOM, a header and CRLF-terminated rows', () => {
    const text = buildCsv(
      ['Name', 'Company'],
      [
        ['Ada', null],
        ['Grace', 'Navy, US'],
      ],
    );
    expect(text).toBe('\uFEFFName,Company\r\nAda,\r\nGrace,"Navy, US"\r\n');
  });

  it('writes only the header for an empty view', () => {
    expect(buildCsv(['Name'], [])).toBe('\uFEFFName\r\n');
  });

  it('keeps one field per column whatever the content', () => {
    expect(csvRow(['a,b', 'c"d', 'e\nf'])).toBe('"a,b","c""d","e\nf"');
  });
});
