import { describe, expect, it } from 'vitest';
import { sanitizeSvg, SvgRefused } from './svg';

const wrap = (inner: string, attrs = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"${attrs}>${inner}</svg>`;

describe('the SVG sanitizer', () => {
  it('keeps an ordinary logo as it was drawn', () => {
    const source = wrap(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><path d="M0 0h10v10z" fill="url(#g)"/><text x="1" y="9">A&amp;B</text>',
    );
    const { svg, removed } = sanitizeSvg(`<?xml version="1.0"?>\n<!-- made by hand -->\n${source}`);
    expect(removed).toEqual([]);
    expect(svg).toBe(source);
  });

  it('removes script elements with their content', () => {
    const { svg, removed } = sanitizeSvg(wrap('<script>alert(1)</script><circle r="1"/>'));
    expect(svg).not.toContain('script');
    expect(svg).not.toContain('alert');
    expect(svg).toContain('<circle r="1"/>');
    expect(removed).toContain('element script');
  });

  it('removes event handlers (onload, onclick, any on…)', () => {
    const { svg, removed } = sanitizeSvg(wrap('<rect onclick="steal()" width="1"/>', ' onload="alert(1)"'));
    expect(svg).not.toMatch(/onload|onclick|alert|steal/);
    expect(removed).toEqual(expect.arrayContaining(['attribute onload', 'attribute onclick']));
  });

  it('removes javascript: and external references from href and xlink:href', () => {
    const { svg } = sanitizeSvg(
      wrap(
        '<use xlink:href="javascript:alert(1)"/><use href="https://evil.example/x.svg#a"/><use href="  JavaScript:alert(1)"/><use href="#ok"/>',
        ' xmlns:xlink="http://www.w3.org/1999/xlink"',
      ),
    );
    expect(svg).not.toMatch(/javascript|evil/i);
    expect(svg).toContain('<use href="#ok"/>');
  });

  it('removes external url() in attributes and style, keeps url(#id)', () => {
    const { svg } = sanitizeSvg(
      wrap(
        '<rect fill="url(https://evil.example/p)"/><rect style="fill:url(#g);stroke:red"/><rect style="background:url(//evil.example)"/>',
      ),
    );
    expect(svg).not.toContain('evil');
    expect(svg).toContain('style="fill:url(#g);stroke:red"');
  });

  it('removes foreignObject, image, a, style and animation elements with everything inside', () => {
    const { svg, removed } = sanitizeSvg(
      wrap(
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"></iframe></div></foreignObject>' +
          '<image href="https://evil.example/i.png"/><a href="https://evil.example"><rect/></a>' +
          '<style>@import url(https://evil.example/c.css);</style><set attributeName="href" to="javascript:alert(1)"/>',
      ),
    );
    expect(svg).toBe(wrap(''));
    expect(removed).toEqual(
      expect.arrayContaining([
        'element foreignObject',
        'element image',
        'element a',
        'element style',
        'element set',
      ]),
    );
  });

  it('escapes text and attribute values as it writes them again', () => {
    const { svg } = sanitizeSvg(wrap('<title>&lt;script&gt;x&lt;/script&gt;</title><rect id="a&quot;b"/>'));
    expect(svg).toContain('<title>&lt;script&gt;x&lt;/script&gt;</title>');
    expect(svg).toContain('id="a&quot;b"');
  });

  it('refuses what it cannot read safely instead of repairing it', () => {
    const refusals: [string, RegExp][] = [
      ['<!DOCTYPE svg [<!ENTITY x "y">]><svg/>', /DOCTYPE/],
      [wrap('<![CDATA[<script>]]>'), /CDATA/],
      [wrap('<rect width=1/>'), /not well-formed/],
      [wrap('<g><rect/>'), /not well-formed/],
      ['<html><svg/></html>', /root element is not <svg>/],
      [wrap('<text>&nbsp;</text>'), /unknown entity/],
      [`${wrap('')}<svg/>`, /more than one root/],
      [wrap('<?php echo 1 ?>'), /processing instruction/],
    ];
    for (const [source, message] of refusals) expect(() => sanitizeSvg(source), source).toThrow(message);
    expect(() => sanitizeSvg('plain text')).toThrow(SvgRefused);
  });

  it('sets the root namespace to SVG’s', () => {
    expect(sanitizeSvg('<svg xmlns="http://www.w3.org/1999/xhtml"/>').svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    );
    expect(sanitizeSvg('<svg/>').svg).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
});
