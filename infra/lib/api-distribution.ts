import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/origin-verify.ts';
import { EdgeDistribution, type EdgeSettings } from './edge-distribution.ts';
import type { EnvironmentConfig } from './environment-config.ts';

export interface ApiDistributionProps {
  api: apigw.IHttpApi;
  site: string;
  comment: string;
  config: EnvironmentConfig;
  edge: EdgeSettings;
  /** Sent to the API in `x-origin-verify`; the function refuses requests without it. */
  originSecret: string;
}

/**
 * Serves an HTTP API through CloudFront and its web ACL (HTTP APIs cannot take a web ACL
 * themselves). CloudFront keeps only what the API marks cacheable (the public directory, open data
 * and the public pages say `public, max-age=300`), for at most five minutes; everything else says
 * `no-store` and a response without a cache header is not kept at all. The bearer token and the
 * query string are part of the cache key (CloudFront forwards `Authorization` no other way), so no
 * caller is ever served another's answer. Every other viewer header passes through; `Host` does not
 * (API Gateway routes by its own host name).
 */
export function createApiDistribution(
  scope: Construct,
  id: string,
  props: ApiDistributionProps,
): EdgeDistribution {
  const stack = Stack.of(scope);
  const origin = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
    protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret },
    // API Gateway gives up after 30 s; CloudFront waits that long for a slow push.
    readTimeout: Duration.seconds(30),
  });
  return new EdgeDistribution(scope, id, {
    site: props.site,
    config: props.config,
    edge: props.edge,
    comment: props.comment,
    defaultBehavior: {
      origin,
      // API clients do not follow redirects for POST and PUT: plain HTTP is refused, not redirected.
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: apiCachePolicy(scope, `${id}NoCache`),
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      compress: true,
    },
  });
}

function apiCachePolicy(scope: Construct, id: string): cloudfront.CachePolicy {
  return new cloudfront.CachePolicy(scope, id, {
    comment: 'API: token and query in the key; keeps only what the API marks public, up to 5 minutes',
    minTtl: Duration.seconds(0),
    defaultTtl: Duration.seconds(0),
    maxTtl: Duration.minutes(5),
    headerBehavior: cloudfront.CacheHeaderBehavior.allowList('authorization'),
    queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    enableAcceptEncodingGzip: true,
    enableAcceptEncodingBrotli: true,
  });
}
