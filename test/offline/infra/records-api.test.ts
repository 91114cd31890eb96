import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { type ApiFunctionName, apiFunctionFor } from '../../../functions/api/api-functions.ts';
import { PUBLIC_ROUTES } from '../../../functions/api/public-routes.ts';
import type { AuthIssuer } from '../../../infra/lib/auth-issuers.ts';
import { cachedSynth, renderCfnString, type SynthesizedStack, TEST_GOOGLE_CLIENT_ID } from './synth-stack.ts';

const synth = cachedSynth();

interface RouteProperties {
  RouteKey: string;
  AuthorizationType: string;
  AuthorizerId?: unknown;
  AuthorizationScopes?: string[];
  Target: unknown;
}

/** The routes of one HTTP API, keyed by route key (`GET /healthz`). */
function routesOf(synthesized: SynthesizedStack, api: { node: { defaultChild?: unknown } }) {
  const routes = synthesized.template.findResources('AWS::ApiGatewayV2::Route', {
    Properties: { ApiId: { Ref: synthesized.logicalId(api) } },
  });
  return new Map(
    Object.values(routes).map((route) => [route.Properties.RouteKey, route.Properties as RouteProperties]),
  );
}

/** The API function (by name) a route's integration invokes. */
function functionOf(synthesized: SynthesizedStack, route: RouteProperties): string | undefined {
  const integrationId = /^integrations\/\$\{Ref:(\w+)\}$/.exec(renderCfnString(route.Target))?.[1];
  const integration = synthesized.template.toJSON().Resources[integrationId ?? '']?.Properties;
  const functions = synthesized.stack.api.functions;
  return Object.keys(functions).find(
    (name) =>
      JSON.stringify(integration?.IntegrationUri) ===
      JSON.stringify(synthesized.resolve(functions[name as ApiFunctionName].function.functionArn)),
  );
}

function authorizerOf(synthesized: SynthesizedStack, route: RouteProperties | undefined) {
  const id = (route?.AuthorizerId as { Ref: string } | undefined)?.Ref;
  const authorizer = id ? synthesized.template.toJSON().Resources[id] : undefined;
  return authorizer?.Properties as
    | {
        AuthorizerType: string;
        IdentitySource: string[];
        JwtConfiguration: { Issuer: unknown; Audience: unknown[] };
      }
    | undefined;
}

describe('people API (add-on users and the public)', () => {
  it('should serve health, the API description and public records without a token', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const routes = routesOf(synthesized, synthesized.stack.api.peopleApi);

    for (const key of [
      'GET /healthz',
      'GET /openapi.json',
      'GET /docs',
      'GET /v1/types',
      'GET /v1/public/{proxy+}',
      'GET /hsds',
      'GET /hsds/{proxy+}',
    ]) {
      expect(routes.get(key)?.AuthorizationType, key).toBe('NONE');
    }
  });

  it('should require a Google ID token for the add-on audience on every other /v1 path', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const route = routesOf(synthesized, synthesized.stack.api.peopleApi).get('ANY /v1/{proxy+}');

    expect(route?.AuthorizationType).toBe('JWT');
    expect(authorizerOf(synthesized, route)).toEqual({
      ApiId: expect.anything(),
      Name: 'google-id-token',
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: 'https://accounts.google.com', Audience: [TEST_GOOGLE_CLIENT_ID] },
    });
  });

  it("should have no routes beyond the public ones, the protected /v1 proxy and the other API functions' /v1 paths", () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const keys = [...routesOf(synthesized, synthesized.stack.api.peopleApi).keys()].sort();

    expect(keys).toEqual(
      [
        'ANY /v1/{proxy+}',
        'ANY /v1/knowledge-base',
        'ANY /v1/pages/{proxy+}',
        'ANY /v1/dashboard/{proxy+}',
        'ANY /v1/reports/{proxy+}',
        'ANY /v1/digests/{proxy+}',
        'ANY /v1/public/{proxy+}',
        'ANY /v1/me/reminder-preferences',
        'GET /digest/web',
        'GET /digest/calendar.ics',
        'GET /docs',
        'GET /healthz',
        'GET /healthz/ready',
        'GET /openapi.json',
        'GET /v1/types',
        'GET /v1/public/{proxy+}',
        'GET /reminders/preferences',
        'POST /reminders/preferences',
        'GET /links/actions/{proxy+}',
        'POST /links/actions/{proxy+}',
        'GET /hsds',
        'GET /hsds/{proxy+}',
      ].sort(),
    );
  });

  it('should send each route to the API function that serves its path, a token needed off the public routes', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const routes = routesOf(synthesized, synthesized.stack.api.peopleApi);
    for (const [key, route] of routes) {
      const path = key.split(' ')[1]!;
      expect(functionOf(synthesized, route), key).toBe(apiFunctionFor(path));
      const isPublic = PUBLIC_ROUTES.some((r) => `${r.method} ${r.path}` === key);
      expect(route.AuthorizationType, key).toBe(isPublic ? 'NONE' : 'JWT');
    }
  });

  it('should declare no cross-origin rule at the gateway: no page calls the API from another origin', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    for (const api of Object.values(synthesized.template.findResources('AWS::ApiGatewayV2::Api'))) {
      expect(api.Properties.CorsConfiguration).toBeUndefined();
    }
  });
});

