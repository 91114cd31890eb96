import { describe, expect, it } from 'vitest';
import { createDocumentClient, NotLocalEndpointError } from '../../../functions/store/client.ts';

describe('the DynamoDB client', () => {
  it('should refuse to talk to a real AWS endpoint, or none, when local-only', () => {
    // Act
    const toAws = () =>
      createDocumentClient({ endpoint: 'https://dynamodb.ap-southeast-2.amazonaws.com', localOnly: true });
    const toDefault = () => createDocumentClient({ localOnly: true });
    const toThisMachine = () => createDocumentClient({ endpoint: 'http://127.0.0.1:8000', localOnly: true });

    // Assess
    expect(toAws).toThrow(NotLocalEndpointError);
    expect(toDefault).toThrow(NotLocalEndpointError);
    expect(toThisMachine).not.toThrow();
  });
});
