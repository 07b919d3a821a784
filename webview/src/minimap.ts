/** A small overview of the whole layout in a canvas, with the visible part framed; a click moves the view there. */
import type { ShownGraph } from './graphModel';
import type { Box, Layout } from './layout';

export class Minimap {
  private base: ImageData | undefined;
  private scale = 1;
  private layout: Layout | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly centreOn: (x: number, y: number) => void,
  ) {
    const move = (event: PointerEvent) => {
      if (!this.layout || (event.type === 'pointermove' && event.buttons !== 1)) return;
      const rect = canvas.getBoundingClientRect();
      this.centreOn((event.clientX - rect.left) / this.scale, (event.clientY - rect.top) / this.scale);
    };
    canvas.addEventListener('pointerdown', move);
    canvas.addEventListener('pointermove', move);
  }

  setGraph(shown: ShownGraph, layout: Layout): void {
    this.layout = layout;
    const { canvas } = this;
    const context = canvas.getContext('2d')!;
    this.scale = Math.min(canvas.width / Math.max(layout.width, 1), canvas.height / Math.max(layout.height, 1));
    const colour = (name: string, fallback: string) => getComputedStyle(canvas).getPropertyValue(name).trim() || fallback;
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = colour('--minimap-group', 'rgba(128,128,128,0.15)');
    for (const box of layout.groups.values()) this.fill(context, box);
    for (const node of shown.nodes) {
      const box = layout.nodes.get(node.id);
      if (!box) continue;
      context.fillStyle = node.errors > 0 ? colour('--minimap-error', '#f14c4c') : node.kind === 'contract' ? colour('--minimap-contract', '#3794ff') : colour('--minimap-product', '#89d185');
      this.fill(context, box);
    }
    this.base = context.getImageData(0, 0, canvas.width, canvas.height);
  }

  /** Frames the part of the graph on screen. */
  showView(view: Box): void {
    const context = this.canvas.getContext('2d')!;
    if (!this.base) return;
    context.putImageData(this.base, 0, 0);
    context.strokeStyle = getComputedStyle(this.canvas).getPropertyValue('--minimap-view').trim() || '#ffffff';
    context.lineWidth = 1.5;
    context.strokeRect(view.x * this.scale, view.y * this.scale, view.width * this.scale, view.height * this.scale);
  }

  private fill(context: CanvasRenderingContext2D, box: Box): void {
    context.fillRect(box.x * this.scale, box.y * this.scale, Math.max(1, box.width * this.scale), Math.max(1, box.height * this.scale));
  }
}
