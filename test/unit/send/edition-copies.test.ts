import { EditionCopies, type EditionCopy } from '../../../functions/send/edition-copies';

const copy = (subject: string) => ({ edition: { subject }, digest: {} }) as unknown as EditionCopy;

describe('EditionCopies', () => {
  it('reads and composes an edition once, however many batches of it the sender mails', async () => {
    const copies = new EditionCopies();
    const load = jest.fn(async () => copy('Bridge reopens'));

    const first = await copies.get('2026-11-26', 'global', load);
    const second = await copies.get('2026-11-26', 'global', load);

    expect(load).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
  });

  it('keeps each edition apart, by date and by edition', async () => {
    const copies = new EditionCopies();
    const global = await copies.get('2026-11-26', 'global', async () => copy('global'));
    const asia = await copies.get('2026-11-26', 'asia', async () => copy('asia'));
    const nextDay = await copies.get('2026-11-27', 'global', async () => copy('next day'));

    expect([global, asia, nextDay].map((c) => c.edition.subject)).toEqual(['global', 'asia', 'next day']);
  });

  it('keeps only the last few, so a long-lived sender does not grow', async () => {
    const copies = new EditionCopies(2);
    for (const date of ['2026-11-24', '2026-11-25', '2026-11-26'])
      await copies.get(date, 'global', async () => copy(date));
    const load = jest.fn(async () => copy('again'));

    await copies.get('2026-11-26', 'global', load);
    await copies.get('2026-11-25', 'global', load);
    expect(load).not.toHaveBeenCalled();
    await copies.get('2026-11-24', 'global', load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps nothing when the edition could not be read: the next batch reads it again', async () => {
    const copies = new EditionCopies();
    await expect(
      copies.get('2026-11-26', 'global', async () => {
        throw new Error('edition 2026-11-26/global has not been rendered');
      }),
    ).rejects.toThrow('has not been rendered');

    expect((await copies.get('2026-11-26', 'global', async () => copy('now rendered'))).edition.subject).toBe(
      'now rendered',
    );
  });
});
