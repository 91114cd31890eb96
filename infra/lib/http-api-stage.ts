import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { createEncryptedLogGroup } from './encrypted-log-group.ts';
import type { EnvironmentConfig } from './environment-config.ts';

/**
 * One JSON object per request, using the HTTP API context variables (the REST API presets name
 * fields HTTP APIs do not have). `authorizerError` says why a token was refused at the gateway.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
} as const;

export interface LoggedStageProps {
  config: EnvironmentConfig;
}

/**
 * Gives an HTTP API its `$default` stage (so paths carry no stage prefix) with auto-deploy, the
 * environment's throttling, and JSON access logs in a log group of their own with retention.
 */
export function addLoggedDefaultStage(
  scope: Construct,
  api: apigw.HttpApi,
  props: LoggedStageProps,
): apigw.HttpStage {
  const accessLogs = createEncryptedLogGroup(scope, 'AccessLogs', props.config);
  return new apigw.HttpStage(scope, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: props.config.apiThrottle,
    accessLogSettings: {
      destination: new apigw.LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
    },
  });
}
