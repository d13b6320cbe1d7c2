import type { FerretDbProcess } from './ferretdb';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __ferret?: FerretDbProcess }).__ferret?.kill('SIGTERM');
}
