import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

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
  const result = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
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
