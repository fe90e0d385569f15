import path from 'node:path';
import { loadConfigFile } from '../../../functions/core/load-config-file';
import { type LocalStack, startLocalStack } from '../../../infra/local/local-stack';
import { readOutbox } from '../../helpers/mail';
import { tempDir } from '../../helpers/stand-ins';

/** The `<img>` tags of an HTML part, as attribute maps. */
function images(html: string): Record<string, string>[] {
  return [...html.matchAll(/<img\b([^>]*)>/g)].map((tag) =>
    Object.fromEntries([...(tag[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );
}

describe('a fresh clone’s digest shows the sample sources’ pictures', () => {
  let stack: LocalStack;
  let html: string;

  beforeAll(async () => {
    stack = await startLocalStack({
      config: loadConfigFile(path.join(__dirname, '../../../config/daybreak.json')),
      dataDir: tempDir('sample-images-'),
      persist: false,
    });
    await stack.ensureDemoSubscriber();
    await stack.collect();
    await stack.digest();
    const [sent] = await readOutbox(stack.outboxDir);
    html = String(sent?.mail.html);
  }, 120000);
  afterAll(() => stack?.close());

  it('leads with the lead story’s picture, drawn the full width with its size and alt text', async () => {
    const pictures = images(html).filter((img) => img.src?.startsWith(`${stack.urls.sources}/images/`));
    const lead = pictures.find((img) => Number(img.width) > 300);
    expect(lead).toMatchObject({ width: '552', height: '311', alt: expect.stringMatching(/\S/) });
    // The picture is there to be loaded while the stack runs: a real PNG.
    const response = await fetch(String(lead?.src));
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('gives the next top stories their thumbnails', () => {
    const thumbnails = images(html).filter(
      (img) => img.src?.startsWith(`${stack.urls.sources}/images/`) && Number(img.width) <= 96,
    );
    expect(thumbnails.length).toBeGreaterThanOrEqual(2);
    for (const thumbnail of thumbnails) expect(thumbnail).toMatchObject({ width: '96', height: '54' });
  });
});
