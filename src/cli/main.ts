// The `todoku` command line: parses arguments and runs one command against the server's REST API.
// The language is chosen once, before anything is printed; a reader that goes away (`| head`) ends
// the command quietly.
import { buildProgram } from './program.ts';
import { detectLang } from './lang.ts';
import { quietWhenReaderLeaves } from './output.ts';

quietWhenReaderLeaves(process.stdout);
quietWhenReaderLeaves(process.stderr);
await buildProgram(detectLang(process.argv.slice(2), process.env)).parseAsync(process.argv);
