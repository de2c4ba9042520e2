using System.Text;

namespace Autograd.Interactive;

/// <summary>
/// Draws 8×8 grey-scale images (one per row of a tensor, 64 pixels row-major, 0 white to 1 black) in a grid, each
/// with a caption under it: its true class, the predicted one, or both, in red when they differ.
/// </summary>
internal static class DigitGridChart
{
    private const int Side = 8;
    private const int Pixel = 7;
    private const int Image = Side * Pixel;
    private const int CellWidth = 76;
    private const int LineHeight = 13;
    private const int Margin = 10;
    private const int TitleHeight = 22;

    internal static SvgImage Render(Tensor images, int[]? labels, int[]? predictions, int columns, int max, string? title)
    {
        ArgumentNullException.ThrowIfNull(images);
        Check(images, labels, predictions, columns, max);

        int count = Math.Min(images.Rows, max);
        // Rounded up without count + columns - 1, which overflows for a columns near int.MaxValue (count is at least 1).
        int rows = ((count - 1) / columns) + 1;
        int captionLines = (labels is null ? 0 : 1) + (predictions is null ? 0 : 1);
        int cellHeight = Image + 6 + (captionLines * LineHeight) + 8;
        int top = Margin + (title is null ? 0 : TitleHeight);
        int width = (2 * Margin) + (Math.Min(count, columns) * CellWidth);
        int height = top + (rows * cellHeight) + Margin - 8;
        if (title is not null)
        {
            width = Math.Max(width, (2 * Margin) + SvgMarkup.TextWidth(title, 13));
        }

        int wrong = 0;
        var shades = new SortedDictionary<int, StringBuilder>();
        var svg = new StringBuilder();
        SvgMarkup.Open(svg, width, height, title ?? $"{count} digit images");
        if (title is not null)
        {
            SvgMarkup.Append(svg, $"<text x=\"{Margin}\" y=\"{Margin + 14}\" font-size=\"13\" font-weight=\"bold\" fill=\"{SvgMarkup.Ink}\">{SvgWriter.Escape(title)}</text>\n");
        }

        for (int i = 0; i < count; i++)
        {
            int x = Margin + ((i % columns) * CellWidth) + ((CellWidth - Image) / 2);
            int y = top + (i / columns * cellHeight);
            bool isWrong = labels is not null && predictions is not null && labels[i] != predictions[i];
            wrong += isWrong ? 1 : 0;
            AddPixels(shades, images, i, x, y);
            AppendFrame(svg, x, y, isWrong);

            var caption = new List<string>();
            if (labels is not null)
            {
                caption.Add($"true {labels[i]}");
            }

            if (predictions is not null)
            {
                caption.Add($"pred {predictions[i]}");
            }

            var ink = isWrong ? SvgMarkup.WrongInk : SvgMarkup.Ink;
            var weight = isWrong ? " font-weight=\"bold\"" : "";
            for (int line = 0; line < caption.Count; line++)
            {
                SvgMarkup.Append(svg, $"<text x=\"{x + (Image / 2)}\" y=\"{y + Image + 16 + (line * LineHeight)}\" text-anchor=\"middle\" font-size=\"11\"{weight} fill=\"{ink}\">{caption[line]}</text>\n");
            }
        }

        SvgMarkup.Append(svg, $"<g shape-rendering=\"crispEdges\">\n");
        foreach (var (shade, path) in shades)
        {
            SvgMarkup.Append(svg, $"<path fill=\"{SvgMarkup.Hex(shade, shade, shade)}\" d=\"{path}\"/>\n");
        }

        svg.Append("</g>\n</svg>\n");
        var text = new StringBuilder($"{count} of {NumberText.Count(images.Rows)} images");
        if (title is not null)
        {
            text.Insert(0, $"{title}: ");
        }

        if (labels is not null && predictions is not null)
        {
            text.Append($", {wrong} misclassified");
        }

        AppendCaptions(text, "true", labels, count);
        AppendCaptions(text, "pred", predictions, count);
        return new SvgImage(svg.ToString(), text.ToString());
    }

    private static void Check(Tensor images, int[]? labels, int[]? predictions, int columns, int max)
    {
        if (images.Cols != Side * Side)
        {
            throw new ArgumentException(
                $"DigitGrid: the images are {images.Rows}×{images.Cols}, but each row must hold the 64 pixels of an 8×8 image (an n×64 tensor).",
                nameof(images));
        }

        if (labels is not null && labels.Length != images.Rows)
        {
            throw new ArgumentException($"DigitGrid: {labels.Length} labels for {images.Rows} images; give one per image.", nameof(labels));
        }

        if (predictions is not null && predictions.Length != images.Rows)
        {
            throw new ArgumentException(
                $"DigitGrid: {predictions.Length} predictions for {images.Rows} images; give one per image.", nameof(predictions));
        }

        if (columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), columns, $"DigitGrid: columns must be at least 1, got {columns}.");
        }

        if (max is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"DigitGrid: max is the number of images drawn, 1 to 1000; got {max}.");
        }
    }

    /// <summary>
    /// Adds one image's pixels to <paramref name="shades"/>, the outline of every run of one shade along a row, by shade;
    /// white pixels are the paper and not drawn. One path per shade for the whole grid keeps a page of fifty digits
    /// to a few tens of kilobytes.
    /// </summary>
    private static void AddPixels(SortedDictionary<int, StringBuilder> shades, Tensor images, int image, int x, int y)
    {
        var data = images.Data;
        int offset = image * Side * Side;
        for (int r = 0; r < Side; r++)
        {
            int start = 0;
            for (int c = 1; c <= Side; c++)
            {
                int shade = Shade(data[offset + (Side * r) + start]);
                if (c == Side || Shade(data[offset + (Side * r) + c]) != shade)
                {
                    if (shade != 255)
                    {
                        if (!shades.TryGetValue(shade, out var path))
                        {
                            shades[shade] = path = new StringBuilder();
                        }

                        SvgMarkup.Append(path, $"M{x + (start * Pixel)} {y + (r * Pixel)}h{(c - start) * Pixel}v{Pixel}h-{(c - start) * Pixel}z");
                    }

                    start = c;
                }
            }
        }
    }

    /// <summary>A thin frame around an image, red and thicker when the image is misclassified.</summary>
    private static void AppendFrame(StringBuilder svg, int x, int y, bool isWrong)
    {
        var (stroke, strokeWidth) = isWrong ? (SvgMarkup.WrongInk, 2) : ("#bbbbbb", 1);
        SvgMarkup.Append(svg, $"<rect x=\"{x - 0.5}\" y=\"{y - 0.5}\" width=\"{Image + 1}\" height=\"{Image + 1}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{strokeWidth}\"/>\n");
    }

    /// <summary>The grey of a pixel value: 0 (or below) is white paper, 1 (or above) black ink; NaN is drawn as paper.</summary>
    private static int Shade(double value) =>
        double.IsNaN(value) ? 255 : 255 - (int)Math.Round(255 * Math.Clamp(value, 0, 1), MidpointRounding.AwayFromZero);

    private static void AppendCaptions(StringBuilder text, string name, int[]? values, int count)
    {
        if (values is not null)
        {
            text.Append($"\n  {name}: ").AppendJoin(' ', values.Take(count));
        }
    }
}
