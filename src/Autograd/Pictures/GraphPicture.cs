namespace Autograd;

/// <summary>
/// Draws the graph behind a result, as SVG or as Graphviz DOT. Both first collect the graph, which refuses one too
/// large to draw legibly (more than <see cref="PictureGraph.MaxNodes"/> nodes); the SVG is then laid out by
/// <see cref="GraphLayout"/> and written by <see cref="SvgWriter"/>, the DOT written by <see cref="DotWriter"/>.
/// </summary>
internal static class GraphPicture
{
    internal static string ToSvg(Node root) => SvgWriter.Write(PictureGraph.Collect(root, nameof(Node.ToSvg)));

    internal static string ToDot(Node root) => DotWriter.Write(PictureGraph.Collect(root, nameof(Node.ToDot)));
}