describe('machine API (client-credentials clients)', () => {
  it('should require the read scope to read and the write scope to change, checked by the Cognito authorizer', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const routes = routesOf(synthesized, synthesized.stack.api.machineApi);

    const paths = [
      '/v1/{proxy+}',
      '/v1/knowledge-base',
      '/v1/pages/{proxy+}',
      '/v1/dashboard/{proxy+}',
      '/v1/reports/{proxy+}',
      '/v1/digests/{proxy+}',
      '/v1/public/{proxy+}',
      '/v1/me/reminder-preferences',
    ];
    expect([...routes.keys()].sort()).toEqual(
      ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT']
        .flatMap((method) => paths.map((path) => `${method} ${path}`))
        .sort(),
    );
    for (const [key, route] of routes) {
      expect(functionOf(synthesized, route), key).toBe(apiFunctionFor(key.split(' ')[1]!));
      const scope = key.startsWith('GET') || key.startsWith('HEAD') ? 'records/read' : 'records/write';
      expect(route, key).toMatchObject({ AuthorizationType: 'JWT', AuthorizationScopes: [scope] });
      expect(authorizerOf(synthesized, route)?.JwtConfiguration, key).toEqual({
        Issuer: synthesized.resolve(synthesized.stack.machineAuth.issuer),
        Audience: [synthesized.resolve(synthesized.stack.machineAuth.defaultClient.userPoolClientId)],
      });
    }
  });

  it('should accept the extra client ids given in context', () => {
    // Act
    const synthesized = synth({ env: 'prod', context: { machineClientIds: 'client-a,client-b' } });

    // Assess
    const route = routesOf(synthesized, synthesized.stack.api.machineApi).get('GET /v1/{proxy+}');

    expect(authorizerOf(synthesized, route)?.JwtConfiguration.Audience).toEqual([
      synthesized.resolve(synthesized.stack.machineAuth.defaultClient.userPoolClientId),
      'client-a',
      'client-b',
    ]);
  });

  it('should issue tokens through a client-credentials app client with both scopes', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { template } = synthesized;

    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'records',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: Match.anyValue() },
        { ScopeName: 'write', ScopeDescription: Match.anyValue() },
      ],
    });
    const [client] = Object.values(
      template.findResources('AWS::Cognito::UserPoolClient', {
        Properties: { GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'] },
      }),
    );
    // Scopes name the resource server by reference, so the client is created after it.
    const resourceServer = Object.keys(template.findResources('AWS::Cognito::UserPoolResourceServer'))[0];
    expect(client?.Properties.AllowedOAuthScopes.map(renderCfnString)).toEqual([
      `\${Ref:${resourceServer}}/read`,
      `\${Ref:${resourceServer}}/write`,
    ]);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });
});

