import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { createEncryptedLogGroup } from './encrypted-log-group.ts';
import type { EnvironmentConfig } from './environment-config.ts';

/** Where a web ACL can sit: in front of CloudFront (made in us-east-1) or a regional resource (Cognito). */
export type WebAclScope = 'CLOUDFRONT' | 'REGIONAL';

/**
 * AWS managed rule groups every entry point gets, in evaluation order: requests from addresses AWS
 * has seen attacking, then the common exploit patterns (OWASP top ten), then inputs known to be
 * malicious (Log4j, bad paths). `count` names rules that only count, with the reason.
 */
const MANAGED_RULE_GROUPS: { name: string; count: Record<string, string> }[] = [
  { name: 'AWSManagedRulesAmazonIpReputationList', count: {} },
  {
    name: 'AWSManagedRulesCommonRuleSet',
    count: {
      // The rule blocks bodies over 8 KB; a sheet push of 50 records is larger. API Gateway caps
      // bodies at 10 MB and the API validates every row, so the size rule only counts here.
      SizeRestrictions_BODY: 'sheet pushes exceed 8 KB',
    },
  },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', count: {} },
];

/** The web ACL's name, which its CloudWatch metrics are keyed by. */
export function webAclName(config: EnvironmentConfig, scope: WebAclScope): string {
  return `partnership-records-${config.name}-${scope.toLowerCase()}`;
}

export interface WebAclProps {
  config: EnvironmentConfig;
  scope: WebAclScope;
}

/**
 * A web ACL with the managed rule groups above and a per-client-IP rate limit, logging every
 * blocked or counted request (with the Authorization header redacted) to an encrypted log group.
 */
export function createWebAcl(scope: Construct, id: string, props: WebAclProps): wafv2.CfnWebACL {
  const { config } = props;
  const name = webAclName(config, props.scope);
  const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
    cloudWatchMetricsEnabled: true,
    sampledRequestsEnabled: true,
    metricName,
  });

  const managedRules: wafv2.CfnWebACL.RuleProperty[] = MANAGED_RULE_GROUPS.map((group, index) => ({
    name: group.name,
    priority: index + 1,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name: group.name,
        ruleActionOverrides: Object.keys(group.count).map((rule) => ({
          name: rule,
          actionToUse: { count: {} },
        })),
      },
    },
    visibilityConfig: visibility(group.name),
  }));

  const acl = new wafv2.CfnWebACL(scope, id, {
    name,
    description: `Partnership Records ${config.name} - managed rules and a per-IP rate limit`,
    scope: props.scope,
    defaultAction: { allow: {} },
    visibilityConfig: visibility(name),
    rules: [
      {
        // First, so a flood is cut off before any other rule spends time on it.
        name: 'RateLimitPerClientIp',
        priority: 0,
        action: { block: {} },
        statement: {
          rateBasedStatement: {
            limit: config.waf.rateLimitPerIp,
            aggregateKeyType: 'IP',
            evaluationWindowSec: 300,
          },
        },
        visibilityConfig: visibility('RateLimitPerClientIp'),
      },
      ...managedRules,
    ],
  });

  // WAF delivers only to log groups whose name starts with `aws-waf-logs-`.
  const logGroupName = `aws-waf-logs-${name}`;
  const logGroup = createEncryptedLogGroup(scope, `${id}Logs`, config, logGroupName);
  const logging = new wafv2.CfnLoggingConfiguration(scope, `${id}Logging`, {
    resourceArn: acl.attrArn,
    logDestinationConfigs: [
      // WAF wants the log group's ARN without the trailing `:*` that CloudFormation's attribute carries.
      Stack.of(scope).formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    ],
    redactedFields: [{ singleHeader: { Name: 'authorization' } }],
    loggingFilter: {
      DefaultBehavior: 'DROP',
      Filters: [
        {
          Behavior: 'KEEP',
          Requirement: 'MEETS_ANY',
          Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
        },
      ],
    },
  });
  logging.node.addDependency(logGroup);
  return acl;
}

/**
 * A regional web ACL of its own in front of a regional resource: the Cognito user pool, whose token
 * endpoint machine clients call directly.
 */
export function protectWithWebAcl(
  scope: Construct,
  id: string,
  props: { config: EnvironmentConfig; resourceArn: string },
): wafv2.CfnWebACL {
  const acl = createWebAcl(scope, id, { config: props.config, scope: 'REGIONAL' });
  new wafv2.CfnWebACLAssociation(scope, `${id}Association`, {
    resourceArn: props.resourceArn,
    webAclArn: acl.attrArn,
  });
  return acl;
}

/** The managed rule groups' names, for tests and the docs. */
export const WEB_ACL_MANAGED_RULE_GROUPS = MANAGED_RULE_GROUPS.map((group) => group.name);
