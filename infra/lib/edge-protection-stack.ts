import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { createDataKey } from './data-key.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { createWebAcl } from './web-acl.ts';

/** CloudFront takes web ACLs (and certificates) only from us-east-1. */
export const EDGE_REGION = 'us-east-1';

export interface EdgeProtectionStackProps extends StackProps {
  config: EnvironmentConfig;
}

/**
 * The web application firewall in front of every CloudFront distribution of one environment. It
 * must live in us-east-1, so it is a stack of its own; its ARN reaches the main stack through CDK's
 * cross-region references (an SSM parameter the main stack reads at deploy time). It holds no data
 * of New Zealand users: its log group keeps only blocked and counted requests, with the
 * Authorization header redacted, encrypted with a key of this stack.
 */
export class EdgeProtectionStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeProtectionStackProps) {
    super(scope, id, {
      ...props,
      env: { account: props.env?.account, region: EDGE_REGION },
      crossRegionReferences: true,
    });
    createDataKey(this, props.config);
    this.webAcl = createWebAcl(this, 'WebAcl', { config: props.config, scope: 'CLOUDFRONT' });
  }
}
