import Module from 'node:module';
import { resolve } from 'node:path';

/**
 * Jest's moduleNameMapper does not apply to globalSetup, which runs outside the test sandbox:
 * resolve the @peerline/<lib> aliases the same way here (jest's transform still compiles the .ts).
 */
const root = resolve(__dirname, '../../../..');
const alias = /^@peerline\/([a-z-]+)$/;
type Resolve = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
mod._resolveFilename = function (request: string, ...rest: unknown[]): string {
  const match = alias.exec(request);
  return original.call(
    this,
    match ? resolve(root, 'libs', match[1] ?? '', 'src/index.ts') : request,
    ...rest,
  );
};
