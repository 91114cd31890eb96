import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { EDGE_REGION } from './edge-protection-stack.ts';
import type { EnvironmentConfig } from './environment-config.ts';
import { METRICS_NAMESPACE, type NodeFunction } from './node-function.ts';

export interface OperationsDashboardProps {
  config: EnvironmentConfig;
  apis: { name: string; api: apigw.IHttpApi }[];
  /** Every function of the stack, each titled by what it does. */
  functions: { name: string; handler: NodeFunction }[];
  aggregation: { successfulRuns: cloudwatch.IMetric; failedRuns: sqs.IQueue; serviceName: string };
  table: dynamodb.ITable;
  /** The CloudFront web ACL's name (its metrics live in us-east-1). */
  webAclName: string;
}

const FIVE_MINUTES = Duration.minutes(5);
const WIDE = 12;

/**
 * One CloudWatch dashboard per environment, `PartnershipRecords-<env>`: what an operator opens when an
 * alarm fires (docs/deploy.md). Rows: the APIs, every function, the nightly aggregation, the table,
 * the web application firewall.
 */
export function createOperationsDashboard(scope: Construct, id: string, props: OperationsDashboardProps) {
  const dashboard = new cloudwatch.Dashboard(scope, id, {
    dashboardName: `PartnershipRecords-${props.config.name}`,
    defaultInterval: Duration.days(1),
  });
  const graph = (title: string, left: cloudwatch.IMetric[], width = WIDE) =>
    new cloudwatch.GraphWidget({ title, left, width, height: 6 });

  dashboard.addWidgets(
    new cloudwatch.TextWidget({ markdown: '## API (requests through CloudFront)', width: 24, height: 1 }),
  );
  for (const { name, api } of props.apis) {
    dashboard.addWidgets(
      graph(`${name}: requests and errors`, [
        api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
        api.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      ]),
      graph(`${name}: latency`, [
        api.metricLatency({ period: FIVE_MINUTES, statistic: 'p50' }),
        api.metricLatency({ period: FIVE_MINUTES, statistic: 'p99' }),
      ]),
    );
  }

  dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: '## Functions', width: 24, height: 1 }));
  for (const { name, handler } of props.functions) {
    const fn = handler.function;
    dashboard.addWidgets(
      graph(`${name}: invocations, errors, throttles`, [
        fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' }),
        fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
        fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
      ]),
      graph(`${name}: duration and concurrency`, [
        fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p50' }),
        fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
        fn.metric('ConcurrentExecutions', { period: FIVE_MINUTES, statistic: 'Maximum' }),
      ]),
    );
  }

  const aggregationMetric = (metricName: string, statistic: string) =>
    new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { service: props.aggregation.serviceName },
      statistic,
      period: Duration.hours(1),
    });
  dashboard.addWidgets(
    new cloudwatch.TextWidget({ markdown: '## Nightly aggregation', width: 24, height: 1 }),
    graph('Snapshots published and failed runs waiting', [
      props.aggregation.successfulRuns,
      props.aggregation.failedRuns.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
    ]),
    graph('Records read and run time', [
      aggregationMetric('AggregationRecordsRead', 'Maximum'),
      aggregationMetric('AggregationDuration', 'Maximum'),
    ]),
  );

  const table = props.table;
  const tableMetric = (metricName: string, statistic: string, dimensions: Record<string, string> = {}) =>
    new cloudwatch.Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap: { TableName: table.tableName, ...dimensions },
      statistic,
      period: FIVE_MINUTES,
      label: Object.values(dimensions)[0] ? `${metricName} ${Object.values(dimensions)[0]}` : metricName,
    });
  dashboard.addWidgets(
    new cloudwatch.TextWidget({ markdown: '## Records table', width: 24, height: 1 }),
    graph('Capacity used and throttled requests', [
      tableMetric('ConsumedReadCapacityUnits', 'Sum'),
      tableMetric('ConsumedWriteCapacityUnits', 'Sum'),
      tableMetric('ThrottledRequests', 'Sum', { Operation: 'Query' }),
      tableMetric('ThrottledRequests', 'Sum', { Operation: 'TransactWriteItems' }),
    ]),
    graph('Latency and errors by operation', [
      ...['GetItem', 'Query', 'TransactWriteItems'].map((operation) =>
        tableMetric('SuccessfulRequestLatency', 'p99', { Operation: operation }),
      ),
      tableMetric('SystemErrors', 'Sum', { Operation: 'TransactWriteItems' }),
    ]),
  );

  const wafMetric = (metricName: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/WAFV2',
      metricName,
      dimensionsMap: { WebACL: props.webAclName, Rule: 'ALL' },
      statistic: 'Sum',
      period: FIVE_MINUTES,
      region: EDGE_REGION,
    });
  dashboard.addWidgets(
    new cloudwatch.TextWidget({ markdown: '## Web application firewall (CloudFront)', width: 24, height: 1 }),
    graph('Requests allowed and blocked', [wafMetric('AllowedRequests'), wafMetric('BlockedRequests')], 24),
  );
  return dashboard;
}
