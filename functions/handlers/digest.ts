export { handler } from '../digest/lambda.ts';
