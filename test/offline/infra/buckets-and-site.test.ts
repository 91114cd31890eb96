import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { cachedSynth, DASHBOARD_FIXTURE, type SynthesizedStack } from './synth-stack.ts';

const synth = cachedSynth();

function buckets(synthesized: SynthesizedStack) {
  const { stack } = synthesized;
  return { snapshots: stack.snapshots, site: stack.dashboard.bucket, accessLogs: stack.accessLogs };
}

describe('buckets', () => {
  it('should be private, encrypted and versioned', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const dataKeyArn = synthesized.resolve(synthesized.stack.dataKey.keyArn);

    for (const [name, bucket] of Object.entries(buckets(synthesized))) {
      const properties = synthesized.template.toJSON().Resources[synthesized.logicalId(bucket)].Properties;
      expect(properties, name).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
      });
      // S3 server access log delivery cannot write to a KMS-encrypted bucket: that one stays SSE-S3.
      const encryption =
        name === 'accessLogs'
          ? { SSEAlgorithm: 'AES256' }
          : { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: dataKeyArn };
      expect(properties.BucketEncryption.ServerSideEncryptionConfiguration, name).toEqual([
        expect.objectContaining({ ServerSideEncryptionByDefault: encryption }),
      ]);
    }
  });

  it('should refuse requests without TLS 1.2 or newer', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    for (const [name, bucket] of Object.entries(buckets(synthesized))) {
      const [policy] = Object.values(
        synthesized.template.findResources('AWS::S3::BucketPolicy', {
          Properties: { Bucket: { Ref: synthesized.logicalId(bucket) } },
        }),
      );
      expect(policy?.Properties.PolicyDocument.Statement, name).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          }),
        ]),
      );
    }
  });

  it('should log access to the snapshot and site buckets in the access-log bucket', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { accessLogs, ...logged } = buckets(synthesized);

    for (const [name, bucket] of Object.entries(logged)) {
      expect(
        synthesized.template.toJSON().Resources[synthesized.logicalId(bucket)].Properties
          .LoggingConfiguration,
        name,
      ).toEqual({
        DestinationBucketName: { Ref: synthesized.logicalId(accessLogs) },
        LogFilePrefix: expect.stringMatching(/\/$/),
      });
    }
  });

  it('should keep prod buckets and empty and delete dev buckets with the stack', () => {
    // Act
    const prod = synth({ env: 'prod' });
    const dev = synth({ env: 'dev' });

    // Assess
    for (const bucket of Object.values(buckets(prod))) {
      expect(prod.template.toJSON().Resources[prod.logicalId(bucket)].DeletionPolicy).toBe('Retain');
    }
    for (const bucket of Object.values(buckets(dev))) {
      expect(dev.template.toJSON().Resources[dev.logicalId(bucket)].DeletionPolicy).toBe('Delete');
    }
    dev.template.resourceCountIs('Custom::S3AutoDeleteObjects', 3);
    prod.template.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });
});

