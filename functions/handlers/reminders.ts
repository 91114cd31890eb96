export { handler } from '../reminders/lambda.ts';
