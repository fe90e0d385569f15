import { cleanCredit, findImageCredit } from '../../../../functions/collect/page/image-credit';
import { parseDocument } from '../../../../functions/collect/page/dom';

describe('findImageCredit', () => {
  it('reads the credit after the caption ("... Image Credit: ANI"), and points at the figure', () => {
    const document = parseDocument(
      '<figure><img src="/a.jpg"><figcaption>A leader at a parade Image Credit: AgencyP</figcaption></figure>',
    );
    const { credit, element } = findImageCredit(document);
    expect(credit).toBe('AgencyP');
    expect(element?.tagName).toBe('FIGURE');
  });

  it('reads "Photo Credit:" and "Credit:" outside a figure', () => {
    expect(
      findImageCredit(parseDocument('<div><img src="/b.jpg"><p>Clouds Photo Credit: Ana Vera.</p></div>')).credit,
    ).toBe('Ana Vera');
    expect(findImageCredit(parseDocument('<p><small>Credit: Studio North</small></p>')).credit).toBe('Studio North');
  });

  it('does not take a story’s "Source:" line for an image credit', () => {
    expect(findImageCredit(parseDocument('<p>Source: the health ministry said 40 clinics would open.</p>'))).toEqual(
      {},
    );
  });
});

describe('cleanCredit', () => {
  it('keeps the name only', () => {
    expect(cleanCredit('ANI | Updated 27-07-2023')).toBe('ANI');
    expect(cleanCredit('Reuters.')).toBe('Reuters');
    expect(cleanCredit('x'.repeat(200))).toBeUndefined();
  });
});
