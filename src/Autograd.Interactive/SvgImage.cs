namespace Autograd.Interactive;

/// <summary>
/// A picture the notebook shows as SVG (<c>image/svg+xml</c>): a computation graph, a heatmap, a decision boundary, a
/// grid of digit images, a confusion matrix. Each has a short text form, which text-only hosts show and output diffs
/// compare.
/// </summary>
/// <remarks>
/// Unlike a Plotly.NET chart, the picture is a static document drawn by this library and needs no script: it shows in
/// every host, on GitHub and offline, and the same data always gives the same document.
/// </remarks>
public sealed class SvgImage
{
    internal SvgImage(string svg, string text)
    {
        Svg = svg;
        Text = text;
    }

    /// <summary>The SVG document shown.</summary>
    public string Svg { get; }

    /// <summary>What the picture shows, in words: what text-only displays show.</summary>
    public string Text { get; }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
