import { mockClient } from 'aws-sdk-client-mock';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { awsSetupProblem, invokeFunction, stackOutputs } from '../../../bin/commands/deployed-stack';

const payload = (text: string) => new Uint8Array(Buffer.from(text));

describe('the CLI against a deployed stack', () => {
  const cloudFormation = new CloudFormationClient({ region: 'eu-west-1' });
  const lambda = new LambdaClient({ region: 'eu-west-1' });
  const cfn = mockClient(cloudFormation);
  const fn = mockClient(lambda);
  beforeEach(() => {
    cfn.reset();
    fn.reset();
  });

  it('reads where the functions and the table are from the stack outputs', async () => {
    cfn.on(DescribeStacksCommand, { StackName: 'Daybreak' }).resolves({
      Stacks: [
        {
          StackName: 'Daybreak',
          CreationTime: new Date(),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'CollectFunctionName', OutputValue: 'Daybreak-Collect-1' },
            { OutputKey: 'DigestFunctionName', OutputValue: 'Daybreak-Digest-1' },
            { OutputKey: 'TableName', OutputValue: 'Daybreak-Table-1' },
          ],
        },
      ],
    });
    await expect(stackOutputs('Daybreak', cloudFormation)).resolves.toMatchObject({
      CollectFunctionName: 'Daybreak-Collect-1',
      TableName: 'Daybreak-Table-1',
    });
  });

  it('says which outputs are missing from a stack that is not Daybreak', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'Other', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] }],
    });
    await expect(stackOutputs('Other', cloudFormation)).rejects.toThrow(
      'stack Other has no output CollectFunctionName, DigestFunctionName, TableName',
    );
  });

  it('invokes a function and returns its JSON, or its error message', async () => {
    fn.on(InvokeCommand, { FunctionName: 'ok' }).resolves({ StatusCode: 200, Payload: payload('{"read":3}') } as never);
    fn.on(InvokeCommand, { FunctionName: 'bad' }).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: payload('{"errorMessage":"edition \\"x\\" is not configured"}'),
    } as never);
    await expect(invokeFunction('ok', {}, lambda)).resolves.toEqual({ read: 3 });
    await expect(invokeFunction('bad', {}, lambda)).rejects.toThrow('bad failed: edition "x" is not configured');
  });

  it('says what to set when the machine has no AWS region or credentials', async () => {
    cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Region is missing'), { name: 'Error' }));
    await expect(stackOutputs('Daybreak', cloudFormation)).rejects.toThrow(
      /^--stack Daybreak: no AWS region: set AWS_REGION .*AWS_PROFILE/,
    );
    const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(awsSetupProblem('Daybreak', noCredentials).message).toMatch(
      /^--stack Daybreak: no AWS credentials: set AWS_PROFILE .*AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY$/,
    );
  });

  it('without a region in the environment, a real client fails with what to set, not the SDK wording', async () => {
    const saved = { ...process.env };
    for (const key of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']) delete process.env[key];
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
    try {
      await expect(stackOutputs('Daybreak')).rejects.toThrow(/no AWS region: set AWS_REGION/);
    } finally {
      process.env = saved;
    }
  });
});
