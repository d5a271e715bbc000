// The `todoku` command line: parses arguments and runs one command against the server's REST API.
import { buildProgram } from './program.ts';

await buildProgram().parseAsync(process.argv);
