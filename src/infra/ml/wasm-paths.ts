// Where the WebAssembly binaries of @tensorflow/tfjs-backend-wasm lie. Resolved through Node's module resolution
// from this file, so it works offline, from src/ (tsx) and from dist/ (built), and in the Docker image alike;
// without it the backend would look next to the bundle that loaded it, or fetch from a CDN.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const BINARY = 'tfjs-backend-wasm-simd.wasm';

/** The package's `dist/` directory, with the trailing separator `setWasmPaths` expects of a prefix. */
export function wasmDistDirectory(): string {
  const manifest = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
  const directory = path.join(path.dirname(manifest), 'dist') + path.sep;
  if (!existsSync(path.join(directory, BINARY))) {
    throw new Error(`${BINARY} is missing from ${directory}: reinstall @tensorflow/tfjs-backend-wasm (npm ci)`);
  }
  return directory;
}
