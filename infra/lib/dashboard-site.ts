import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { EdgeDistribution, type EdgeSettings } from './edge-distribution.ts';
import { createEncryptedLogGroup } from './encrypted-log-group.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { acknowledgeRuleFamiliesIn } from './nag-acknowledgements.ts';
import { staleOpenApiCopy } from './openapi-freshness.ts';
import { createPrivateBucket } from './private-bucket.ts';
import { baseSecurityHeaders } from './security-headers.ts';
import { SNAPSHOT_KEYS } from './snapshot-bucket.ts';

export interface DashboardSiteProps {
  config: EnvironmentConfig;
  snapshotBucket: s3.IBucket;
  /** The web ACL and access-log bucket every distribution uses. */
  edge: EdgeSettings;
  /** Folder of built dashboard files to upload; when undefined the bucket is left as it is. */
  siteAssetsPath: string | undefined;
}

/**
 * The national dashboard: static files in a private bucket, served over HTTPS by CloudFront, which
 * reads the page from the site bucket and the snapshot JSON from the snapshot bucket, both through
 * origin access control. The page and its data share one origin, so the browser needs no CORS.
 *
 * Anyone with the URL can read `latest.json` and `snapshots/*` this way, taken from the public copy
 * under `public/`, which has every figure but no record lists (see docs/deploy.md, "Who can read
 * the snapshots").
 */
