import { formatFigures, readFigures } from './fault-figures';

// `make faults` prints the figures its scenarios recorded; it fails when one misses its goal or none were recorded.
const figures = readFigures();
process.stdout.write(`${formatFigures(figures)}\n`);
const failed = figures.filter((f) => !f.ok);
if (figures.length === 0 || failed.length > 0) {
  process.stderr.write(figures.length ? `${failed.length} figure(s) missed their goal\n` : 'no figures were recorded\n');
  process.exitCode = 1;
}
