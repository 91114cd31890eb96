import { createServer } from 'node:net';

/** Raised when a port the local runtime needs is taken; says what to do instead. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    what: string,
    envVar: string,
  ) {
    super(
      `Port ${port} is already in use, so ${what} cannot start there. Stop whatever is using it (another npm start?), or choose another port, e.g. ${envVar}=${port + 1} npm start`,
    );
    this.name = 'PortInUseError';
  }
}

/** Resolves when nothing listens on `port` at `host`; throws `PortInUseError` otherwise. */
export function requirePortFree(port: number, host: string, what: string, envVar: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new PortInUseError(port, what, envVar)
          : error,
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