describe('API stages', () => {
  it('should throttle and write JSON access logs with retention on both APIs', () => {
    // Act
    const { template } = synth({ env: 'prod' });

    // Assess
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));

    expect(stages).toHaveLength(2);
    for (const stage of stages) {
      expect(stage.Properties).toMatchObject({
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      });
      const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
      expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
      const [logGroupId] = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'];
      expect(template.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(365);
    }
  });

  it('should take throttling limits from context', () => {
    // Act
    const { template } = synth({ env: 'dev', context: { apiRateLimit: '5', apiBurstLimit: '10' } });

    // Assess
    template.resourcePropertiesCountIs(
      'AWS::ApiGatewayV2::Stage',
      { DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 } },
      2,
    );
  });
});

describe('API function environment', () => {
  it('should name the table, the snapshot bucket and the access contact, and nothing no code reads', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const { stack } = synthesized;

    synthesized.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.absent(),
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: synthesized.resolve(stack.records.table.tableName),
          SNAPSHOT_BUCKET: synthesized.resolve(stack.snapshots.bucketName),
          ACCESS_CONTACT: 'records-admin@example.org',
          AUTH_ISSUERS: Match.anyValue(),
          // CORS for the site's pages, and where /docs sends people (the reference is on the site).
          DASHBOARD_ORIGIN: synthesized.resolve(stack.dashboard.origin),
        }),
      },
    });
  });

  it.each([
    ['reports', true],
    ['public', true],
    ['records', false],
    ['knowledge', false],
    ['pages', false],
  ] as const)(
    "should tell the %s function the public website's address only if its digest links need it (%s)",
    (name, told) => {
      // Act
      const synthesized = synth({ env: 'prod' });

      // Assess
      const fn = synthesized.stack.api.functions[name].function;
      const variables =
        synthesized.template.toJSON().Resources[synthesized.logicalId(fn)].Properties.Environment.Variables;
      expect(variables.PUBLIC_SITE_URL).toEqual(
        told ? synthesized.resolve(synthesized.stack.website.origin) : undefined,
      );
    },
  );

  it('should trust Google for people and the user pool for machine clients', () => {
    // Act
    const synthesized = synth({ env: 'prod' });

    // Assess
    const fn =
      synthesized.template.toJSON().Resources[synthesized.logicalId(synthesized.stack.api.handler.function)];
    const issuers = JSON.parse(
      renderCfnString(fn.Properties.Environment.Variables.AUTH_ISSUERS),
    ) as AuthIssuer[];

    const poolId = `\${Ref:${synthesized.logicalId(synthesized.stack.machineAuth.userPool)}}`;
    const clientId = `\${Ref:${synthesized.logicalId(synthesized.stack.machineAuth.defaultClient)}}`;
    const cognitoIssuer = `https://cognito-idp.ap-southeast-2.amazonaws.com/${poolId}`;
    expect(issuers).toEqual([
      {
        kind: 'google',
        issuer: 'https://accounts.google.com',
        audience: [TEST_GOOGLE_CLIENT_ID],
        jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
      },
      {
        kind: 'machine',
        issuer: cognitoIssuer,
        audience: [clientId],
        jwksUri: `${cognitoIssuer}/.well-known/jwks.json`,
      },
    ]);
  });
});

describe('synth warnings', () => {
  it('should warn that Google sign-in is closed when no client id is set', () => {
    // Act
    const withoutClientId = synth({ env: 'dev', context: { googleClientId: '' } });
    const withClientId = synth({ env: 'prod' });

    // Assess
    Annotations.fromStack(withoutClientId.stack).hasWarning(
      '*',
      Match.stringLikeRegexp('No googleClientId is set'),
    );
    Annotations.fromStack(withClientId.stack).hasNoWarning('*', Match.anyValue());
  });
});
