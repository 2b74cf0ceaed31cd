import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ContentRefusedError, SNIFF_BYTES, type ContentType } from './content-type';

/** What a finished upload measured: its SHA-256 (hex), size and the type its first bytes proved. */
export interface Measured {
  sha256: string;
  bytes: number;
  contentType: ContentType;
}

export function tooLarge(maxBytes: number): ContentRefusedError {
  return new ContentRefusedError(
    'too_large',
    `The content is larger than the limit of ${maxBytes.toLocaleString('en')} bytes`,
  );
}

/**
 * Passes the bytes through unchanged while counting them and feeding a SHA-256, so nothing is
 * held beyond the chunk in flight. It fails the stream the moment the count passes `maxBytes`
 * and as soon as the first bytes decide the type (`judge` throws a refusal), so a refused
 * upload stops early instead of after its last byte.
 */
export class UploadMeter extends Transform {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private contentType: ContentType | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly judge: (head: Buffer) => ContentType,
  ) {
    super();
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.bytes += bytes.length;
    if (this.bytes > this.maxBytes) return done(tooLarge(this.maxBytes));
    this.hash.update(bytes);
    if (this.contentType === null) {
      this.head.push(bytes.subarray(0, SNIFF_BYTES));
      this.headBytes += Math.min(bytes.length, SNIFF_BYTES);
      if (this.headBytes >= SNIFF_BYTES) {
        const refused = this.decide();
        if (refused) return done(refused);
      }
    }
    done(null, bytes);
  }

  override _flush(done: TransformCallback): void {
    if (this.bytes === 0) return done(new ContentRefusedError('empty', 'The content is empty'));
    done(this.contentType === null ? this.decide() : null);
  }

  /** After the stream ended: what it measured. */
  measured(): Measured {
    if (this.contentType === null) throw new Error('UploadMeter.measured() read before the stream ended');
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, contentType: this.contentType };
  }

  private decide(): Error | null {
    try {
      this.contentType = this.judge(Buffer.concat(this.head).subarray(0, SNIFF_BYTES));
      this.head = [];
      return null;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
