import { describe, expect, it } from 'vitest';
import { CALENDAR_FEED_PATTERN, PAGE_QUERY_PARAMETERS } from '../../../infra/lib/public-website.ts';
import { cachedSynth } from './synth-stack.ts';

const synth = cachedSynth();

/** The public website in the cloud: CloudFront with short caching in front of a read-only function. */
function publicWebsite() {
  const synthesized = synth({ env: 'prod' });
  const { stack, template } = synthesized;
  const resources = template.toJSON().Resources;
  const distribution =
    resources[synthesized.logicalId(stack.website.distribution.distribution)].Properties.DistributionConfig;
  const cachePolicy = (ref: { Ref: string }) => resources[ref.Ref].Properties.CachePolicyConfig;
  return { synthesized, stack, template, distribution, cachePolicy };
}

describe('public website', () => {
  it('should serve the pages from the website function through origin access control only', () => {
    // Act
    const { template, distribution } = publicWebsite();

    // Assess
    const fnUrl = Object.values(template.findResources('AWS::Lambda::Url'));
    expect(fnUrl).toHaveLength(1);
    expect((fnUrl[0] as { Properties: unknown }).Properties).toMatchObject({ AuthType: 'AWS_IAM' });
    const pages = distribution.Origins.find(
      (o: { Id: string }) => o.Id === distribution.DefaultCacheBehavior.TargetOriginId,
    );
    expect(pages.OriginAccessControlId).toBeDefined();
    expect(distribution.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
    });
  });

  it('should cache pages five minutes, keyed by the search parameters alone, with no cookies', () => {
    // Act
    const { distribution, cachePolicy } = publicWebsite();

    // Assess
    const policy = cachePolicy(distribution.DefaultCacheBehavior.CachePolicyId);
    expect(policy).toMatchObject({ DefaultTTL: 300, MaxTTL: 300, MinTTL: 0 });
    const key = policy.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.CookiesConfig).toEqual({ CookieBehavior: 'none' });
    expect(key.QueryStringsConfig).toEqual({
      QueryStringBehavior: 'whitelist',
      QueryStrings: PAGE_QUERY_PARAMETERS,
    });
  });

  it('should send the open data (/hsds, /v1/public/*) to the records API, cached five minutes too', () => {
    // Act
    const { distribution, cachePolicy } = publicWebsite();

    // Assess
    const behaviours = (
      distribution.CacheBehaviors as {
        PathPattern: string;
        CachePolicyId: { Ref: string };
        AllowedMethods: string[];
      }[]
    ).filter((b) => b.PathPattern !== CALENDAR_FEED_PATTERN);
    expect(behaviours.map((b) => b.PathPattern).sort()).toEqual(['/hsds', '/hsds/*', '/v1/public/*']);
    for (const b of behaviours) {
      expect(cachePolicy(b.CachePolicyId)).toMatchObject({ DefaultTTL: 300, MaxTTL: 300 });
      expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
  });

  describe('the calendar feeds', () => {
    const feeds = () => {
      const { distribution, cachePolicy, template, synthesized } = publicWebsite();
      const behaviour = distribution.CacheBehaviors.find(
        (b: { PathPattern: string }) => b.PathPattern === CALENDAR_FEED_PATTERN,
      );
      return { distribution, behaviour, cachePolicy, template, synthesized };
    };

    it('should send every .ics file (national, regional and single-event) to the pages function', () => {
      // Act
      const { distribution, behaviour } = feeds();

      // Assess
      expect(behaviour).toMatchObject({
        TargetOriginId: distribution.DefaultCacheBehavior.TargetOriginId,
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
      });
      expect(distribution.CacheBehaviors.at(-1).PathPattern).toBe(CALENDAR_FEED_PATTERN);
    });

    it('should never compress a feed, nor key the cache on Accept-Encoding', () => {
      // Act
      const { behaviour, cachePolicy } = feeds();

      // Assess
      const key = cachePolicy(behaviour.CachePolicyId).ParametersInCacheKeyAndForwardedToOrigin;
      expect(behaviour.Compress).toBe(false);
      expect([key.EnableAcceptEncodingGzip, key.EnableAcceptEncodingBrotli]).toEqual([false, false]);
    });

    it('should cache a feed five minutes, one copy whatever the query string, with no cookies', () => {
      // Act
      const { behaviour, cachePolicy } = feeds();

      // Assess
      const policy = cachePolicy(behaviour.CachePolicyId);
      expect(policy).toMatchObject({ DefaultTTL: 300, MaxTTL: 300, MinTTL: 0 });
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
      });
    });

    it('should pass the viewer host on, so the feed links each event to its page on the address people use', () => {
      // Act
      const { behaviour, template } = feeds();

      // Assess
      const request =
        template.toJSON().Resources[behaviour.OriginRequestPolicyId.Ref].Properties.OriginRequestPolicyConfig;
      expect(request).toMatchObject({
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['x-forwarded-host'] },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        CookiesConfig: { CookieBehavior: 'none' },
      });
      expect(behaviour.FunctionAssociations).toEqual([
        expect.objectContaining({ EventType: 'viewer-request' }),
      ]);
    });
  });

  it('should let the website function only query the table', () => {
    // Act
    const { synthesized, stack, template } = publicWebsite();

    // Assess
    const role = stack.website.handler.role;
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p: any) =>
      JSON.stringify(p.Properties.Roles).includes(synthesized.logicalId(role)),
    );
    const actions = policies
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .flatMap((s: { Action: string | string[] }) => [s.Action].flat())
      .filter((a: string) => a.startsWith('dynamodb:'));
    expect([...new Set(actions)]).toEqual(['dynamodb:Query']);
  });
});
