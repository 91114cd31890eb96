import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../../functions/api/origin-verify.ts';
import { WEB_ACL_MANAGED_RULE_GROUPS } from '../../../infra/lib/web-acl.ts';
import { buildStack, cachedSynth, type SynthesizedStack } from './synth-stack.ts';

const synth = cachedSynth();

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';

type Resource = { Type: string; Properties: Record<string, any> };

function distributions(synthesized: SynthesizedStack): [string, Resource][] {
  return Object.entries(synthesized.template.findResources('AWS::CloudFront::Distribution')) as [
    string,
    Resource,
  ][];
}

function webAcls(template: Template): Resource[] {
  return Object.values(template.findResources('AWS::WAFv2::WebACL')) as Resource[];
}

describe('web application firewall', () => {
  it('should put every CloudFront distribution behind the web ACL of the us-east-1 edge stack', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { edge } = synthesized;

    expect(edge.region).toBe('us-east-1');
    expect(distributions(synthesized).length).toBeGreaterThanOrEqual(3);
    for (const [id, distribution] of distributions(synthesized)) {
      expect(JSON.stringify(distribution.Properties.DistributionConfig.WebACLId), id).toContain(
        edge.stackName,
      );
    }
  });

  it('should block known bad addresses, common exploits and known bad inputs, and floods from one address', () => {
    // Act
    const [acl] = webAcls(synth({ env: 'prod' }).edgeTemplate);

    // Assess
    expect(acl!.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const rules = acl!.Properties.Rules as { Name: string; Statement: any; Action?: any }[];
    const managed = rules.flatMap((rule) => rule.Statement.ManagedRuleGroupStatement?.Name ?? []);
    expect(managed).toEqual(WEB_ACL_MANAGED_RULE_GROUPS);
    expect(managed).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesAmazonIpReputationList',
      ]),
    );
    const rate = rules.find((rule) => rule.Statement.RateBasedStatement);
    expect(rate).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 2000 } },
    });
  });

  it('should take the per-address limit from context', () => {
    // Act
    const { edgeTemplate } = synth({ env: 'prod', context: { wafRateLimit: '500' } });

    // Assess
    const rules = webAcls(edgeTemplate)[0]!.Properties.Rules as { Statement: any }[];

    expect(rules.find((rule) => rule.Statement.RateBasedStatement)!.Statement.RateBasedStatement.Limit).toBe(
      500,
    );
  });

  it('should log blocked and counted requests without the bearer token, encrypted', () => {
    // Act
    const template = synth({ env: 'prod' }).edgeTemplate;

    // Assess
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }],
    });
    const [group] = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(group!.Properties.LogGroupName).toMatch(/^aws-waf-logs-/);
    expect(group!.Properties.KmsKeyId).toBeDefined();
  });

  it('should protect the machine clients\u2019 token endpoint (Cognito) with a regional web ACL', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const [regional] = webAcls(synthesized.template);

    expect(regional!.Properties.Scope).toBe('REGIONAL');
    synthesized.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: synthesized.resolve(synthesized.stack.machineAuth.userPool.userPoolArn),
    });
  });
});

