// Encoded examples kept sparse (CSR: the non-zero positions and values of each row). A bag of words is a few
// dozen ones in thousands of columns: 40,000 repositories × 12,000 columns would take 1.9 GB dense, a few MB
// here. Rows are encoded once, by the very encoder serving uses, and densified a batch at a time.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FeatureEncoder, InputRow } from '../registry/index.js';

export class SparseRows {
  private constructor(
    readonly width: number,
    /** Row r's entries are offsets[r] .. offsets[r + 1] of columns and values. */
    private readonly offsets: Uint32Array,
    private readonly columns: Uint32Array,
    private readonly values: Float32Array,
  ) {}

  get length(): number {
    return this.offsets.length - 1;
  }

  /**
   * Encodes `rows` in chunks, calling `onChunk` with each chunk's size: the dense scratch block stays small, and the
   * event loop gets a turn between chunks (in the API process, requests are served while a catalog is encoded).
   */
  static async encode(
    encoder: FeatureEncoder,
    rows: readonly InputRow[],
    onChunk: (count: number) => void = () => undefined,
    chunk = 512,
  ): Promise<SparseRows> {
    const offsets = new Uint32Array(rows.length + 1);
    const columns: number[] = [];
    const values: number[] = [];
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk);
      const dense = encoder.encode(part);
      for (let r = 0; r < part.length; r++) {
        const base = r * encoder.width;
        for (let c = 0; c < encoder.width; c++) {
          const value = dense[base + c]!;
          if (value !== 0) {
            columns.push(c);
            values.push(value);
          }
        }
        offsets[start + r + 1] = columns.length;
      }
      onChunk(part.length);
      await nextTurn();
    }
    return new SparseRows(encoder.width, offsets, Uint32Array.from(columns), Float32Array.from(values));
  }

  /** The rows at `indices`, dense and row-major ([indices.length × width]), as tensor2d takes them. */
  dense(indices: ArrayLike<number>): Float32Array {
    const out = new Float32Array(indices.length * this.width);
    for (let i = 0; i < indices.length; i++) {
      const row = indices[i]!;
      const base = i * this.width;
      for (let e = this.offsets[row]!; e < this.offsets[row + 1]!; e++) out[base + this.columns[e]!] = this.values[e]!;
    }
    return out;
  }
}
