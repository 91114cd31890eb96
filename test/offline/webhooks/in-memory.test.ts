import { MemoryWebhookStore } from '../../../functions/webhooks/in-memory.ts';
import { describeWebhookStoreContract } from '../../support/webhook-store-contract.ts';

describeWebhookStoreContract('the in-memory webhook store', () => new MemoryWebhookStore());