export class DashboardSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly site: EdgeDistribution;
  readonly distribution: cloudfront.Distribution;
  /** `https://<custom domain or CloudFront domain>`. */
  readonly origin: string;
  private readonly siteAssetsPath: string | undefined;
  private readonly config: EnvironmentConfig;

  constructor(scope: Construct, id: string, props: DashboardSiteProps) {
    super(scope, id);
    const { config } = props;

    this.bucket = createPrivateBucket(this, 'SiteBucket', {
      config,
      accessLogs: { bucket: props.edge.accessLogs, prefix: 'site-bucket' },
    });

    // Only the public copy: figures for everyone, record lists for signed-in staff through the API.
    const snapshotOrigin = S3BucketOrigin.withOriginAccessControl(props.snapshotBucket, {
      originPath: `/${SNAPSHOT_KEYS.publicPrefix.replace(/\/$/, '')}`,
    });
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const securityHeaders = createSecurityHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Partnership Records dashboard: strict transport, no framing, same-origin content only',
      connectDirective: "connect-src 'self'",
    });
    // The partner pages call the API (another CloudFront site) and the operator's sign-in service.
    const partnerHeaders = createSecurityHeadersPolicy(this, 'PartnerPagesSecurityHeaders', {
      comment:
        'Partnership Records partner pages: as the dashboard, and may call the API and the sign-in service',
      connectDirective: `connect-src ${partnerConnectSources(config).join(' ')}`,
    });
    // Emails link to /records/<type path>/<id> and /councils/<id>: sent on to the page showing them.
    const pageAddresses = new cloudfront.Function(this, 'RecordPageAddresses', {
      comment: 'Partnership Records: record and council addresses to their partner page',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(RECORD_PAGE_REDIRECTS),
    });
    const pageAddressBehaviour: cloudfront.BehaviorOptions = {
      origin: siteOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy: partnerHeaders,
      functionAssociations: [
        { function: pageAddresses, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    };
    const snapshotBehaviour = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin: snapshotOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy: securityHeaders,
      compress: true,
    });

    this.site = new EdgeDistribution(this, 'Edge', {
      site: 'dashboard',
      config,
      edge: props.edge,
      comment: `Partnership Records dashboard (${config.name})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        '/partners/*': {
          origin: siteOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: partnerHeaders,
          compress: true,
        },
        '/records/*': pageAddressBehaviour,
        '/councils/*': pageAddressBehaviour,
        // Dated snapshots change only if a night is re-run; a day-long cache is fine.
        [`/${SNAPSHOT_KEYS.historyPrefix}*`]: snapshotBehaviour(cloudfront.CachePolicy.CACHING_OPTIMIZED),
        // latest.json changes every night: cache briefly so a new snapshot shows within minutes.
        [`/${SNAPSHOT_KEYS.latest}`]: snapshotBehaviour(createLatestSnapshotCachePolicy(this)),
      },
    });
    this.distribution = this.site.distribution;
    Annotations.of(Stack.of(this)).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac',
      'The data key lets CloudFront decrypt for any distribution of this account (naming ours would be circular); ' +
        'each bucket policy still admits only this distribution, and both must allow a read.',
    );

    this.origin = this.site.url;

    this.siteAssetsPath = props.siteAssetsPath;
    this.config = config;
  }

  /**
   * Uploads the built pages, with the partner pages' `partners/sign-in.json` (where the API answers,
   * which issuer to sign in with), and clears CloudFront's copy so the new ones are served at once.
   * Called once the API exists, since sign-in.json names its address.
   */
  publishSiteFiles(apiOrigin: string): void {
    if (!this.siteAssetsPath) return;
    const { config, siteAssetsPath } = this;
    const stale = staleOpenApiCopy(siteAssetsPath);
    if (stale) throw new Error(stale);
    const oidc = config.partnerPagesOidc;
    const signIn = {
      apiBase: apiOrigin,
      ...(oidc
        ? {
            oidc: {
              authority: oidc.authority,
              clientId: oidc.clientId,
              ...(oidc.scope ? { scope: oidc.scope } : {}),
            },
          }
        : {}),
    };
    const deployment = new s3deploy.BucketDeployment(this, 'SiteFiles', {
      // One deployment for both, so pruning the built files never removes sign-in.json.
      sources: [s3deploy.Source.asset(siteAssetsPath), s3deploy.Source.jsonData(PARTNER_SIGN_IN_KEY, signIn)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 512,
      // Its logs, like every log group of the stack, are encrypted with the data key.
      logGroup: createEncryptedLogGroup(this, 'SiteFilesLogs', config),
    });
    // CDK provides and versions the function doing the upload; its runtime and role are not ours to
    // choose, and it runs only while deploying.
    const cdkProvidedHandler = deployment.handlerRole.node.scope!;
    acknowledgeRuleFamiliesIn(
      cdkProvidedHandler,
      ['AwsSolutions-L1', 'AwsSolutions-IAM4', 'AwsSolutions-IAM5'],
      'CDK-provided BucketDeployment handler: CDK fixes its runtime and its role (basic execution policy, read of the ' +
        'bootstrap asset, write to the site bucket, CloudFront invalidation). It runs only during deployment.',
    );
  }
}

/**
 * The viewer-request function of the record and council addresses: the same redirect the local
 * dashboard extension makes (functions/links/site-paths.ts, recordOrCouncilPage), in CloudFront's
 * JavaScript runtime, which cannot import it; test/offline/infra/buckets-and-site.test.ts runs
 * this code against that function.
 */
export const RECORD_PAGE_REDIRECTS = `function handler(event) {
  var uri = event.request.uri;
  var record = /^\\/records\\/([a-z-]+)\\/([^\\/]+)$/.exec(uri);
  var council = /^\\/councils\\/([^\\/]+)$/.exec(uri);
  var to = record
    ? '/partners/record.html?record=' + encodeURIComponent(record[1] + '/' + decodeURIComponent(record[2]))
    : council
      ? '/partners/council.html?council=' + encodeURIComponent(decodeURIComponent(council[1]))
      : undefined;
  if (!to) return { statusCode: 404, statusDescription: 'Not Found' };
  return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: to }, 'cache-control': { value: 'no-store' } } };
}`;

/** Where the partner pages read their sign-in settings, beside the pages. */
const PARTNER_SIGN_IN_KEY = 'partners/sign-in.json';

/**
 * What the partner pages may connect to. The API's CloudFront address cannot be named here: the
 * API learns this site's origin for CORS, so naming the API's distribution in this site's headers
 * would make the two depend on each other. Without a custom API domain the pages may therefore
 * reach any CloudFront host; scripts still load from this origin only.
 */
function partnerConnectSources(config: EnvironmentConfig): string[] {
  const api = config.domains.api ? `https://${config.domains.api.domainName}` : 'https://*.cloudfront.net';
  const oidc = config.partnerPagesOidc;
  const signIn = oidc ? [new URL(oidc.authority).origin, ...oidc.tokenOrigins] : [];
  return ["'self'", api, ...new Set(signIn)];
}

function createSecurityHeadersPolicy(
  scope: Construct,
  id: string,
  { comment, connectDirective }: { comment: string; connectDirective: string },
): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment,
    securityHeadersBehavior: {
      ...baseSecurityHeaders(),
      // The page loads its scripts, styles and snapshot JSON from this origin only; charts draw on
      // canvas, and Chart.js sets inline styles, hence 'unsafe-inline' for styles alone.
      contentSecurityPolicy: {
        contentSecurityPolicy: [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          connectDirective,
          "frame-ancestors 'none'",
          "base-uri 'self'",
          "form-action 'none'",
          "object-src 'none'",
        ].join('; '),
        override: true,
      },
    },
  });
}

function createLatestSnapshotCachePolicy(scope: Construct): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, 'LatestSnapshotCache', {
    comment: 'latest.json: replaced nightly, cached for minutes',
    defaultTtl: Duration.minutes(5),
    minTtl: Duration.seconds(0),
    maxTtl: Duration.hours(1),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}
