//! The weekly chart `/stats` sends: requests met and unmet per week, as a small PNG drawn in
//! memory (bars, counts and a legend in an 8×8 bitmap font), so that adapters can post it as
//! an image and the console can write it to a file.

use font8x8::UnicodeFonts;

use crate::stats::Tally;

const WIDTH: usize = 640;
const HEIGHT: usize = 320;
const MARGIN: usize = 24;
const WHITE: [u8; 3] = [255, 255, 255];
const INK: [u8; 3] = [40, 40, 40];
const MET: [u8; 3] = [46, 139, 87];
const UNMET: [u8; 3] = [205, 92, 92];

/// An RGB canvas.
struct Canvas {
    pixels: Vec<u8>,
}

impl Canvas {
    fn new() -> Self {
        Self { pixels: WHITE.repeat(WIDTH * HEIGHT) }
    }

    fn fill(&mut self, x: usize, y: usize, width: usize, height: usize, colour: [u8; 3]) {
        for row in y..(y + height).min(HEIGHT) {
            for column in x..(x + width).min(WIDTH) {
                let at = (row * WIDTH + column) * 3;
                self.pixels[at..at + 3].copy_from_slice(&colour);
            }
        }
    }

    /// Writes text with its top-left corner at (x, y); characters the font lacks are skipped.
    fn text(&mut self, x: usize, y: usize, text: &str, colour: [u8; 3]) {
        let fonts = (font8x8::BASIC_FONTS, font8x8::LATIN_FONTS);
        for (index, c) in text.chars().enumerate() {
            let Some(glyph) = fonts.0.get(c).or_else(|| fonts.1.get(c)) else { continue };
            for (row, bits) in glyph.iter().enumerate() {
                for bit in 0..8 {
                    if bits & (1 << bit) != 0 {
                        self.fill(x + index * 8 + bit, y + row, 1, 1, colour);
                    }
                }
            }
        }
    }

    fn png(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, WIDTH as u32, HEIGHT as u32);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // Writing to memory cannot fail for a canvas of the right size.
        let written = encoder.write_header().and_then(|mut writer| writer.write_image_data(&self.pixels));
        if let Err(error) = written {
            tracing::error!(%error, "could not encode the chart");
        }
        bytes
    }
}

/// Draws met and unmet requests per week (oldest first) with a legend: `met` and `unmet`
/// are the legend's words in the reader's language, `week` the prefix of week labels.
pub fn weekly(weeks: &[Tally], met: &str, unmet: &str, week: &str) -> Vec<u8> {
    let mut canvas = Canvas::new();
    let top = MARGIN + 16;
    let bottom = HEIGHT - MARGIN - 12;
    let plot_height = bottom - top;
    canvas.fill(MARGIN, top, 1, plot_height, INK);
    canvas.fill(MARGIN, bottom, WIDTH - 2 * MARGIN, 1, INK);
    canvas.fill(MARGIN, MARGIN - 12, 10, 8, MET);
    canvas.text(MARGIN + 14, MARGIN - 12, met, INK);
    let second = MARGIN + 14 + (met.chars().count() + 2) * 8;
    canvas.fill(second, MARGIN - 12, 10, 8, UNMET);
    canvas.text(second + 14, MARGIN - 12, unmet, INK);
    let most = weeks.iter().map(|w| w.met.max(w.unmet)).max().unwrap_or(0).max(1);
    let slot = (WIDTH - 2 * MARGIN - 8) / weeks.len().max(1);
    let bar = (slot / 3).clamp(1, 40);
    for (index, tally) in weeks.iter().enumerate() {
        let x = MARGIN + 8 + index * slot;
        for (offset, count, colour) in [(0, tally.met, MET), (bar, tally.unmet, UNMET)] {
            let height = (count as usize * (plot_height - 12)) / most as usize;
            canvas.fill(x + offset, bottom - height, bar, height, colour);
            if count > 0 && bar >= 8 {
                canvas.text(x + offset, bottom - height - 10, &count.to_string(), INK);
            }
        }
        if slot >= 24 {
            canvas.text(x, bottom + 4, &format!("{week}{}", index + 1), INK);
        }
    }
    canvas.png()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_png_with_bars_in_both_colours() {
        let weeks = [Tally { met: 3, unmet: 1, open: 0 }, Tally { met: 0, unmet: 2, open: 5 }];
        let bytes = weekly(&weeks, "satisfaites", "sans suite", "S");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a valid PNG");
        let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
        reader.next_frame(&mut pixels).expect("one frame");
        let count = |colour: [u8; 3]| pixels.chunks(3).filter(|p| *p == colour).count();
        assert!(count(MET) > 1_000 && count(UNMET) > 1_000, "bars are drawn");
        let empty = weekly(&[Tally::default()], "met", "unmet", "W");
        assert!(empty.len() > 100, "an empty period still makes a chart");
    }
}
