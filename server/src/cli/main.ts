// Entry point of dist/cli.js (`datamesh`): parses arguments and exits with the right code.
import { runCli } from './cli';

void runCli(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then((code) => {
  process.exitCode = code;
});
