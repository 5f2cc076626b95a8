// QR codes of page addresses as SVG, made once per address: drawing one costs about half a millisecond, as much as
// rendering the rest of an article page.
import QRCode from 'qrcode';

const LIMIT = 5000;
const made = new Map<string, Promise<string>>();

export function qrSvg(url: string): Promise<string> {
  let svg = made.get(url);
  if (!svg) {
    svg = QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    if (made.size >= LIMIT) made.delete(made.keys().next().value!);
    made.set(url, svg);
  }
  return svg;
}
