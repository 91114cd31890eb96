import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from '../../../../infra/lib/handler-entries.ts';
import { lambdaEsbuildOptions } from '../../../../infra/lib/lambda-esbuild-options.ts';
import { SDK_COMMAND_ACTIONS, TRANSACT_ITEM_ACTIONS, TRANSACT_WRITE_COMMANDS } from './sdk-actions.ts';

/** One place in the code that sends a request to AWS. */
export interface AwsCall {
  file: string;
  line: number;
  /** The function or method the call sits in; `undefined` at module level. */
  member: string | undefined;
  command: string;
  actions: string[];
}

/**
 * The project files a Lambda entry bundles, found by esbuild exactly as the stack bundles it (so a
 * refactor that moves the store keeps working), without dependencies.
 */
export async function projectFilesOf(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    ...lambdaEsbuildOptions(entry),
    minify: false,
    absWorkingDir: PROJECT_ROOT,
  });
  return Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules/'))
    .map((input) => path.resolve(PROJECT_ROOT, input));
}

// `new GetCommand(`, `new s3.PutObjectCommand(` (SDK v3) and `aws.DynamoDB.GetItem(` (aws-lite).
const SDK_CALL_PATTERNS = [
  /\bnew\s+(?:\w+\.)?(\w+)Command\s*\(/g,
  /\.(?:DynamoDB|S3|SESv2|SES|SQS|SNS)\.([A-Z]\w*)\s*\(/g,
];
const MEMBER_RE =
  /^(\s*)(?:export\s+)?(?:default\s+)?(?:(?:private|public|protected|static|readonly|override)\s+)*(?:async\s+)?(?:function\s*\*?\s*|\*\s*)?([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/;
const NOT_MEMBERS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'return',
  'await',
  'new',
  'super',
  'function',
]);

/** The function or method whose body holds line `index` (code formatted by Biome, so indentation is reliable). */
function enclosingMember(lines: string[], index: number): string | undefined {
  const indent = /^\s*/.exec(lines[index]!)![0].length;
  for (let i = index - 1; i >= 0; i--) {
    const match = MEMBER_RE.exec(lines[i]!);
    if (match && match[1]!.length < indent && !NOT_MEMBERS.has(match[2]!) && /[{(]\s*$/.test(lines[i]!))
      return match[2];
  }
  return undefined;
}

/** Every AWS request the given files can send, with the IAM actions each needs. */
export function awsCallsIn(files: string[]): AwsCall[] {
  const calls: AwsCall[] = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const lines = source.split('\n');
    const transactItems = [...source.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:\s*\{/g)].map(
      (match) => TRANSACT_ITEM_ACTIONS[match[1]!]!,
    );
    lines.forEach((text, index) => {
      if (/^\s*(\/\/|\*|\/\*)/.test(text)) return;
      for (const pattern of SDK_CALL_PATTERNS) {
        for (const match of text.matchAll(pattern)) {
          const command = match[1]!;
          const known = SDK_COMMAND_ACTIONS[command];
          if (!known) {
            throw new Error(
              `${path.relative(PROJECT_ROOT, file)}:${index + 1} sends ${command}, which test/offline/infra/least-privilege/sdk-actions.ts does not map to IAM actions; add it there.`,
            );
          }
          const actions = TRANSACT_WRITE_COMMANDS.has(command) ? [...new Set(transactItems)] : [...known];
          calls.push({ file, line: index + 1, member: enclosingMember(lines, index), command, actions });
        }
      }
    });
  }
  return calls;
}

/** The class a line of a file sits in (top-level `class X`), with the interfaces it implements. */
function enclosingClass(lines: string[], index: number): { name: string; types: string[] } | undefined {
  for (let i = index; i >= 0; i--) {
    const match =
      /^(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+(\w+)(?:\s+extends\s+[\w.]+)?(?:\s+implements\s+([\w\s,]+))?/.exec(
        lines[i]!,
      );
    if (match) {
      const implemented = (match[2] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      return { name: match[1]!, types: [match[1]!, ...implemented] };
    }
    if (/^\S/.test(lines[i]!) && i < index && /^}/.test(lines[i]!)) return undefined;
  }
  return undefined;
}

const escapeName = (name: string) => name.replace(/\$/g, '\\$');

/** Names that hold an instance of one of `types`: typed fields, parameters and properties, or `new` results. */
function receiversOf(types: string[], className: string, sources: string[]): Set<string> {
  const receivers = new Set<string>();
  const typed = new RegExp(
    `([A-Za-z_$][\\w$]*)\\??\\s*:\\s*(?:readonly\\s+)?(?:${types.map(escapeName).join('|')})\\b`,
    'g',
  );
  const made = new RegExp(
    `([A-Za-z_$][\\w$]*)\\s*(?::[^=;]+)?[=:]\\s*new\\s+${escapeName(className)}\\s*\\(`,
    'g',
  );
  for (const source of sources) {
    for (const match of source.matchAll(typed)) receivers.add(match[1]!);
    for (const match of source.matchAll(made)) receivers.add(match[1]!);
  }
  return receivers;
}

/**
 * The calls a handler's code can reach. A call at module level or in a plain function counts when
 * the function's name is called in the bundled files. A call in a class method counts when the
 * method is called on something that holds that class (a field, parameter or property typed as the
 * class or an interface it implements, or made with `new`), or on `this` inside the class. This is
 * name matching, not type checking: it errs toward demanding a grant, and a store method nothing
 * calls (the record writes, seen from the nightly job) does not count.
 */
export async function reachableAwsCalls(entry: string): Promise<AwsCall[]> {
  const files = await projectFilesOf(entry);
  const sources = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
  const codeLines = (source: string) => source.split('\n').filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line));
  const anyLine = (pattern: RegExp, only?: string) =>
    [...sources].some(
      ([file, source]) => (!only || file === only) && codeLines(source).some((line) => pattern.test(line)),
    );

  return awsCallsIn(files).filter((call) => {
    if (call.member === undefined) return true;
    const member = escapeName(call.member);
    const lines = sources.get(call.file)!.split('\n');
    const owner = enclosingClass(lines, call.line - 1);
    if (!owner) {
      const declaration = new RegExp(`function\\s*\\*?\\s*${member}\\b`);
      return anyLine(new RegExp(`(?<![\\w$.])${member}\\s*\\(`)) || !anyLine(declaration, call.file);
    }
    const receivers = [...receiversOf(owner.types, owner.name, [...sources.values()])].map(escapeName);
    const onHolder =
      receivers.length > 0 &&
      anyLine(new RegExp(`(?<![\\w$])(?:${receivers.join('|')})\\??\\.${member}\\s*\\(`));
    return onHolder || anyLine(new RegExp(`\\bthis\\.${member}\\s*\\(`), call.file);
  });
}
