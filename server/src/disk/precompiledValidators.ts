import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PrecompiledValidators, ValidatorFactory } from '../core/languageService';
import { validatorFileName } from '../core/languageService';

/**
 * The schemas the build compiled (`validators/` beside the bundle: dist/ in the repository and in
 * the packaged extension), each loaded when first asked for. A bundle without them (a test's, or one
 * copied away) gets none, and its validator compiles the schemas itself, as fast as it used to.
 */
export function validatorsBeside(bundleDir: string): PrecompiledValidators {
  const load = createRequire(join(bundleDir, 'validators', 'index.js'));
  return (key) => {
    try {
      return load(`./${validatorFileName(key)}`) as ValidatorFactory;
    } catch {
      return undefined;
    }
  };
}
