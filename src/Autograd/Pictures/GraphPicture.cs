namespace Autograd;

/// <summary>Draws a graph as SVG or Graphviz DOT.</summary>
internal static class GraphPicture
{
    internal static string ToSvg(Node root) => throw new NotImplementedException();

    internal static string ToDot(Node root) => throw new NotImplementedException();
}