describe('APIs reachable only through CloudFront', () => {
  it('should send a secret header to each API that the function checks, from Secrets Manager', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { api } = synthesized.stack;
    for (const distribution of [api.peopleDistribution, api.machineDistribution]) {
      const config =
        synthesized.template.toJSON().Resources[synthesized.logicalId(distribution.distribution)].Properties
          .DistributionConfig;
      const [origin] = config.Origins;
      expect(origin.CustomOriginConfig).toMatchObject({
        OriginProtocolPolicy: 'https-only',
        OriginSSLProtocols: ['TLSv1.2'],
      });
      expect(origin.OriginCustomHeaders).toEqual([
        {
          HeaderName: ORIGIN_VERIFY_HEADER,
          HeaderValue: expect.objectContaining({ 'Fn::Join': expect.anything() }),
        },
      ]);
      expect(JSON.stringify(origin.OriginCustomHeaders)).toContain('resolve:secretsmanager');
      expect(config.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'https-only' });
    }
    const variables =
      synthesized.template.toJSON().Resources[synthesized.logicalId(api.handler.function)].Properties
        .Environment.Variables;
    expect(JSON.stringify(variables.ORIGIN_VERIFY_SECRET)).toContain('resolve:secretsmanager');
  });

  it('should cache only what the API marks public, keyed by token and query, for at most five minutes', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { api } = synthesized.stack;

    for (const distribution of [api.peopleDistribution, api.machineDistribution]) {
      const config =
        synthesized.template.toJSON().Resources[synthesized.logicalId(distribution.distribution)].Properties
          .DistributionConfig;
      const policyId: string = config.DefaultCacheBehavior.CachePolicyId.Ref;
      const policy = synthesized.template.toJSON().Resources[policyId].Properties.CachePolicyConfig;
      expect(policy).toMatchObject({ DefaultTTL: 0, MinTTL: 0, MaxTTL: 300 });
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['authorization'] },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        CookiesConfig: { CookieBehavior: 'none' },
      });
    }
  });

  it('should publish the CloudFront addresses, never API Gateway\u2019s own', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const outputs = synthesized.template.toJSON().Outputs;

    for (const name of ['ApiUrl', 'MachineApiUrl', 'DashboardUrl']) {
      expect(JSON.stringify(outputs[name].Value), name).not.toContain('execute-api');
      expect(JSON.stringify(outputs[name].Value), name).toContain('DomainName');
    }
  });
});

describe('TLS and custom domains', () => {
  const domains = {
    dashboard: { domainName: 'dashboard.records.example.govt.nz', certificateArn: CERTIFICATE },
    api: { domainName: 'api.records.example.govt.nz', certificateArn: CERTIFICATE },
    machineApi: { domainName: 'machines.records.example.govt.nz', certificateArn: CERTIFICATE },
    website: { domainName: 'services.records.example.govt.nz', certificateArn: CERTIFICATE },
  };

  it('should serve each site on its own domain with its ACM certificate and TLS 1.2 or newer', () => {
    // Act
    const synthesized = synth({ env: 'prod', context: { environments: { prod: { domains } } } });

    // Assess
    for (const [id, distribution] of distributions(synthesized)) {
      const config = distribution.Properties.DistributionConfig;
      expect(config.Aliases, id).toHaveLength(1);
      expect(config.ViewerCertificate, id).toEqual({
        AcmCertificateArn: CERTIFICATE,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      });
    }
    const outputs = synthesized.template.toJSON().Outputs;
    expect(outputs.ApiUrl.Value).toBe('https://api.records.example.govt.nz/');
    expect(outputs.DashboardUrl.Value).toBe('https://dashboard.records.example.govt.nz');
    expect(outputs.WebsiteUrl.Value).toBe('https://services.records.example.govt.nz');
  });

  it('should refuse a certificate outside us-east-1, which CloudFront cannot use', () => {
    // Prepare
    const domains = {
      api: {
        domainName: 'api.example.org',
        certificateArn: CERTIFICATE.replace('us-east-1', 'ap-southeast-2'),
      },
    };

    // Act
    const building = () => buildStack({ env: 'prod', context: { domains } });

    // Assess
    expect(building).toThrow(/domains\.api\.certificateArn.*us-east-1/);
  });

  it('should never serve plain HTTP on any behaviour of any distribution', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    for (const [id, distribution] of distributions(synthesized)) {
      const config = distribution.Properties.DistributionConfig;
      for (const behaviour of [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])]) {
        expect(['https-only', 'redirect-to-https'], id).toContain(behaviour.ViewerProtocolPolicy);
      }
    }
  });

  it('should log every distribution to the access-log bucket under its own prefix', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const prefixes = distributions(synthesized).map(
      ([, distribution]) => distribution.Properties.DistributionConfig.Logging.Prefix,
    );

    expect(prefixes.sort()).toEqual([
      'cloudfront/api/',
      'cloudfront/dashboard/',
      'cloudfront/machineApi/',
      'cloudfront/website/',
    ]);
  });
});
