import { MailDev } from 'maildev';

export const DEFAULT_SMTP_PORT = 1025;
export const DEFAULT_INBOX_PORT = 1080;

export interface LocalInbox {
  /** Where the reminders job sends (SMTP, no TLS, no password). */
  smtpHost: string;
  smtpPort: number;
  /** MailDev's web inbox; its REST API is under `${inboxUrl}/api`. */
  inboxUrl: string;
  stop(): Promise<void>;
}

/**
 * MailDev: a real SMTP server that keeps every email it receives and shows them in a web inbox,
 * so reminders sent on this machine can be read and nothing leaves it. Port 0 picks free ports
 * (the tests). With `mailDirectory`, emails survive a restart.
 */
export async function startLocalInbox(
  options: { smtpPort?: number; webPort?: number; mailDirectory?: string } = {},
): Promise<LocalInbox> {
  const maildev = new MailDev({
    smtp: options.smtpPort ?? DEFAULT_SMTP_PORT,
    web: options.webPort ?? DEFAULT_INBOX_PORT,
    ip: '127.0.0.1',
    webIp: '127.0.0.1',
    silent: true,
    ...(options.mailDirectory ? { mailDirectory: options.mailDirectory } : {}),
  });
  const servers = await maildev.start();
  const webPort = servers.api?.getPort();
  if (!webPort) {
    await maildev.stop();
    throw new Error('MailDev started without its web inbox.');
  }
  return {
    smtpHost: '127.0.0.1',
    smtpPort: servers.smtp.getPort(),
    inboxUrl: `http://127.0.0.1:${webPort}`,
    stop: () => maildev.stop(),
  };
}
