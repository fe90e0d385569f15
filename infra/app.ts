import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { configOverrides, loadConfigFile } from '../functions/core/load-config-file';
import { DaybreakStack } from './daybreak-stack';

const app = new App();
const configFile = String(app.node.tryGetContext('config') ?? 'config/daybreak.json');
// `cdk deploy -c sender.address=news@example.org -c ses.maxSendRate=50` overrides single keys.
const config = loadConfigFile(path.resolve(configFile), configOverrides(app.node.getAllContext() as Record<string, unknown>));
new DaybreakStack(app, 'Daybreak', { config, description: 'Daybreak: a serverless daily news digest' });
