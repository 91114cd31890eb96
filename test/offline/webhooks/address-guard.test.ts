import { describe, expect, it } from 'vitest';
import {
  AddressRefusedError,
  checkWebhookUrl,
  refusedRange,
  resolveChecked,
} from '../../../functions/webhooks/address-guard.ts';

const CLOUD = { allowLoopbackHttp: false };
const LOCAL = { allowLoopbackHttp: true };

describe('the webhook address guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.53.1.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (including the cloud metadata service 169.254.169.254)'],
    ['169.254.0.1', 'link-local (including the cloud metadata service 169.254.169.254)'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['0.0.0.0', 'this network'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['224.0.0.1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (including the cloud metadata service 169.254.169.254)'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:0a00:0001::1', 'private'],
  ])('should refuse %s as %s', (address, range) => {
    // Act
    const found = refusedRange(address);

    // Assess
    expect(found).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1', '11.0.0.1'])(
    'should allow the public address %s',
    (address) => {
      // Act
      const found = refusedRange(address);

      // Assess
      expect(found).toBeUndefined();
    },
  );

  it.each([
    ['http://hooks.example.org/x', CLOUD, 'must be https://'],
    ['http://127.0.0.1:8080/hook', CLOUD, 'must be https://'],
    ['https://127.0.0.1/hook', CLOUD, 'loopback'],
    ['https://169.254.169.254/latest/meta-data', CLOUD, 'link-local'],
    ['https://[::1]/hook', CLOUD, 'loopback'],
    ['https://[fd00::1]/hook', CLOUD, 'unique-local'],
    ['https://10.0.0.8/hook', LOCAL, 'private'],
    ['https://2130706433/hook', CLOUD, 'loopback'],
    ['https://0x7f.1/hook', CLOUD, 'loopback'],
    ['https://localhost/hook', CLOUD, 'names this network'],
    ['https://intranet/hook', CLOUD, 'names this network'],
    ['https://user:pass@hooks.example.org/x', CLOUD, 'credentials'],
    ['https://hooks.example.org/x#frag', CLOUD, 'fragment'],
    ['http://localhost:3000/hook', LOCAL, 'http://127.0.0.1'],
    ['ftp://hooks.example.org/x', CLOUD, 'https'],
    ['not a url', CLOUD, 'not a URL'],
  ])('should refuse to register %s', (url, policy, reason) => {
    // Act
    const registering = () => checkWebhookUrl(url, policy);

    // Assess
    expect(registering).toThrow(AddressRefusedError);
    expect(registering).toThrow(reason);
  });

  it.each([
    ['https://hooks.example.org/records', CLOUD],
    ['https://93.184.215.14:8443/records', CLOUD],
    ['http://127.0.0.1:4567/hook', LOCAL],
  ])('should accept %s', (url, policy) => {
    // Act
    const parsed = checkWebhookUrl(url, policy);

    // Assess
    expect(parsed.href).toBe(url);
  });

  it('should refuse a name that resolves to a private address at delivery time, even beside a public one', async () => {
    // Prepare: a name whose answer changed since registration (DNS rebinding).
    const resolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ];

    // Act
    const resolving = resolveChecked('hooks.example.org', resolver, CLOUD);

    // Assess
    await expect(resolving).rejects.toThrow('resolves to 169.254.169.254');
  });

  it('should hand back the checked public address of a name', async () => {
    // Prepare
    const resolver = async () => [{ address: '93.184.215.14', family: 4 }];

    // Act
    const resolved = await resolveChecked('hooks.example.org', resolver, CLOUD);

    // Assess
    expect(resolved).toEqual({ address: '93.184.215.14', family: 4 });
  });

  it('should refuse a name that does not resolve', async () => {
    // Prepare
    const resolver = async () => {
      throw new Error('ENOTFOUND');
    };

    // Act
    const resolving = resolveChecked('nowhere.example.org', resolver, CLOUD);

    // Assess
    await expect(resolving).rejects.toThrow('did not resolve');
  });
});
