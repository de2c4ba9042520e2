namespace Autograd.Interactive;

/// <summary>
/// A chart drawn as a static SVG (a decision boundary, a grid of digit images, a confusion matrix), shown in the
/// notebook as <c>image/svg+xml</c>, with a short text form for text-only hosts and output diffs.
/// </summary>
/// <remarks>
/// Unlike a Plotly.NET chart, the picture needs no script: it shows in every host, on GitHub and offline, and the
/// same data always gives the same document.
/// </remarks>
public sealed class ChartImage
{
    internal ChartImage(string svg, string text, int width, int height)
    {
        Svg = svg;
        Text = text;
        Width = width;
        Height = height;
    }

    /// <summary>The SVG document shown.</summary>
    public string Svg { get; }

    /// <summary>What the picture shows, in words: what text-only displays show.</summary>
    public string Text { get; }

    /// <summary>The picture's width in pixels.</summary>
    public int Width { get; }

    /// <summary>The picture's height in pixels.</summary>
    public int Height { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
