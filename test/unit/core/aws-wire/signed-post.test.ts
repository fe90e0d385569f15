import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { wireEndpoint } from '../../../../functions/core/aws-wire/signed-post';

describe('wireEndpoint', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

  it('goes where the SDK goes in a region: the regional endpoints of SES and DynamoDB', async () => {
    expect((await wireEndpoint(new SESClient({ region: 'eu-west-1', credentials }).config)).url.href).toBe(
      'https://email.eu-west-1.amazonaws.com/',
    );
    expect((await wireEndpoint(new DynamoDBClient({ region: 'eu-west-1', credentials }).config)).url.href).toBe(
      'https://dynamodb.eu-west-1.amazonaws.com/',
    );
  });

  it('goes to a stand-in when the SDK client was given one', async () => {
    const config = new SESClient({ region: 'us-east-1', credentials, endpoint: 'http://127.0.0.1:4567' }).config;
    expect(await wireEndpoint(config)).toEqual({ url: new URL('http://127.0.0.1:4567/'), region: 'us-east-1' });
  });

  it('goes to the endpoint the environment names for the service, as the SDK does (AWS_ENDPOINT_URL_SES)', async () => {
    const before = process.env.AWS_ENDPOINT_URL_SES;
    process.env.AWS_ENDPOINT_URL_SES = 'http://127.0.0.1:4568';
    try {
      const config = new SESClient({ region: 'us-east-1', credentials }).config;
      expect((await wireEndpoint(config)).url.href).toBe('http://127.0.0.1:4568/');
    } finally {
      if (before === undefined) delete process.env.AWS_ENDPOINT_URL_SES;
      else process.env.AWS_ENDPOINT_URL_SES = before;
    }
  });

  it('refuses an endpoint under a path, which it would sign wrongly', async () => {
    const config = new SESClient({ region: 'us-east-1', credentials, endpoint: 'http://127.0.0.1:4567/ses' }).config;
    await expect(wireEndpoint(config)).rejects.toThrow('has a path');
  });
});
