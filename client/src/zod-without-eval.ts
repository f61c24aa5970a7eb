import { config } from 'zod';

// zod compiles fast validators with `new Function` and, to learn whether it may, tries one
// in a try/catch; the page's Content-Security-Policy (no 'unsafe-eval') refuses both, and
// the browser reports even the caught attempt as a violation. Validating without compiling
// is fast enough for the few messages a page checks. Imported first, before any schema runs.
config({ jitless: true });
