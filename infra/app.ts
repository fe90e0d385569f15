import path from 'node:path';
import { configOverrides, loadConfigFile } from '../functions/core/load-config-file';
import { DaybreakStack } from './daybreak-stack';
import { checkedApp } from './checked-app';

const app = checkedApp();
const configFile = String(app.node.tryGetContext('config') ?? 'config/daybreak.json');
try {
  // `cdk deploy -c sender.address=news@example.org -c ses.maxSendRate=50` overrides single keys.
  const config = loadConfigFile(
    path.resolve(configFile),
    configOverrides(app.node.getAllContext() as Record<string, unknown>),
  );
  new DaybreakStack(app, 'Daybreak', { config, description: 'Daybreak: a serverless daily news digest' });
} catch (error) {
  // A configuration mistake is the operator's to fix: say what is wrong, without a stack trace.
  process.stderr.write(`daybreak: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
