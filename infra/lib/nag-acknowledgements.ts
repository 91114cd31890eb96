import { type CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * How cdk-nag names a resource's ARN inside a finding id, e.g. `<SnapshotsD03D071C.Arn>` in
 * `AwsSolutions-IAM5[Resource::<SnapshotsD03D071C.Arn>/snapshots/*]`.
 */
export function nagArnToken(construct: IConstruct): string {
  const resource = construct.node.defaultChild as CfnResource;
  return `<${Stack.of(construct).getLogicalId(resource)}.Arn>`;
}

/**
 * Acknowledges the findings of the named AwsSolutions rules that `scope` raises now, and only there.
 * Call it once the construct is complete (its grants added).
 *
 * Meant for code CDK itself provides (the BucketDeployment handler): its findings name things like
 * the bootstrap asset bucket, which depend on region and bootstrap qualifier, so spelling them out
 * would break in the next region. The rule families are still named explicitly, and anything added
 * later is not covered, so a new kind of finding still stops the synth.
 */
export function acknowledgeRuleFamiliesIn(scope: IConstruct, ruleIds: string[], reason: string): void {
  const report = new AwsSolutionsChecks().validateScope(scope);
  for (const { ruleName } of report.violations) {
    if (ruleIds.some((id) => ruleName === id || ruleName.startsWith(`${id}[`))) {
      Validations.of(scope).acknowledge({ id: ruleName, reason });
    }
  }
}
