import { describe, expect, it } from 'vitest';
import {
  ApiClient,
  ApiError,
  type HttpRequest,
  NetworkError,
} from '../../../sheets-addon/src/sync/api-client.ts';

describe('API client', () => {
  it('should turn problem+json answers into sentences people can act on', () => {
    // Prepare
    const sent: HttpRequest[] = [];
    const client = new ApiClient(
      {
        fetchAll: (requests) => {
          sent.push(...requests);
          return requests.map(() => ({
            status: 401,
            body: JSON.stringify({
              title: 'Unauthenticated',
              detail: 'Your sign-in token has expired. Sign in again.',
            }),
          }));
        },
      },
      'https://records.example.nz',
      () => 'token-1',
    );

    // Act
    const [result] = client.pushChunks([{ path: 'activities', rows: [{ values: {} }] }], true);

    // Assess
    expect(result).toBeInstanceOf(ApiError);
    expect((result as ApiError).message).toBe(
      'The API did not accept your sign-in: Your sign-in token has expired. Sign in again.',
    );
    expect(sent[0]).toMatchObject({
      url: 'https://records.example.nz/v1/sync/activities?dryRun=true',
      method: 'post',
    });
    expect(sent[0]!.headers.Authorization).toBe('Bearer token-1');
    expect(client.requests).toBe(1);
  });

  it('should say a 503 is the service being busy, and that the edits are still in the sheet', () => {
    // Prepare: the API's answer when its database does not answer.
    const client = new ApiClient(
      {
        fetchAll: (requests) =>
          requests.map(() => ({
            status: 503,
            body: JSON.stringify({
              title: 'Service unavailable',
              detail: 'The database did not answer. Nothing was changed: try again in a minute.',
            }),
          })),
      },
      'https://records.example.nz',
      () => 'token-1',
    );

    // Act
    const [result] = client.pushChunks([{ path: 'needs', rows: [{ values: {} }] }], false);

    // Assess
    expect(result).toBeInstanceOf(ApiError);
    expect((result as ApiError).status).toBe(503);
    expect((result as ApiError).message).toBe(
      'The service is busy: The database did not answer. Nothing was changed: try again in a minute. Your edits are kept in the sheet.',
    );
  });

  it('should report a failed connection as a network error naming the API', () => {
    // Prepare
    const client = new ApiClient(
      {
        fetchAll: () => {
          throw new Error('Timeout: https://records.example.nz/v1/types');
        },
      },
      'https://records.example.nz',
      () => 'token',
    );

    // Act
    const reading = () => client.types();

    // Assess
    expect(reading).toThrow(NetworkError);
    expect(reading).toThrow(
      'Could not reach the API at https://records.example.nz (Timeout: https://records.example.nz/v1/types). Check the API address in Settings',
    );
  });
});
