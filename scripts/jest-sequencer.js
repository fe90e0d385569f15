const path = require('node:path');
const { statSync } = require('node:fs');
const Sequencer = require('@jest/test-sequencer').default;

/** How long a suite of each folder of test/ tends to take, coarsely: processes and browsers first. */
const WEIGHT = { e2e: 3, infra: 2, integration: 1, unit: 0 };

/**
 * Jest starts the slowest suites first when its cache knows their durations. A clean clone (CI) has
 * no cache, and jest's fallback, file size, can leave a two-minute browser suite for last on one
 * worker while the other idles: then the end-to-end and template suites go first, and the many small
 * unit suites fill in behind them.
 */
class SlowestFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.every((test) => test.duration != null)) return sorted;
    const weight = (test) => WEIGHT[path.relative(test.context.config.rootDir, test.path).split(path.sep)[1]] ?? 0;
    const size = (test) => statSync(test.path).size;
    return [...tests].sort((a, b) => weight(b) - weight(a) || size(b) - size(a));
  }
}

module.exports = SlowestFirst;
