import { Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from './environment-config.ts';

/** What every distribution of the stack shares: the web ACL (us-east-1) and the access-log bucket. */
export interface EdgeSettings {
  webAclArn: string;
  accessLogs: s3.IBucket;
}

export interface EdgeDistributionProps
  extends Omit<
    cloudfront.DistributionProps,
    | 'webAclId'
    | 'certificate'
    | 'domainNames'
    | 'minimumProtocolVersion'
    | 'sslSupportMethod'
    | 'enableLogging'
    | 'logBucket'
    | 'logFilePrefix'
    | 'httpVersion'
  > {
  /** The site's name: its custom domain is `domains.<site>` in the environment's settings. */
  site: string;
  config: EnvironmentConfig;
  edge: EdgeSettings;
}

/** The TLS policy of every distribution with its own domain: TLS 1.2 or newer, modern ciphers only. */
const EDGE_TLS_POLICY = cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021;

/**
 * A CloudFront distribution as every public site of this stack must be: behind the web ACL, logged
 * to the access-log bucket, HTTP/2 and 3, and, when the environment names a domain for the site, on
 * that domain with its ACM certificate and TLS 1.2+. Use this instead of `cloudfront.Distribution`;
 * the template tests check every distribution in the stack for these.
 */
export class EdgeDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://<custom domain or CloudFront domain>`, without a trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id);
    const { site, config, edge, ...distributionProps } = props;
    const domain = config.domains[site];

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      // Viewers are in New Zealand, whose edge locations only the "all" price class includes.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
      ...distributionProps,
      webAclId: edge.webAclArn,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: edge.accessLogs,
      logFilePrefix: `cloudfront/${site}/`,
      ...(domain && {
        domainNames: [domain.domainName],
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
        minimumProtocolVersion: EDGE_TLS_POLICY,
        sslSupportMethod: cloudfront.SSLMethod.SNI,
      }),
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Staff and partners use it wherever they are (travel, overseas partners), so no country is blocked; ' +
        'the web ACL filters by behaviour and reputation instead.',
    });
    if (!domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason: `No custom domain is configured for '${site}', so it is served on the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes. Set domains.${site} (docs/deploy.md) for TLS 1.2+ on your own domain.`,
      });
    }
    this.url = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;
  }
}
