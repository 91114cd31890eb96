import { MemoryRecordStore } from '../../../functions/store/memory-record-store.ts';
import { describeRecordRepositoryContract } from '../../support/record-repository-contract.ts';

describeRecordRepositoryContract(
  'the in-memory store',
  () => new MemoryRecordStore(),
  (store) => store as MemoryRecordStore,
);
