import { spawnSync } from 'node:child_process';

export const JAVA_INSTALL_HINT =
  'DynamoDB Local needs Java 17 or newer. Install it, then run npm start again:\n' +
  '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless\n' +
  '  macOS (Homebrew): brew install openjdk@17\n' +
  '  Windows: winget install Microsoft.OpenJDK.17';

/** The installed Java's major version, or undefined when `java` is not on the PATH. */
export function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  // Java 8 and older report "1.8".
  return major === 1 ? Number(match[2]) : major;
}

export class JavaMissingError extends Error {
  constructor(found: number | undefined) {
    super(
      `${found ? `Found Java ${found}, which is too old. ` : 'Java was not found. '}${JAVA_INSTALL_HINT}`,
    );
    this.name = 'JavaMissingError';
  }
}

export function requireJava17(): void {
  const major = javaMajorVersion();
  if (!major || major < 17) throw new JavaMissingError(major);
}
