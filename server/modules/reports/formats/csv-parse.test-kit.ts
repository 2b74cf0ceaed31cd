/**
 * An RFC 4180 reader for tests: records of fields, quotes undone, CRLF between records. Strict:
 * a bare LF, a quote inside an unquoted field or an unterminated quote is an error, so a test
 * reading a file back also proves the file is well formed.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let index = 0;
  while (index < text.length) {
    let field = '';
    if (text[index] === '"') {
      index += 1;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0) throw new Error('unterminated quoted field');
        field += text.slice(index, quote);
        index = quote + 1;
        if (text[index] !== '"') break;
        field += '"';
        index += 1;
      }
    } else {
      const end = /[,\r\n"]/.exec(text.slice(index));
      const stop = end ? index + end.index : text.length;
      field = text.slice(index, stop);
      index = stop;
      if (text[index] === '"') throw new Error(`quote inside an unquoted field at ${index}`);
    }
    record.push(field);
    if (text[index] === ',') {
      index += 1;
    } else if (text.startsWith('\r\n', index)) {
      records.push(record);
      record = [];
      index += 2;
    } else if (index < text.length) {
      throw new Error(`expected a comma or CRLF at ${index}`);
    } else {
      records.push(record);
    }
  }
  return records;
}
