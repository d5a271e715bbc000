// Module resolution hooks for the unit tier (registered by unit-guard.ts): database drivers and the
// browser driver cannot be imported there, directly or through the module under test.
const REFUSED = new Set(['pg', 'better-sqlite3', 'playwright-core']);

export async function resolve(specifier, context, next) {
  if (REFUSED.has(specifier)) {
    const from = context.parentURL ?? '?';
    throw new Error(
      `単体テストの層では ${specifier} を読み込めません (${from} から)。integration か browser の層へ移してください (scripts/test.mjs) / the unit tier cannot import ${specifier} (from ${from}): move this test to the integration or browser tier (scripts/test.mjs)`,
    );
  }
  return next(specifier, context);
}
