/**
 * Pan by dragging and zoom with the wheel, for an SVG whose drawing sits in one `viewport` group: the
 * transform is one attribute on that group, so panning never touches what is drawn. The graph and the
 * column view each have one.
 */
import type { Box } from './layout';

export interface Transform {
  x: number;
  y: number;
  k: number;
}

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 3;

export class PanZoom {
  transform: Transform = { x: 0, y: 0, k: 1 };

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly viewport: SVGGElement,
    private readonly changed: (t: Transform) => void,
  ) {
    this.listen();
  }

  /** Fits a box of the drawing into the view; `zoom` fixes the scale (a node shown at its size). */
  fitBox(box: Box, zoom?: number): void {
    const { width, height } = this.size();
    const pad = 24;
    const k = zoom ?? clamp(Math.min((width - 2 * pad) / Math.max(box.width, 1), (height - 2 * pad) / Math.max(box.height, 1)), MIN_ZOOM, 1.2);
    this.setTransform({ k, x: width / 2 - (box.x + box.width / 2) * k, y: height / 2 - (box.y + box.height / 2) * k });
  }

  zoomBy(factor: number, cx?: number, cy?: number): void {
    const { width, height } = this.size();
    const px = cx ?? width / 2;
    const py = cy ?? height / 2;
    const t = this.transform;
    const k = clamp(t.k * factor, MIN_ZOOM, MAX_ZOOM);
    this.setTransform({ k, x: px - ((px - t.x) * k) / t.k, y: py - ((py - t.y) * k) / t.k });
  }

  /** Centres the view on a point of the drawing (the minimap's clicks). */
  centreOn(x: number, y: number): void {
    const { width, height } = this.size();
    const k = this.transform.k;
    this.setTransform({ k, x: width / 2 - x * k, y: height / 2 - y * k });
  }

  setTransform(t: Transform): void {
    this.transform = t;
    this.viewport.setAttribute('transform', `translate(${t.x.toFixed(2)} ${t.y.toFixed(2)}) scale(${t.k.toFixed(4)})`);
    this.changed(t);
  }

  /** The part of the drawing on screen, in its own coordinates. */
  visibleRect(): Box {
    const { width, height } = this.size();
    const t = this.transform;
    return { x: -t.x / t.k, y: -t.y / t.k, width: width / t.k, height: height / t.k };
  }

  private size(): { width: number; height: number } {
    const rect = this.svg.getBoundingClientRect();
    return { width: rect.width || 800, height: rect.height || 600 };
  }

  private listen(): void {
    const svg = this.svg;
    let drag: { x: number; y: number; t: Transform; moved: boolean } | undefined;
    svg.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, t: { ...this.transform }, moved: false };
    });
    svg.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) svg.setPointerCapture(event.pointerId);
      drag.moved = true;
      this.setTransform({ k: drag.t.k, x: drag.t.x + dx, y: drag.t.y + dy });
    });
    svg.addEventListener('pointerup', () => {
      // A drag ends with a click event on the target; it must not open a file.
      if (drag?.moved) svg.addEventListener('click', (e) => e.stopPropagation(), { capture: true, once: true });
      drag = undefined;
    });
    svg.addEventListener('wheel', (event) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      this.zoomBy(Math.exp(-event.deltaY / 400), event.clientX - rect.left, event.clientY - rect.top);
    }, { passive: false });
  }
}

export const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));
