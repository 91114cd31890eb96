export { handler } from '../aggregate/lambda.ts';
