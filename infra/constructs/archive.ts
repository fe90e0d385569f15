import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The prefix the editions' pages live under (`archive/DATE/EDITION.html`, as functions/core/archive lays them out). */
const PAGES = 'archive/*';

/**
 * Keeps each edition's page ("View in browser", the archive): a private, encrypted bucket that
 * outlives the stack. The digest writes the pages; the subscribe function serves them through the
 * HTTP API, so nothing in the bucket is public.
 */
export class Archive extends Construct {
  public readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'ArchiveBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The editions already sent are the product's history: deleting the stack must not delete them.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason:
        'Pages are read only through the HTTP API, whose access log records every request; the only writer is the digest function (CloudTrail).',
    });
  }

  /** Lets `grantee` write the editions' pages, and nothing else in the bucket. */
  grantWritePages(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(PAGES)] }),
    );
  }

  /** Lets `grantee` read and list the editions' pages, and nothing else in the bucket. */
  grantReadPages(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(PAGES)] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['archive/', PAGES] } },
      }),
    );
  }
}
