import {
  CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { UsageError } from './usage';

/**
 * The CLI against a deployed stack: the stack's outputs say where its functions and table are, so
 * `daybreak run collect --stack Daybreak` runs the deployed collect function, not a local copy.
 */
export interface StackOutputs {
  CollectFunctionName: string;
  DigestFunctionName: string;
  TableName: string;
  [key: string]: string;
}

const REQUIRED = ['CollectFunctionName', 'DigestFunctionName', 'TableName'] as const;

export async function stackOutputs(
  stackName: string,
  cloudFormation = new CloudFormationClient({}),
): Promise<StackOutputs> {
  let result: DescribeStacksCommandOutput;
  try {
    result = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    throw awsSetupProblem(stackName, error);
  }
  const stack = result.Stacks?.[0];
  if (!stack) throw new Error(`stack ${stackName} was not found`);
  const outputs = Object.fromEntries(
    (stack.Outputs ?? []).flatMap((o) => (o.OutputKey && o.OutputValue ? [[o.OutputKey, o.OutputValue]] : [])),
  );
  const missing = REQUIRED.filter((key) => !outputs[key]);
  if (missing.length > 0)
    throw new Error(
      `stack ${stackName} has no output ${missing.join(', ')}: is it a Daybreak stack, deployed from this version?`,
    );
  return outputs as StackOutputs;
}

/** Invokes a deployed function and returns its JSON reply; a function error becomes an Error with its message. */
export async function invokeFunction(
  functionName: string,
  event: unknown,
  lambda = new LambdaClient({}),
): Promise<unknown> {
  const result = await lambda.send(
    new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(event)) }),
  );
  const text = Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8');
  if (result.FunctionError) {
    let message = text;
    try {
      message = String((JSON.parse(text) as { errorMessage?: string }).errorMessage ?? text);
    } catch {
      // not JSON: keep the raw text
    }
    throw new Error(`${functionName} failed: ${message}`);
  }
  return text ? (JSON.parse(text) as unknown) : null;
}

/**
 * What the SDK says when the machine is not set up for AWS, turned into what to set. Other errors
 * (a stack that does not exist, no permission) keep the SDK's message, which names them already.
 */
export function awsSetupProblem(stackName: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  if (/region is missing/i.test(message))
    return new UsageError(
      `--stack ${stackName}: no AWS region: set AWS_REGION (for example AWS_REGION=eu-west-1), or AWS_PROFILE to a profile with a region`,
    );
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message))
    return new UsageError(
      `--stack ${stackName}: no AWS credentials: set AWS_PROFILE to a profile in ~/.aws/config (after \`aws sso login\` or \`aws configure\`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
    );
  if (/does not exist/i.test(message)) return new UsageError(`--stack ${stackName}: ${message}`);
  return error instanceof Error ? error : new Error(message);
}
