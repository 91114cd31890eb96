/**
 * The link-signing secret from Secrets Manager, fetched on first use and kept for the container's
 * life. The client is loaded only then, so the API's cold start does not pay for it.
 */
export function secretFromSecretsManager(secretArn: string): () => Promise<string> {
  let secret: Promise<string> | undefined;
  return () => {
    secret ??= (async () => {
      const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
      const result = await new SecretsManagerClient({}).send(
        new GetSecretValueCommand({ SecretId: secretArn }),
      );
      if (!result.SecretString) throw new Error(`The secret ${secretArn} has no text value.`);
      return result.SecretString;
    })();
    // A failed fetch is not kept: the next request tries again.
    secret.catch(() => {
      secret = undefined;
    });
    return secret;
  };
}
