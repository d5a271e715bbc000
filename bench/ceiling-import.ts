// The import's ceiling: the bare pipeline its parts allow on one core, over the same file the import
// benchmark reads — iconv-lite's CP932 decoder, csv-parse, and libphonenumber-js (max) deciding
// whether each number is a mobile. Nothing is normalised, deduplicated, sealed or stored: Todoku's
// import is measured as a ratio to this figure.
// Usage: node --import tsx bench/ceiling-import.ts FILE   (prints one JSON line)
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { peakRssMb } from './machine.ts';

const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/ceiling-import.ts FILE');
let rows = 0;
let mobiles = 0;
const started = performance.now();
const cpu0 = process.cpuUsage();
await pipeline(createReadStream(file), iconv.decodeStream('CP932'), parse({ from_line: 2, relax_column_count: true }), async (records: AsyncIterable<string[]>) => {
  for await (const record of records) {
    rows += 1;
    try {
      const type = parsePhoneNumberWithError(record[1] ?? '', 'JP').getType();
      if (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') mobiles += 1;
    } catch {
      // not a number: counted as a row, not as a mobile
    }
  }
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ rows, mobiles, seconds, rowsPerSecond: rows / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: peakRssMb() }));