describe('dashboard site', () => {
  it('should serve index.html over HTTPS with security headers', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        PriceClass: 'PriceClass_All',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: Match.anyValue(),
        }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/dashboard/' }),
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'self'"),
          }),
        }),
      }),
    });
  });

  it('should read the page and the snapshots through origin access control only', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { stack, template } = synthesized;
    const distribution = template.toJSON().Resources[synthesized.logicalId(stack.dashboard.distribution)];
    const config = distribution?.Properties.DistributionConfig;

    // Two for the dashboard's buckets, one for the public website's function URL.
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 3);
    expect(config.Origins).toHaveLength(2);
    for (const origin of config.Origins) {
      expect(origin).toMatchObject({
        OriginAccessControlId: expect.anything(),
        S3OriginConfig: { OriginAccessIdentity: '' },
      });
    }
    const snapshotOriginId = config.Origins.find(
      (origin: { DomainName: unknown }) =>
        JSON.stringify(origin.DomainName) ===
        JSON.stringify(synthesized.resolve(stack.snapshots.bucketRegionalDomainName)),
    )?.Id;
    expect(
      config.CacheBehaviors.map(
        (behaviour: { PathPattern: string; TargetOriginId: string; ViewerProtocolPolicy: string }) => ({
          path: behaviour.PathPattern,
          toSnapshots: behaviour.TargetOriginId === snapshotOriginId,
          protocol: behaviour.ViewerProtocolPolicy,
        }),
      ),
    ).toEqual([
      { path: '/partners/*', toSnapshots: false, protocol: 'redirect-to-https' },
      // Record and council addresses, sent on to their page by a CloudFront function.
      { path: '/records/*', toSnapshots: false, protocol: 'redirect-to-https' },
      { path: '/councils/*', toSnapshots: false, protocol: 'redirect-to-https' },
      { path: '/snapshots/*', toSnapshots: true, protocol: 'https-only' },
      { path: '/latest.json', toSnapshots: true, protocol: 'https-only' },
    ]);
    // Only the public copy (figures, no record lists) is reachable through CloudFront.
    expect(config.Origins.find((origin: { Id: string }) => origin.Id === snapshotOriginId)?.OriginPath).toBe(
      '/public',
    );
  });

  it('should let CloudFront read only objects from this distribution', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const [policy] = Object.values(
      synthesized.template.findResources('AWS::S3::BucketPolicy', {
        Properties: { Bucket: { Ref: synthesized.logicalId(synthesized.stack.snapshots) } },
      }),
    );

    expect(policy?.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Condition: {
            StringEquals: { 'AWS:SourceArn': expect.anything() },
          },
        }),
      ]),
    );
  });

  it('should upload the built dashboard only when there is one', () => {
    // Act
    const withoutDashboard = synth({ env: 'prod' });
    const withDashboard = synth({ env: 'prod', siteAssetsPath: DASHBOARD_FIXTURE });

    // Assess
    withoutDashboard.template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    withDashboard.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: true,
      DistributionPaths: ['/*'],
    });
  });

  it('should tell the partner pages where the API answers and which issuer to sign in with', () => {
    // Prepare
    const oidc = {
      authority: 'https://login.microsoftonline.com/1111-2222/v2.0',
      clientId: 'partner-pages-client',
      tokenOrigins: ['https://token.example.org'],
    };

    // Act
    const synthesized = synth({
      env: 'prod',
      siteAssetsPath: DASHBOARD_FIXTURE,
      context: { partnerPagesOidc: oidc },
    });

    // Assess: sign-in.json is written by the one pruning deployment, naming the API's CloudFront address
    const [deployment] = Object.values(synthesized.template.findResources('Custom::CDKBucketDeployment'));
    if (!deployment) throw new Error('no site deployment in the template');
    const [builtFiles, signInFile] = deployment.Properties.SourceObjectKeys as string[];
    expect(builtFiles).toBeDefined();
    expect(deployment.Properties.Prune).toBe(true);
    const assetDir = path.join(
      synthesized.app.synth().directory,
      `asset.${signInFile?.replace(/\.zip$/, '')}`,
    );
    const signIn = JSON.parse(readFileSync(path.join(assetDir, 'partners', 'sign-in.json'), 'utf8'));
    expect(signIn).toEqual({
      apiBase: 'https://<<marker:0xbaba:0>>',
      oidc: { authority: oidc.authority, clientId: oidc.clientId },
    });
    expect(deployment.Properties.SourceMarkers[1]).toEqual({
      '<<marker:0xbaba:0>>': synthesized.resolve(
        synthesized.stack.api.peopleDistribution.distribution.distributionDomainName,
      ),
    });
    // The partner pages' own headers let them call the API and the sign-in service, nothing else.
    synthesized.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp(
              "connect-src 'self' https://\\*\\.cloudfront\\.net https://login\\.microsoftonline\\.com https://token\\.example\\.org;",
            ),
          }),
        }),
      }),
    });
  });

  it('should refuse a partner sign-in setting that is not an https issuer with a client id', () => {
    // Act
    const plainHttp = () =>
      synth({ env: 'dev', context: { partnerPagesOidc: { authority: 'http://idp.example.org' } } });
    const noClientId = () =>
      synth({ env: 'dev', context: { partnerPagesOidc: { authority: 'https://idp.example.org' } } });

    // Assess
    expect(plainHttp).toThrow(/partnerPagesOidc.*https/);
    expect(noClientId).toThrow(/clientId is missing/);
  });
});
