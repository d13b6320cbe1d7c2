import path from 'node:path';
import type FlatbushClass from 'flatbush';

/**
 * flatbush is published as an ES module only. Node ≥ 20.19 can `require()` it, but Jest on
 * Node 20 cannot (its module registry refuses require(esm) before Node 24.9), and our Jest
 * transform leaves node_modules alone. The package also ships a self-contained UMD build
 * (`flatbush.js`, flatqueue bundled) that every loader accepts, so we load that file by path:
 * the same class under tsx, plain Node and Jest's swc CommonJS transform.
 */
const umd = path.join(path.dirname(require.resolve('flatbush')), 'flatbush.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const Flatbush = require(umd) as typeof FlatbushClass;
export type Flatbush = FlatbushClass;
