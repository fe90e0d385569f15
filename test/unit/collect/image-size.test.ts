import { imageFacts, pixelSize } from '../../../functions/collect/image-size';

describe('pixelSize: a picture’s size as sources write it', () => {
  it('takes a positive whole number, written as text or as a number', () => {
    expect(pixelSize('1200')).toBe(1200);
    expect(pixelSize(' 675 ')).toBe(675);
    expect(pixelSize(96)).toBe(96);
  });

  it('refuses what is no size in pixels', () => {
    for (const value of [undefined, null, '', '  ', '0', '-4', '12.5', 'auto', '1200px', {}, Number.NaN])
      expect(pixelSize(value)).toBeUndefined();
  });
});

describe('imageFacts', () => {
  it('keeps the size and the alt text a source gives, and leaves out blank ones', () => {
    expect(imageFacts('600', 338, 'A harbour at dawn')).toEqual({
      imageWidth: 600,
      imageHeight: 338,
      imageAlt: 'A harbour at dawn',
    });
    expect(imageFacts('wide', undefined, '  ')).toEqual({
      imageWidth: undefined,
      imageHeight: undefined,
      imageAlt: undefined,
    });
  });
});
