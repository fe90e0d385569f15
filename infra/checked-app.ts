import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * A CDK app with cdk-nag's AwsSolutions pack as a validation plugin: synthesis (and
 * `Template.fromStack` in tests) fails on any finding that is not acknowledged, with its reason,
 * where the resource is made.
 */
export function checkedApp(props?: AppProps): App {
  const app = new App(props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}
