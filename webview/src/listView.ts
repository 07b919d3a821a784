/** The same graph as a list, for keyboard and screen-reader users: domains, then their nodes, with their links. */
import type { ShownGraph, ShownNode } from './graphModel';
import { describe } from './renderer';

export interface ListEvents {
  open(id: string): void;
  focus(id: string): void;
  expand(id: string): void;
  toggleDomain(domain: string): void;
}

export function renderList(container: HTMLElement, shown: ShownGraph, matches: ReadonlySet<string>, events: ListEvents): void {
  const names = new Map(shown.nodes.map((n) => [n.id, n.name]));
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const edge of shown.edges) {
    (downstream.get(edge.from) ?? downstream.set(edge.from, []).get(edge.from)!).push(names.get(edge.to) ?? edge.to);
    (upstream.get(edge.to) ?? upstream.set(edge.to, []).get(edge.to)!).push(names.get(edge.from) ?? edge.from);
  }
  const byDomain = new Map<string, ShownNode[]>();
  for (const node of shown.nodes) {
    const key = node.kind === 'domain' ? '' : (node.domain ?? '');
    (byDomain.get(key) ?? byDomain.set(key, []).get(key)!).push(node);
  }
  const sections: HTMLElement[] = [];
  for (const [domain, nodes] of [...byDomain].sort(([a], [b]) => a.localeCompare(b))) {
    const section = document.createElement('section');
    const heading = document.createElement('h2');
    heading.textContent = domain === '' ? 'Collapsed domains and nodes without a domain' : `Domain ${domain}`;
    section.append(heading);
    if (domain !== '') section.append(button('Collapse domain', () => events.toggleDomain(domain)));
    const list = document.createElement('ul');
    for (const node of nodes) {
      const item = document.createElement('li');
      if (matches.has(node.id)) item.className = 'match';
      const label = document.createElement('span');
      label.className = 'list-label';
      label.textContent = describe(node).split('\n').join(' · ');
      item.append(label);
      if (node.kind === 'domain') item.append(button(`Expand domain ${node.name}`, () => events.toggleDomain(node.name)));
      else {
        item.append(button('Open', () => events.open(node.id)), button('Focus', () => events.focus(node.id)));
        if (node.shownNeighbours < node.neighbours) item.append(button(`Show all ${node.neighbours} neighbours`, () => events.expand(node.id)));
      }
      const links = [['upstream', upstream.get(node.id)], ['downstream', downstream.get(node.id)]] as const;
      for (const [side, ids] of links) {
        if (!ids?.length) continue;
        const line = document.createElement('div');
        line.className = 'list-links';
        line.textContent = `${side}: ${ids.join(', ')}`;
        item.append(line);
      }
      list.append(item);
    }
    section.append(list);
    sections.push(section);
  }
  container.replaceChildren(...sections);
}

function button(text: string, action: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.addEventListener('click', action);
  return element;
}
