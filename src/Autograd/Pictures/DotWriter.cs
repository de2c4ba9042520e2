using System.Text;

namespace Autograd;

/// <summary>
/// Writes a <see cref="PictureGraph"/> as Graphviz DOT text, for <c>dot -Tsvg</c> or an online viewer: the same boxes,
/// operation nodes and arrows as the SVG picture, but laid out by Graphviz.
/// </summary>
internal static class DotWriter
{
    internal static string Write(PictureGraph graph)
    {
        var dot = new StringBuilder();
        dot.Append("digraph {\n")
            .Append("  rankdir=LR;\n")
            .Append("  node [fontname=\"monospace\", fontsize=11];\n")
            .Append("  edge [color=\"#555555\"];\n");

        // Value node n is "v{n}" and its operation "op{n}", numbered in the order a walk from the result met them.
        foreach (var node in graph.Nodes)
        {
            var (fill, stroke, ink, style) = Colours(node, "#eef4fb", "#4a6fa5");
            string result = node == graph.Root ? ", penwidth=2" : "";
            dot.Append($"  v{node.Id} [shape=record, style=\"rounded,{style}\", fillcolor=\"{fill}\", color=\"{stroke}\", ")
                .Append($"fontcolor=\"{ink}\"{result}, label=\"{RecordLabel(node)}\"];\n");
            if (node.Op is not null)
            {
                (fill, stroke, ink, style) = Colours(node, "#fff4dc", "#c08a1e");
                dot.Append($"  op{node.Id} [shape=ellipse, style=\"{style}\", fillcolor=\"{fill}\", color=\"{stroke}\", ")
                    .Append($"fontcolor=\"{ink}\", label=\"{Quote(node.Op)}\"];\n");
            }
        }

        foreach (var node in graph.Nodes)
        {
            if (node.Op is null)
            {
                continue;
            }

            // One arrow per use, so b = a + a shows two.
            foreach (var input in node.Inputs)
            {
                string frozen = input.RequiresGrad ? "" : " [style=dashed, color=\"#9a9a9a\"]";
                dot.Append($"  v{input.Id} -> op{node.Id}{frozen};\n");
            }

            dot.Append($"  op{node.Id} -> v{node.Id};\n");
        }

        dot.Append("}\n");
        return dot.ToString();
    }

    private static (string Fill, string Stroke, string Ink, string Style) Colours(PictureNode node, string fill, string stroke) =>
        node.RequiresGrad ? (fill, stroke, "#222222", "filled") : ("#f4f4f4", "#9a9a9a", "#777777", "filled,dashed");

    /// <summary>
    /// The fields of a record, one under the other (with rankdir=LR, Graphviz stacks top-level fields vertically): the
    /// label, if any, then the node's lines.
    /// </summary>
    private static string RecordLabel(PictureNode node) =>
        string.Join("|", (node.Label is null ? node.Lines : node.Lines.Prepend(node.Label)).Select(field => Quote(field, inRecord: true)));

    /// <summary>
    /// Text made safe inside a DOT double-quoted string: quotes and backslashes take a backslash, and inside a
    /// record so do the braces, bars and angle brackets that structure it. Line breaks become spaces, as in the SVG.
    /// </summary>
    private static string Quote(string text, bool inRecord = false)
    {
        var quoted = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '"' or '\\' || (inRecord && c is '{' or '}' or '|' or '<' or '>'))
            {
                quoted.Append('\\').Append(c);
            }
            else
            {
                quoted.Append(c is '\n' or '\r' or '\t' ? ' ' : c);
            }
        }

        return quoted.ToString();
    }
}
