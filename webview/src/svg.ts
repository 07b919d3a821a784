/** SVG elements built with the DOM only: every workspace string goes in as a text node, never as markup. */
const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgElement<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, className?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (className) element.setAttribute('class', className);
  return element;
}

export function svgText(text: string, attributes: Record<string, string | number>, className: string): SVGTextElement {
  const element = svgElement('text', attributes, className);
  element.textContent = text;
  return element;
}

/** A name cut to what fits in a node; the whole text stays in the node's <title>. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
