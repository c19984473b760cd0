// Runs once before all test files: one notice when the shared test data is absent (the suites that need it
// are skipped), or a failure when CONVEY_REQUIRE_SHARED_DATA=1 says it must be there.
import { hasSharedData, sharedDataRequired, SHARED_DATA_MISSING, SHARED_DIR } from './shared-data.js';

export default function setup(): void {
  if (hasSharedData) return;
  if (sharedDataRequired) throw new Error(`${SHARED_DATA_MISSING}; CONVEY_REQUIRE_SHARED_DATA=1 makes this a failure`);
  console.warn(`NOTICE: tests that need the shared test data are skipped: none at ${SHARED_DIR} (set CONVEY_SHARED_DIR to run them).`);
}
