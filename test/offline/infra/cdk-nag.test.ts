import { Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildStack, DASHBOARD_FIXTURE, EVERYTHING_ON, type SynthOptions } from './synth-stack.ts';

/** Findings left after acknowledgements in every stack of the environment, as `severity rule at construct path`. */
function nagFindings(options: SynthOptions): string[] {
  const { app } = buildStack(options);
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map(
      (resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`,
    ),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  it('should find nothing unacknowledged in prod, dashboard files included', () => {
    // Act
    const findings = nagFindings({ ...EVERYTHING_ON, siteAssetsPath: DASHBOARD_FIXTURE });

    // Assess
    expect(findings).toEqual([]);
  });

  it('should find nothing unacknowledged in dev, whose buckets empty themselves on delete', () => {
    // Act
    const findings = nagFindings({ env: 'dev' });

    // Assess
    expect(findings).toEqual([]);
  });

  it('should let the synth through when registered as the app registers it', () => {
    // Prepare
    const { app } = buildStack({ env: 'prod' });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

    // Act
    const synthesis = () => app.synth();

    // Assess
    expect(synthesis).not.toThrow();
  });

  it('should stop the synth at a finding nobody acknowledged', () => {
    // Prepare
    const { app, stack } = buildStack({ env: 'prod' });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new sqs.Queue(stack, 'QueueWithoutDeadLetterQueue', { enforceSSL: true });

    // Act
    const synthesis = () => app.synth();

    // Assess
    expect(synthesis).toThrow(/AwsSolutions-SQS3/);
  });
});
