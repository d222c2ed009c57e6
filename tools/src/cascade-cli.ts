/**
 * Operator CLI over @cascade/client, @cascade/models and @cascade/events:
 *
 *   npm run cascade -- recommend --user u42 --surface spotlight --debug
 *   npx tsx tools/src/cascade-cli.ts health --json
 *
 * Exit codes: 0 ok, 1 a service not SERVING or a failed call, 2 bad usage.
 */
import { parseCommand, usage, UsageError } from './cli/args';
import { runCommand } from './cli/commands';

async function main(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  try {
    const { output, exitCode } = await runCommand(command);
    process.stdout.write(`${output}\n`);
    return exitCode;
  } catch (error) {
    const { code, details, message } = error as { code?: number; details?: string; message?: string };
    process.stderr.write(`cascade ${command.kind} failed: ${details ?? message ?? String(error)}${code === undefined ? '' : ` (grpc status ${code})`}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
