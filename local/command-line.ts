import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { isIsoDate } from '../functions/domain/iso-date.ts';
import { newZealandDate } from '../functions/domain/new-zealand-day.ts';

const HELP = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** The values `parseArgs` reads for these options (and --help). */
type Values<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O & typeof HELP }>
>['values'];

/**
 * Reads a local command's options. `--help` prints the usage and exits; an option it cannot read
 * stops the command with what was wrong and the usage (exit 2), as does `fail` for a value the
 * command itself refuses.
 */
export function readCommandLine<const O extends ParseArgsOptionsConfig>(usage: string, options: O) {
  const fail = (message: string): never => {
    console.error(`${message}\n\n${usage}`);
    process.exit(2);
  };
  const values = (() => {
    try {
      return parseArgs({ options: { ...options, ...HELP } }).values as Values<O>;
    } catch (error) {
      return fail((error as Error).message);
    }
  })();
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  /** A day given as `--<option> YYYY-MM-DD`: today in New Zealand when left out. */
  const day = (option: string, given: string | undefined): string => {
    const value = given ?? newZealandDate();
    return isIsoDate(value) ? value : fail(`--${option} must be a real date like 2026-11-23, got "${value}"`);
  };
  return { values, fail, day };
}
