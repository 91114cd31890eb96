import { Aspects, type CfnResource, Stack, Validations } from 'aws-cdk-lib';
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
 * Acknowledges every finding of the named AwsSolutions rules raised inside `scope`, and only there.
 *
 * For code CDK itself provides (the BucketDeployment handler): its findings name things like the
 * bootstrap asset bucket, which depend on region and bootstrap qualifier, so listing them one by one
 * would break on the next region. The rule families are still named explicitly, so a new kind of
 * finding in that code still stops the synth.
 */
export function acknowledgeRuleFamiliesIn(scope: IConstruct, ruleIds: string[], reason: string): void {
  Aspects.of(scope).add({
    visit(node) {
      // Checked at synth time, when every grant has been added.
      if (node !== scope) return;
      const report = new AwsSolutionsChecks().validateScope(scope);
      for (const { ruleName } of report.violations) {
        if (ruleIds.some((id) => ruleName === id || ruleName.startsWith(`${id}[`))) {
          Validations.of(scope).acknowledge({ id: ruleName, reason });
        }
      }
    },
  });
}
