import { createTransport, type Transporter } from 'nodemailer';
import { fromHeader, type Mailer, type OutgoingEmail, unsubscribeHeaders } from './outgoing-email.ts';

/**
 * Plain SMTP, for the local inbox `npm start` runs (MailDev) and the tests. Never used in the
 * cloud, where SES sends; nodemailer is a development dependency for that reason.
 */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(private readonly options: { host: string; port: number; from: string }) {
    this.transport = createTransport({
      host: options.host,
      port: options.port,
      secure: false,
      ignoreTLS: true,
    });
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const info = await this.transport.sendMail({
      from: fromHeader(email, this.options.from),
      to: email.to,
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
      subject: email.subject,
      text: email.text,
      html: email.html,
      // Prepared: written as they are, never folded or encoded (folding breaks DKIM; RFC 8058).
      headers: Object.fromEntries(
        unsubscribeHeaders(email).map(({ name, value }) => [name, { prepared: true, value }]),
      ),
    });
    return { messageId: info.messageId };
  }

  close(): void {
    this.transport.close();
  }
}
