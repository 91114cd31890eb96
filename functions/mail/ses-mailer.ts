import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { traceAwsClient } from '../observability/xray-subsegments.ts';
import { fromHeader, type Mailer, type OutgoingEmail, unsubscribeHeaders } from './outgoing-email.ts';

export interface SesMailerOptions {
  /** The verified sender, like "Partnership Records <reminders@records.example.nz>". */
  from: string;
  /** The configuration set whose event destination feeds bounces and complaints to monitoring. */
  configurationSet: string;
  client?: SESv2Client;
}

/**
 * Amazon SES (v2 API). The configuration set's suppression options put addresses that bounce or
 * complain on the suppression list, so SES itself stops sending to them.
 */
export class SesMailer implements Mailer {
  private readonly client: SESv2Client;

  constructor(private readonly options: SesMailerOptions) {
    // Each send is an X-Ray subsegment of the run, like the table's calls.
    this.client = options.client ?? traceAwsClient(new SESv2Client({}));
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: fromHeader(email, this.options.from),
        Destination: { ToAddresses: [email.to] },
        ...(email.replyTo ? { ReplyToAddresses: [email.replyTo] } : {}),
        ConfigurationSetName: this.options.configurationSet,
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: email.text, Charset: 'UTF-8' },
              Html: { Data: email.html, Charset: 'UTF-8' },
            },
            // Mail clients show "unsubscribe" next to the sender: one click turns this kind off.
            Headers: unsubscribeHeaders(email).map(({ name, value }) => ({ Name: name, Value: value })),
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? 'unknown' };
  }
}
