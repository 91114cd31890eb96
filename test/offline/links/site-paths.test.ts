import { describe, expect, it } from 'vitest';
import { recordOrCouncilPage } from '../../../functions/links/site-paths.ts';
import { RECORD_PAGE_REDIRECTS } from '../../../infra/lib/dashboard-site.ts';

/** CloudFront's viewer-request function, run as CloudFront would run it. */
function cloudFront(uri: string): { statusCode: number; location?: string } {
  const handler = new Function(`${RECORD_PAGE_REDIRECTS}; return handler;`)() as (event: unknown) => {
    statusCode: number;
    headers?: { location?: { value: string } };
  };
  const answer = handler({ request: { uri } });
  return { statusCode: answer.statusCode, location: answer.headers?.location?.value };
}

describe('record and council addresses on the partner site', () => {
  it.each([
    ['/records/agreements/agreement-chch', 'record.html?record=agreements%2Fagreement-chch'],
    [
      '/records/progress-reports/canterbury-2026-q4',
      'record.html?record=progress-reports%2Fcanterbury-2026-q4',
    ],
    ['/councils/christchurch-city', 'council.html?council=christchurch-city'],
    ['/records/needs/01JABC%20X', 'record.html?record=needs%2F01JABC%20X'],
  ])('should send %s to its page, locally and in CloudFront alike', (address, page) => {
    // Act
    const local = recordOrCouncilPage(address);
    const edge = cloudFront(address);

    // Assess
    expect(local).toBe(page);
    expect(edge).toEqual({ statusCode: 302, location: `/partners/${page}` });
  });

  it.each(['/records/agreements', '/records/a/b/c', '/councils/', '/councils/a/b'])(
    'should send nowhere for %s',
    (address) => {
      // Act
      const local = recordOrCouncilPage(address);
      const edge = cloudFront(address);

      // Assess
      expect(local).toBeUndefined();
      expect(edge.statusCode).toBe(404);
    },
  );
});
