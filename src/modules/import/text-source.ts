// Opens a data file as a stream of UTF-8 text, gunzipping it when its first bytes say it is gzip. The magic bytes
// decide, not the name: exports get renamed, and a `.jsonl` that is really compressed should still import.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** Large reads keep syscalls and gunzip calls few; memory stays bounded by the stream's buffers. */
const READ_CHUNK_BYTES = 256 * 1024;

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
  } finally {
    await handle.close();
  }
}

/**
 * The file's text in chunks of whole characters (a multi-byte character split across reads is joined again).
 * Errors of the file or of gunzip (a truncated or corrupt archive) surface when the stream is iterated.
 */
export async function openTextStream(path: string): Promise<Readable> {
  const gzip = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  // pipeline (not pipe) forwards an error of any stage to the last one, so iteration throws instead of hanging.
  const source: Readable = gzip ? pipeline(file, createGunzip({ chunkSize: READ_CHUNK_BYTES }), () => undefined) : file;
  source.setEncoding('utf8');
  return source;
}
