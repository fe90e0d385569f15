import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadConfigFile } from '../functions/core/load-config-file';
import { DaybreakStack } from './daybreak-stack';

const app = new App();
const configFile = String(app.node.tryGetContext('config') ?? 'config/daybreak.json');
const config = loadConfigFile(path.resolve(configFile));
new DaybreakStack(app, 'Daybreak', { config, description: 'Daybreak: a serverless daily news digest' });
