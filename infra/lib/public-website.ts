import { Duration, Fn } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/origin-verify.ts';
import { EdgeDistribution, type EdgeSettings } from './edge-distribution.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { NodeFunction } from './node-function.ts';
import type { RecordsTable } from './records-table.ts';
import { baseSecurityHeaders } from './security-headers.ts';

export interface PublicWebsiteProps {
  config: EnvironmentConfig;
  /** Absolute path of the public site's handler (functions/handlers/public-site.ts). */
  entry: string;
  table: RecordsTable;
  edge: EdgeSettings;
  /** The people API, which serves the open data (/hsds, /v1/public/*) behind the same domain. */
  api: apigw.HttpApi;
  /** Sent to the API in `x-origin-verify`, as the API's own distribution does. */
  originSecret: string;
}

/** Pages and open data may be five minutes old: a change made in a sheet is public within minutes. */
const PUBLIC_CACHE_TTL = Duration.minutes(5);

/**
 * Calendar feeds may be five minutes old at the edge too: an edit reaches a subscribed calendar at
 * its next poll after that. The function says 15 minutes to calendars themselves.
 */
const FEED_CACHE_TTL = Duration.minutes(5);

/** Every iCalendar file the site serves: the national and regional feeds and each event's own. */
export const CALENDAR_FEED_PATTERN = '*.ics';

/** The query parameters the pages read; anything else is left out of the cache key. */
export const PAGE_QUERY_PARAMETERS = ['q', 'region', 'council', 'category', 'page'];

/** Paths CloudFront sends to the records API rather than to the pages function. */
const OPEN_DATA_BEHAVIOURS = ['/hsds', '/hsds/*', '/v1/public/*'];

/**
 * The public website: server-rendered pages from a function of its own (read-only on the table,
 * reached only through CloudFront by origin access control), and the open-data routes of the
 * records API, both behind one CloudFront distribution with short caching. No cookies are
 * forwarded or cached. See docs/public-site.md.
 */
export class PublicWebsite extends Construct {
  readonly handler: NodeFunction;
  readonly distribution: EdgeDistribution;
  /** `https://<domain>`. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: PublicWebsiteProps) {
    super(scope, id);
    const { config } = props;
    const domain = config.domains.website?.domainName;

    this.handler = new NodeFunction(this, 'Handler', {
      entry: props.entry,
      description: 'Partnership Records public website (server-rendered pages)',
      serviceName: 'public-site',
      config,
      concurrencyName: 'website',
      memorySize: 512,
      timeout: Duration.seconds(10),
      environment: {
        TABLE_NAME: props.table.tableInUse.tableName,
        // Canonical links and the sitemap name the custom domain when there is one.
        PUBLIC_SITE_URL: domain ? `https://${domain}` : '',
      },
    });
    // The pages only read current records through the by-type index (CurrentRecordsReader).
    props.table.grant(this.handler.role, ['dynamodb:Query']);

    const functionUrl = this.handler.function.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM,
    });
    const pagesOrigin = FunctionUrlOrigin.withOriginAccessControl(functionUrl);
    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret },
    });

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Partnership Records public website: strict transport, no framing',
      // The pages' own content security policy comes with them from the function.
      securityHeadersBehavior: baseSecurityHeaders(),
    });
    const pagesCache = new cloudfront.CachePolicy(this, 'PagesCache', {
      comment: 'Public pages: five minutes, keyed by the search parameters only',
      defaultTtl: PUBLIC_CACHE_TTL,
      maxTtl: PUBLIC_CACHE_TTL,
      minTtl: Duration.seconds(0),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList(...PAGE_QUERY_PARAMETERS),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const openDataCache = new cloudfront.CachePolicy(this, 'OpenDataCache', {
      comment: 'HSDS and CSV: five minutes, keyed by every query parameter',
      defaultTtl: PUBLIC_CACHE_TTL,
      maxTtl: PUBLIC_CACHE_TTL,
      minTtl: Duration.seconds(0),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // The function URL sees its own host name; the viewer's host goes on as x-forwarded-host so that
    // canonical links name the address people used (when no custom domain is configured).
    const forwardHost = new cloudfront.Function(this, 'ForwardHost', {
      comment: 'Copies the viewer Host header to x-forwarded-host',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        "function handler(event){var r=event.request;r.headers['x-forwarded-host']={value:r.headers.host.value};return r;}",
      ),
    });
    const pagesRequest = new cloudfront.OriginRequestPolicy(this, 'PagesRequest', {
      comment: 'Public pages: the search parameters and the viewer host, no cookies',
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.allowList(...PAGE_QUERY_PARAMETERS),
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList('x-forwarded-host'),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });

    // Calendar feeds go out exactly as the function wrote them: never compressed at the edge and
    // no Accept-Encoding in the cache key, so every calendar client gets the same identity bytes
    // with their Content-Length and ETag (some subscribers mishandle a compressed or chunked
    // feed), and no query string either, so a client's cache-buster cannot miss the cache.
    const feedsCache = new cloudfront.CachePolicy(this, 'CalendarFeedsCache', {
      comment: 'Calendar feeds: five minutes, uncompressed, one copy per feed',
      defaultTtl: FEED_CACHE_TTL,
      maxTtl: FEED_CACHE_TTL,
      minTtl: Duration.seconds(0),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: false,
      enableAcceptEncodingBrotli: false,
    });
    const feedsRequest = new cloudfront.OriginRequestPolicy(this, 'CalendarFeedsRequest', {
      comment: 'Calendar feeds: the viewer host (for event links), no query, no cookies',
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.none(),
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList('x-forwarded-host'),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });
    const calendarFeeds: cloudfront.BehaviorOptions = {
      origin: pagesOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: feedsCache,
      originRequestPolicy: feedsRequest,
      responseHeadersPolicy: securityHeaders,
      functionAssociations: [
        { function: forwardHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
      compress: false,
    };

    const openData: cloudfront.BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: openDataCache,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: securityHeaders,
      compress: true,
    };
    this.distribution = new EdgeDistribution(this, 'Edge', {
      site: 'website',
      config,
      edge: props.edge,
      comment: `Partnership Records public website (${config.name})`,
      defaultBehavior: {
        origin: pagesOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: pagesCache,
        originRequestPolicy: pagesRequest,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [
          { function: forwardHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
        ],
        compress: true,
      },
      additionalBehaviors: {
        ...Object.fromEntries(OPEN_DATA_BEHAVIOURS.map((path) => [path, openData])),
        [CALENDAR_FEED_PATTERN]: calendarFeeds,
      },
    });
    this.origin = this.distribution.url;
  }
}
