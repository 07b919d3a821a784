// Entry point of dist/cli.js (`datamesh`): parses arguments and exits with the right code.
import { runCli } from './cli';

process.exitCode = runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
